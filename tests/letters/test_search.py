"""The letters list's search, on whichever database the suite runs on: any part of a name,
e-mail or reference, words of the current text, in four languages, kept in step with
every write, combined with the filters, and never an error whatever is typed."""

from __future__ import annotations

import pytest
from alembic import command

from tests.conftest import World, word_file
from workflow.letters import queries
from workflow.letters.queries import LetterFilter, LetterPage, list_letters
from workflow.letters.search import TEXT, Search
from workflow.letters.states import State
from workflow.storage import schema
from workflow.storage.db import Database


def search(world: World, text: str, **filters: object) -> LetterPage:
    with world.installation.db.read() as session:
        return list_letters(session, LetterFilter(search=text, **filters))


def names(page: LetterPage) -> set[str]:
    return {row.customer_name for row in page.rows}


def test_part_of_a_name_finds_it_wherever_it_is_in_the_name(world: World) -> None:
    world.letter(customer_name="Jane Hartley")
    world.letter(customer_name="Tom Lockhart")
    world.letter(customer_name="Mary Smith")
    assert names(search(world, "Hart")) == {"Jane Hartley", "Tom Lockhart"}
    assert names(search(world, "hart")) == names(search(world, "HART")) == {"Jane Hartley", "Tom Lockhart"}
    assert names(search(world, "ley")) == {"Jane Hartley"}
    assert names(search(world, "jane hart")) == {"Jane Hartley"}


def test_part_of_a_reference_an_order_reference_or_an_e_mail_finds_it(world: World) -> None:
    letters = [world.letter(customer_name=f"Customer {n}", order_reference=f"ORD-{7700 + n}") for n in range(1, 11)]
    world.letter(customer_name="Ann Mail", customer_email="ann.mailer@shop.example")
    ninth = letters[8]
    assert ninth.reference.endswith("-00009")
    page = search(world, "00009")
    assert [row.reference for row in page.rows] == [ninth.reference]
    assert page.found[ninth.id].places == ("reference",)
    assert names(search(world, ninth.reference.lower())) == {"Customer 9"}
    assert names(search(world, "ord-7703")) == {"Customer 3"}
    mail = search(world, "mailer@sho")
    assert names(mail) == {"Ann Mail"} and mail.found[mail.rows[0].id].places == ("e-mail",)


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("María López", "maria"),
        ("María López", "LOPEZ"),
        ("Zoë Ñúñez", "zoe nunez"),
        ("Георги Иванов", "георги"),
        ("Георги Иванов", "ИВАН"),
        ("IŞIK Yılmaz", "ışık"),
        ("ışık Yılmaz", "IŞIK"),
        ("Işık Yılmaz", "isik"),
        ("İsmail Öztürk", "ismail oz"),
        ("Jürgen Straße", "strasse"),
    ],
)
def test_names_are_found_whatever_their_case_and_accents(world: World, written: str, typed: str) -> None:
    world.letter(customer_name=written)
    world.letter(customer_name="Someone Else")
    assert names(search(world, typed)) == {written}


@pytest.mark.parametrize(
    ("language", "text", "typed", "word"),
    [
        ("en", "We have refunded nothing, since the prints arrived on time.", "PRINT", "prints"),
        ("es", "La devolución no procede: el álbum llegó a tiempo.", "devolucion album", "devolución"),
        ("bg", "Благодарим Ви за поръчката. Албумът пристигна навреме.", "поръчка", "поръчката"),
        ("tr", "Siparişiniz zamanında teslim edildi; IŞIK ayarı doğruydu.", "ışık", "IŞIK"),
        ("tr", "Siparişiniz zamanında teslim edildi; ışık ayarı doğruydu.", "SIPARIS", "Siparişiniz"),
    ],
)
def test_words_of_the_letter_text_are_found_in_each_language(
    world: World, language: str, text: str, typed: str, word: str
) -> None:
    letter = world.letter(customer_name="Text Owner", language=language)
    world.fire("edit", letter, "ana", body=text)
    world.letter(customer_name="Other Customer", language=language)
    page = search(world, typed)
    assert names(page) == {"Text Owner"}
    found = page.found[letter.id]
    assert found.places == ("letter text",) and found.snippet is not None
    assert found.snippet.word == word
    assert f"{found.snippet.before}{found.snippet.word}{found.snippet.after}" in " ".join(text.split())


def test_every_word_typed_must_be_in_the_text_and_a_word_only_matches_from_its_start(world: World) -> None:
    letter = world.letter(customer_name="Text Owner")
    world.fire("edit", letter, "ana", body="The wedding album arrived late.")
    assert names(search(world, "album late")) == {"Text Owner"}
    assert names(search(world, "album early")) == set()
    assert names(search(world, "bum")) == set(), "the middle of a word of the text is not a word's start"


def test_the_index_follows_the_current_text_through_edits_and_hand_backs(world: World) -> None:
    letter = world.letter(customer_name="Edited Customer", amount="5000.00")
    world.fire("edit", letter, "ana", body="The canvas arrived intact.")
    assert names(search(world, "canvas")) == {"Edited Customer"}
    world.fire("edit", letter, "ana", body="The poster arrived intact.")
    assert names(search(world, "canvas")) == set()
    assert names(search(world, "poster")) == {"Edited Customer"}

    letter = world.fire("approve_tone", world.to_review(letter), "ben")
    assert letter.state == State.LEGAL_REVIEW
    world.fire(
        "hand_back",
        letter,
        "carla",
        upload=("edited.docx", word_file("The lawyer's calendar wording.")),
        comment="The wording of the calendar.",
    )
    assert names(search(world, "calendar")) == {"Edited Customer"}
    assert names(search(world, "poster")) == set()


def test_a_withdrawn_letter_is_still_found(world: World) -> None:
    letter = world.letter(customer_name="Wanda Withdrawn")
    world.fire("withdraw", letter, "ana", reason="The refund was granted after all.")
    page = search(world, "withdr")
    assert [row.state for row in page.rows] == [State.WITHDRAWN]


def test_the_search_and_the_filters_narrow_together(world: World) -> None:
    dollars = world.letter("100.00", "USD", customer_name="Hart Dollar")
    euros = world.letter("2500.00", "EUR", customer_name="Hart Euro", language="es")
    by_eve = world.letter("300.00", "EUR", customer_name="Hart Eve", author="eve")
    world.letter("2500.00", "EUR", customer_name="Other Euro")
    world.fire("finish_draft", dollars, "ana")
    assert names(search(world, "hart")) == {"Hart Dollar", "Hart Euro", "Hart Eve"}
    assert names(search(world, "hart", state=State.WAITING)) == {"Hart Dollar"}
    assert names(search(world, "hart", currency="EUR")) == {"Hart Euro", "Hart Eve"}
    assert names(search(world, "hart", currency="EUR", amount_min=200000, amount_max=300000)) == {"Hart Euro"}
    assert names(search(world, "hart", author_id=world.people["eve"].id)) == {"Hart Eve"}
    assert names(search(world, "hart", language="es")) == {"Hart Euro"}
    assert names(search(world, "hart", state=State.SENT)) == set()
    assert search(world, "hart", currency="EUR").total == 2
    assert {euros.id, by_eve.id} == {row.id for row in search(world, "hart", currency="EUR").rows}


def test_a_search_shorter_than_a_trigram_still_finds_parts_of_names(world: World) -> None:
    world.letter(customer_name="Bo Li")
    world.letter(customer_name="Mary Smith")
    assert names(search(world, "li")) == {"Bo Li"}
    assert names(search(world, "ı")) == {"Bo Li", "Mary Smith"}, "a lone dotless i is any i"
    assert names(search(world, "q")) == set()


def test_many_matches_are_counted_and_ordered_as_a_few_are(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the count's cap the search is a membership test instead of a list of ids: the
    same letters come out, in the same order, and an unfiltered count stops at the cap."""
    made = [world.letter(currency="EUR" if n in (1, 3) else "USD", customer_name=f"Hart {n}") for n in range(5)]
    world.letter(customer_name="Mary Smith")
    newest_first = [letter.id for letter in reversed(made)]
    with world.installation.db.read() as session:
        few = Search("hart").matches(session, cap=10)
        many = Search("hart").matches(session, cap=2)
        assert many.beyond_cap
        for matches in (few, many):
            ordered = queries._row_query().where(matches.in_order).order_by(*queries._ORDER[queries.Sort.NEWEST])
            assert [row.id for row in queries._rows(session, ordered, matches.params)] == newest_first
        monkeypatch.setattr(queries, "SEARCH_COUNT_CAP", 2)
        page = list_letters(session, LetterFilter(search="hart"), page_size=2)
        assert page.total_text == "more than 2" and [row.id for row in page.rows] == newest_first[:2]
        euros = list_letters(session, LetterFilter(search="hart", currency="EUR"), page_size=2)
        assert euros.total == 2 and [row.id for row in euros.rows] == [made[3].id, made[1].id]
        dollars = list_letters(session, LetterFilter(search="hart", currency="USD"), page_size=2)
        assert dollars.total_text == "more than 2" and dollars.has_next
        assert list_letters(session, LetterFilter(), page_size=2).total == 6, "the unsearched list keeps its own cap"


def test_each_index_is_asked_alone_and_only_one_that_lists_many_is_checked_row_by_row(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "order" is in every letter's text and in one customer's name: past the cap the
    words' index becomes a row-by-row check while the fields' index still gives its one
    id, and the page holds the same letters, in the same order, found in the same places
    as when both indexes list few."""
    made = [world.letter(customer_name=f"Customer {n}") for n in range(4)]
    collie = world.letter(customer_name="Border Collie")
    with world.installation.db.read() as session:
        few = list_letters(session, LetterFilter(search="order"), page_size=2)
        monkeypatch.setattr(queries, "SEARCH_COUNT_CAP", 2)
        matches = Search("order").matches(session, cap=2)
        many = list_letters(session, LetterFilter(search="order"), page_size=2)
    assert matches.beyond_cap and matches.in_text is None
    assert few.total == 5 and many.total_text == "more than 2"
    for page in (few, many):
        assert [row.id for row in page.rows] == [collie.id, made[3].id]
        assert page.found[collie.id].places == ("customer name", TEXT)
        assert page.found[made[3].id].places == (TEXT,)


def test_a_text_the_words_index_did_not_list_is_not_read_for_a_snippet(world: World) -> None:
    world.letter(customer_name="Jane Smith")
    with world.installation.db.read() as session:
        matches = Search("smith").matches(session, cap=10)
    assert matches.in_text == frozenset()
    assert matches.text_of(1, "Dear Smith, thank you") == ""
    page = search(world, "smith")
    assert [found.places for found in page.found.values()] == [("customer name",)]


HOSTILE = [
    '"',
    '""',
    'a" OR "b',
    "NEAR",
    "NEAR(hart smith)",
    "hart NEAR smith",
    "*",
    "hart*",
    "-",
    "-hart",
    "^hart",
    "hart AND smith",
    "hart OR smith",
    "NOT hart",
    "customer_name:hart",
    "fields:hart",
    "(hart)",
    "%",
    "%%",
    "_",
    "__",
    "h_rt",
    "ha%t",
    "\\",
    "\\%",
    "'",
    "hart'; DROP TABLE letters; --",
    "'hart':*",
    "hart & smith | !x",
    "a:*",
    "x" * 5000,
    "hart " * 400,
    "🙂",
    "\u0301",
    "ﷺ",
]


# What the hostile searches rightly find among "Jane Hartley" and "Mary Smith" (both with
# the default text): a dash is in every reference, and "a" begins "as" and "agreed".
FOUND_BY_HOSTILE = {"-": {"Jane Hartley", "Mary Smith"}, "a:*": {"Jane Hartley", "Mary Smith"}}


@pytest.mark.parametrize("typed", HOSTILE, ids=lambda t: repr(t[:24]))
def test_hostile_searches_never_fail_and_match_only_what_they_say(world: World, typed: str) -> None:
    world.letter(customer_name="Jane Hartley")
    world.letter(customer_name="Mary Smith")
    assert names(search(world, typed)) == FOUND_BY_HOSTILE.get(typed, set())


def test_letters_written_before_the_search_index_are_indexed_by_its_migration(database_url: str, tmp_path) -> None:
    """Migration 0008 fills the index for the letters already there."""
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite'}" if database_url.startswith("sqlite") else database_url)
    try:
        with db.engine.begin() as connection:
            if db.dialect == "postgresql":
                connection.exec_driver_sql("DROP SCHEMA public CASCADE")
                connection.exec_driver_sql("CREATE SCHEMA public")
            command.upgrade(schema._alembic(connection), "0005")
            for statement in OLD_LETTER:
                connection.exec_driver_sql(statement)
        schema.upgrade(db)
        with db.read() as session:
            for typed in ("oldtim", "framed"):
                page = list_letters(session, LetterFilter(search=typed))
                assert [row.customer_name for row in page.rows] == ["Olga Oldtimer"]
    finally:
        db.dispose()


def test_migration_0012_remakes_the_words_index_with_prefixes_and_keeps_finding_letters(tmp_path) -> None:
    """SQLite's words table is made again, with its prefix indexes, from the rows already
    there; its downgrade makes it as before, and both find the letter by a word's start."""
    db = Database(f"sqlite:///{tmp_path / 'old.sqlite'}")
    try:
        with db.engine.begin() as connection:
            command.upgrade(schema._alembic(connection), "0005")
            for statement in OLD_LETTER:
                connection.exec_driver_sql(statement)
        schema.upgrade(db)
        for revision, prefixed in (("0011", False), ("head", True)):
            with db.engine.begin() as connection:
                alembic = schema._alembic(connection)
                (command.downgrade if revision == "0011" else command.upgrade)(alembic, revision)
                made = connection.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = 'letter_search_words_fts'"
                ).scalar_one()
            assert ("prefix='2 3 4 5 6'" in made) is prefixed
            with db.read() as session:
                for typed in ("fr", "fram", "framed print"):
                    page = list_letters(session, LetterFilter(search=typed))
                    assert [row.customer_name for row in page.rows] == ["Olga Oldtimer"]
    finally:
        db.dispose()


# Written as the tables were at migration 0005, in plain SQL, as a letter of that time was.
OLD_LETTER = (
    "INSERT INTO users (id, username, display_name, title, email, phone, roles, password_hash, active, "
    "session_epoch, created_at) VALUES (1, 'old', 'Old Author', '', '', '', 'author', 'x', true, 0, "
    "'2026-01-01 00:00:00')",
    "INSERT INTO letters (id, reference, state, revision, author_id, created_at, updated_at, customer_name, "
    "customer_email, postal_address, order_reference, amount_minor, currency, language, customer_reason, reasons, "
    "policy_clause, reason_details, concession, hardship, internal_notes, current_version, review_round, escalated) "
    "VALUES (1, 'TL-2026-00001', 'draft', 1, 1, '2026-01-02 00:00:00', '2026-01-02 00:00:00', 'Olga Oldtimer', '', "
    "'', 'ORD-1', 100, 'USD', 'en', 'Late.', 'delivered_on_time', '', '', 'none', '', '', 1, 0, false)",
    "INSERT INTO letter_versions (id, letter_id, number, body, sha256, author_id, source, created_at) VALUES "
    "(1, 1, 1, 'The framed print came in March.', '', 1, 'author', '2026-01-02 00:00:00')",
)
