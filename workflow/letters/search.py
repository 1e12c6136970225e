"""The letters list's search: what someone typed, the letters it finds, and where it found
them on each row shown.

One box finds a letter two ways (either is enough):

- the whole search, folded (`folding.fold`), anywhere inside the reference, the order
  reference, the customer's name or e-mail: "Hart" finds "Jane Hartley" and "Lockhart",
  "00009" finds TL-2026-00009, "maria" finds "María";
- every word of it at the beginning of a word of the letter's current text: "refund late"
  finds a text with "refunded" and "lateness". Words' beginnings stand in for stemming,
  which neither database offers for all four languages (SQLite for none, PostgreSQL not for
  Bulgarian), and they suit Turkish, which builds words by adding to their end.

Full-text indexes answer both (`search_index`). A search shorter than a trigram, which no
trigram index can serve, finds fields by reading the narrow fields table from end to end:
about 12 ms on SQLite at 100,000 letters, bounded by the number of letters.

Nothing typed ever reaches either database as syntax: the substring goes to FTS5 as one
quoted string and to PostgreSQL as a LIKE pattern with its wildcards escaped, and the words
are runs of letters and digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, NamedTuple

from sqlalchemy import (
    Integer,
    Select,
    Table,
    Text,
    and_,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from workflow.letters.folding import LONGEST_WORD, WORD, fold, written_span
from workflow.letters.models import Letter, LetterVersion
from workflow.letters.search_index import FIELD_NAMES, FIELDS, FIELDS_FTS, SEPARATOR, WORDS, WORDS_FTS
from workflow.storage.orm import table as model_table

TRIGRAM = 3

MOST_WORDS = 16

SNIPPET_CONTEXT = 60

TEXT = "letter text"


class Snippet(NamedTuple):
    """A few words of the text around the first word found, as written: a page shows
    `word` highlighted between the two others. A named tuple, like `Found`: made fifty
    times a page, three times quicker than a frozen dataclass."""

    before: str
    word: str
    after: str


class Found(NamedTuple):
    """Where a search found one letter: the fields (by name) and the letter text (with a snippet)."""

    places: tuple[str, ...]
    snippet: Snippet | None = None

    @property
    def sentence(self) -> str:
        """ "Found in the customer name and the letter text"."""
        return _sentence(self.places)


@cache
def _sentence(places: tuple[str, ...]) -> str:
    """Made once for each of the few sets of places there are, not fifty times a page."""
    named = [f"the {place}" for place in places]
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"Found in {listed}" if named else ""


# PostgreSQL guesses that any word's beginning is in 2% of the texts, and from that guess it
# reads the whole words table rather than its index when only the first ids are wanted (60
# ms at 100,000 letters, against well under one through the index). For the rest of the
# list's read transaction (the search, the count and the page, all served by indexes) it
# is told to prefer them.
_INDEXES_FIRST = text("SET LOCAL enable_seqscan = off")


@dataclass(frozen=True)
class Matches:
    """The letters a search finds, as conditions on the letters table: `in_order` for the
    page, `to_count` for counting them with other filters, and whether the indexes alone
    list more of them than the count's cap (then, with no other filter, nothing need count
    them).

    The conditions are built once for each `shape` and hold bound parameters, whose values
    are `params`: every statement made with them is executed with `params`, and a caller
    may keep a statement made from them under their `shape` (building the search's
    expressions again for each page cost it about 0.3 ms)."""

    in_order: ColumnElement[bool]
    to_count: ColumnElement[bool]
    beyond_cap: bool
    params: dict[str, Any]
    shape: tuple[Any, ...]
    in_text: frozenset[int] | None = None
    """The letters whose text has the words, when the words' index listed them all (none
    for a surname part): no other letter's text need be read for a snippet."""

    def text_of(self, letter_id: int, body: str) -> str:
        """`body`, or nothing when the index says this letter's text has not the words."""
        return body if self.in_text is None or letter_id in self.in_text else ""


@dataclass(frozen=True)
class Search:
    """What someone typed, folded once for every use."""

    typed: str

    @cached_property
    def phrase(self) -> str:
        """The whole search as the fields are stored: folded, its spaces single."""
        return " ".join(fold(self.typed).split())

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The words to find in the text, the first `MOST_WORDS` of them; none when one is
        longer than any word the index keeps, since then no text can match."""
        found = tuple(dict.fromkeys(WORD.findall(self.phrase)))
        return () if any(len(w) > LONGEST_WORD for w in found) else found[:MOST_WORDS]

    def matches(self, session: Session, cap: int) -> Matches:
        """The letters this search finds, as a condition on the letters table in the shape
        that is quick for how many there are.

        Neither database's planner can guess how many rows a full-text match gives, and the
        quick plans differ with it. So each full-text index (the fields', the words') is
        asked first for the letters it lists, up to `cap`. An index that lists no more
        gives its ids: those letters are fetched by id and sorted, and none is tested
        against that index's table (a surname part is not in any text: "mith" reads no
        letter's words). An index that lists more gives a test instead: each letter is
        checked against its own row of that search table as the list's order is walked on
        the letters' own index: with one letter in a hundred or more matching, the first
        page comes after a few thousand quick checks at most, where listing every match
        from the index (all 100,000 for a word in every letter) would cost more than the
        page, and sorting them much more. Counting them among other filters is the other
        way round: the indexes' lists are read once and the count stops at its cap, where
        checking row by row could walk every letter the filters let through.
        """
        connection = session.connection()
        dialect = connection.dialect.name
        if dialect == "postgresql":
            connection.execute(_INDEXES_FIRST)
        params = self._params(dialect)
        listed: set[int] = set()
        checked: list[str] = []
        in_text: frozenset[int] | None = frozenset()
        for searched in self._searched():
            finder = _first_listed(dialect, searched, self._short, len(self.words))
            found = connection.execute(finder, {**params, "search_limit": cap + 1}).scalars().all()
            if len(found) > cap:
                checked.append(searched)
            else:
                listed.update(found)
            if searched == _WORDS:
                in_text = None if len(found) > cap else frozenset(found)
        shape = (dialect, bool(listed), tuple(checked), self._short, len(self.words))
        in_order, to_count = search_conditions(shape)
        params["search_ids"] = sorted(listed)
        return Matches(in_order, to_count, bool(checked) or len(listed) > cap, params, shape, in_text)

    def _searched(self) -> list[str]:
        """The search tables this search looks in."""
        return [name for name, wanted in ((_FIELDS, self.phrase), (_WORDS, self.words)) if wanted]

    @property
    def _short(self) -> bool:
        """Shorter than a trigram, which SQLite's trigram index cannot serve."""
        return len(self.phrase) < TRIGRAM

    def _params(self, dialect: str) -> dict[str, Any]:
        """The values of the bound parameters in `_listed`'s and `search_conditions`' statements."""
        if dialect == "postgresql":
            return {
                "search_pattern": "%" + re.sub(r"([\\%_])", r"\\\1", self.phrase) + "%",
                "search_starts": " & ".join(f"'{w}':*" for w in self.words),
            }
        return {
            "search_phrase": self.phrase,
            "search_fts_phrase": _fts5_string(self.phrase),
            "search_fts_starts": " ".join(f"{_fts5_string(w)}*" for w in self.words),
            **{f"search_word_{n}": w for n, w in enumerate(self.words)},
            **{f"search_spaced_{n}": f" {w}" for n, w in enumerate(self.words)},
        }

    @cached_property
    def _first_word(self) -> re.Pattern[str]:
        starts = "|".join(re.escape(w) for w in self.words)
        return re.compile(rf"(?<![^\W_])(?:{starts})[^\W_]*")

    def found(self, fields: str, body: str) -> Found:
        """Where this search finds a letter with these folded fields and this text (empty
        when the index said the text has not the words: `Matches.text_of`)."""
        places = [
            name for name, value in zip(FIELD_NAMES, fields.split(SEPARATOR), strict=True) if self.phrase in value
        ]
        snippet = self._snippet(body) if self.words and body else None
        return Found((*places, TEXT) if snippet else tuple(places), snippet)

    def _snippet(self, body: str) -> Snippet | None:
        match = self._first_word.search(fold(body))
        if match is None:
            return None
        start, end = written_span(body, match.start(), match.end())
        before, after = body[max(0, start - SNIPPET_CONTEXT) : start], body[end : end + SNIPPET_CONTEXT]
        if start > SNIPPET_CONTEXT:
            before = "…" + before.partition(" ")[2]
        if end + SNIPPET_CONTEXT < len(body):
            after = after.rpartition(" ")[0] + "…"
        return Snippet(_one_line(before), body[start:end], _one_line(after))


_LETTERS = model_table(Letter)

_FIELDS_FTS = table(FIELDS_FTS, column("rowid"), column("fields"))

_WORDS_FTS = table(WORDS_FTS, column("rowid"), column("words"))


_FIELDS, _WORDS = FIELDS.name, WORDS.name


def _searched_table(searched: str) -> Table:
    return FIELDS if searched == _FIELDS else WORDS


@cache
def _first_listed(dialect: str, searched: str, short: bool, words: int) -> Select[Any]:
    """The first `search_limit` ids of `_listed`."""
    return _listed(dialect, searched, short, words).limit(bindparam("search_limit", type_=Integer))


@cache
def _listed(dialect: str, searched: str, short: bool, words: int) -> Select[Any]:
    """The ids the index of the search table `searched` lists for the search; made once
    for each kind (`Search._params` gives the values). A phrase shorter than a trigram
    is looked for in SQLite's fields table itself."""
    if dialect == "sqlite" and searched == _FIELDS and not short:
        query = select(_FIELDS_FTS.c.rowid).where(_FIELDS_FTS.c.fields.match(bindparam("search_fts_phrase")))
    elif dialect == "sqlite" and searched == _WORDS:
        query = select(_WORDS_FTS.c.rowid).where(_WORDS_FTS.c.words.match(bindparam("search_fts_starts")))
    else:
        owner = _searched_table(searched).c.letter_id
        query = select(owner).where(_test(dialect, searched, words))
    return query


@cache
def search_conditions(shape: tuple[Any, ...]) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """`Matches.in_order` and `Matches.to_count` for a search of this shape (`Matches.shape`),
    made once: the ids the indexes listed (`search_ids`), or-ed with a test of each
    letter's own row of each search table whose index listed more than the cap (for the
    page), or with that index's list (for counting)."""
    dialect, listed, checked, short, words = shape
    ids = col(Letter.id).in_(bindparam("search_ids", expanding=True))
    if not checked:
        return ids, ids
    known = [ids] if listed else []
    own_rows = [_own_row(dialect, searched, words) for searched in checked]
    lists = [col(Letter.id).in_(_listed(dialect, searched, short, words)) for searched in checked]
    return or_(*known, *own_rows), or_(*known, *lists)


def _own_row(dialect: str, searched: str, words: int) -> ColumnElement[bool]:
    """The search as a test of one letter's own row of the search table `searched`.
    OFFSET 0 keeps PostgreSQL from turning the test into a list of every match, which
    it would read in full before the first row (all 100,000 for a word in every
    letter). Only the letters table is the outer query's: a page's query joins the
    search tables too (`with_where_found`), and the test reads its own row of them."""
    owner = _searched_table(searched).c.letter_id
    test = _test(dialect, searched, words)
    return select(owner).where(owner == col(Letter.id), test).correlate(_LETTERS).offset(0).exists()


def _test(dialect: str, searched: str, words: int) -> ColumnElement[bool]:
    """The search as a test of a row of the search table `searched`.

    The phrase inside a row's fields: on PostgreSQL as a LIKE pattern, its wildcards
    escaped, which the trigram index serves; on SQLite, whose FTS5 table finds phrases
    of a trigram or more, `instr`, which compares characters and reads no pattern.

    Every word at the start of a word of a row's words: through the tsvector on
    PostgreSQL, and on SQLite as a space and the word in the space-separated words,
    asked only of the rows that hold the word at all (most do not, and the test
    without the space copies no text)."""
    if searched == _FIELDS:
        if dialect == "postgresql":
            return FIELDS.c.fields.like(bindparam("search_pattern", type_=Text), escape="\\")
        return func.instr(FIELDS.c.fields, bindparam("search_phrase", type_=Text)) > 0
    if dialect == "postgresql":
        starts = func.to_tsquery(literal_column("'simple'::regconfig"), bindparam("search_starts", type_=Text))
        return WORDS.c.words.bool_op("@@")(starts)
    spaced = " " + WORDS.c.words
    return and_(
        *(
            test
            for n in range(words)
            for test in (
                func.instr(WORDS.c.words, bindparam(f"search_word_{n}", type_=Text)) > 0,
                func.instr(spaced, bindparam(f"search_spaced_{n}", type_=Text)) > 0,
            )
        )
    )


def _one_line(text: str) -> str:
    """`text` with each run of spaces and line breaks as one space, at its ends too: a
    split and a join, three times quicker than a regular expression's substitution."""
    joined = " ".join(text.split())
    before = " " if text[:1].isspace() else ""
    after = " " if joined and text[-1:].isspace() else ""
    return before + joined + after


def _fts5_string(text: str) -> str:
    """`text` as one FTS5 string: in double quotes, its own double quotes doubled, so no
    operator (NEAR, AND, *, -, ^, column filters) in it is read as one."""
    return '"' + text.replace('"', '""') + '"'


def with_where_found(query: Select[Any]) -> Select[Any]:
    """`query` (rows of the letters table) with each letter's searched fields and current
    text beside it, as `searched_fields` and `current_body`, which `Search.found` reads:
    the page and where each of its letters was found come from one query, and only the
    rows on the page are joined."""
    return (
        query.add_columns(FIELDS.c.fields.label("searched_fields"), col(LetterVersion.body).label("current_body"))
        .join(FIELDS, FIELDS.c.letter_id == col(Letter.id))
        .join(
            LetterVersion,
            and_(
                col(LetterVersion.letter_id) == col(Letter.id), col(LetterVersion.number) == col(Letter.current_version)
            ),
        )
    )
