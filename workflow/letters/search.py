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
from functools import cached_property
from typing import Any

from sqlalchemy import Select, Table, and_, column, func, literal_column, or_, select, table, text
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


@dataclass(frozen=True)
class Snippet:
    """A few words of the text around the first word found, as written: a page shows
    `word` highlighted between the two others."""

    before: str
    word: str
    after: str


@dataclass(frozen=True)
class Found:
    """Where a search found one letter: the fields (by name) and the letter text (with a snippet)."""

    places: tuple[str, ...]
    snippet: Snippet | None = None

    @property
    def sentence(self) -> str:
        """ "Found in the customer name and the letter text"."""
        named = [f"the {place}" for place in self.places]
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
    them)."""

    in_order: ColumnElement[bool]
    to_count: ColumnElement[bool]
    beyond_cap: bool
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
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            session.execute(_INDEXES_FIRST)
        listed: set[int] = set()
        checks: list[ColumnElement[bool]] = []
        lists: list[ColumnElement[bool]] = []
        in_text: frozenset[int] | None = frozenset()
        for searched, finder in self._indexes(dialect):
            found = session.connection().execute(finder.limit(cap + 1)).scalars().all()
            if len(found) > cap:
                checks.append(self._own_row(searched, dialect))
                lists.append(col(Letter.id).in_(finder))
            else:
                listed.update(found)
            if searched is WORDS:
                in_text = None if len(found) > cap else frozenset(found)
        ids = col(Letter.id).in_(sorted(listed))
        if not checks:
            return Matches(ids, ids, len(listed) > cap, in_text)
        known = [ids] if listed else []
        return Matches(or_(*known, *checks), or_(*known, *lists), True, in_text)

    def _indexes(self, dialect: str) -> list[tuple[Table, Select[Any]]]:
        """Each search table this search looks in, and the ids its index lists."""
        indexes = []
        if self.phrase:
            if dialect == "sqlite" and len(self.phrase) >= TRIGRAM:
                finder = select(_FIELDS_FTS.c.rowid).where(_FIELDS_FTS.c.fields.match(_fts5_string(self.phrase)))
            else:
                finder = select(FIELDS.c.letter_id).where(self._in_fields(dialect))
            indexes.append((FIELDS, finder))
        if self.words:
            if dialect == "sqlite":
                starts = " ".join(f"{_fts5_string(w)}*" for w in self.words)
                finder = select(_WORDS_FTS.c.rowid).where(_WORDS_FTS.c.words.match(starts))
            else:
                finder = select(WORDS.c.letter_id).where(self._in_words(dialect))
            indexes.append((WORDS, finder))
        return indexes

    def _own_row(self, searched: Table, dialect: str) -> ColumnElement[bool]:
        """This search as a test of one letter's own row of the search table `searched`.
        OFFSET 0 keeps PostgreSQL from turning the test into a list of every match, which
        it would read in full before the first row (all 100,000 for a word in every
        letter). Only the letters table is the outer query's: a page's query joins the
        search tables too (`with_where_found`), and the test reads its own row of them."""
        owner = searched.c.letter_id
        test = self._in_fields(dialect) if searched is FIELDS else self._in_words(dialect)
        return select(owner).where(owner == col(Letter.id), test).correlate(_LETTERS).offset(0).exists()

    def _in_fields(self, dialect: str) -> ColumnElement[bool]:
        """The phrase inside a row's fields: on PostgreSQL as a LIKE pattern, its wildcards
        escaped, which the trigram index serves; on SQLite, whose FTS5 table finds phrases
        of a trigram or more, `instr`, which compares characters and reads no pattern."""
        if dialect == "postgresql":
            return FIELDS.c.fields.like("%" + re.sub(r"([\\%_])", r"\\\1", self.phrase) + "%", escape="\\")
        return func.instr(FIELDS.c.fields, self.phrase) > 0

    def _in_words(self, dialect: str) -> ColumnElement[bool]:
        """Every word at the start of a word of a row's words: through the tsvector on
        PostgreSQL, and on SQLite as a space and the word in the space-separated words,
        asked only of the rows that hold the word at all (most do not, and the test
        without the space copies no text)."""
        if dialect == "postgresql":
            query = " & ".join(f"'{w}':*" for w in self.words)
            return WORDS.c.words.bool_op("@@")(func.to_tsquery(literal_column("'simple'::regconfig"), query))
        return and_(
            *(
                test
                for w in self.words
                for test in (func.instr(WORDS.c.words, w) > 0, func.instr(" " + WORDS.c.words, " " + w) > 0)
            )
        )

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


_SPACES = re.compile(r"\s+")


def _one_line(text: str) -> str:
    return _SPACES.sub(" ", text)


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
