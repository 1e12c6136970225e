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

Full-text indexes answer both (`search_index`). A search shorter than a trigram finds
fields by reading the narrow fields table from end to end (LIKE): at 100,000 letters that
is a few milliseconds, bounded by the number of letters.

Nothing typed ever reaches either database as syntax: the substring goes to FTS5 as one
quoted string and to PostgreSQL as a LIKE pattern with its wildcards escaped, and the words
are runs of letters and digits only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Select, and_, column, func, literal_column, or_, select, table, text
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from workflow.letters.folding import LONGEST_WORD, WORD, fold, written_span
from workflow.letters.models import Letter, LetterVersion
from workflow.letters.search_index import FIELD_NAMES, FIELDS, FIELDS_FTS, SEPARATOR, WORDS, WORDS_FTS

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
    """The letters a search finds, as a condition on the letters table, and whether the
    indexes alone list more of them than the count's cap (then, with no other filter,
    the list need not count them)."""

    condition: ColumnElement[bool]
    beyond_cap: bool


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
        quick plans differ with it: a few matches are best fetched by id and sorted, many
        are best met while walking the list's order on the letters' own index (the first
        page comes quickly, a count stops at its cap, and nothing sorts thousands of rows).
        So the indexes are asked first, for up to `cap` letters each: when that is all there
        is, the ids are the condition, else a membership test in the indexes' lists. On
        SQLite that test is on `id + 0`, which no index serves, so its planner walks the
        letters instead of driving the query from the lists.
        """
        dialect = session.get_bind().dialect.name
        if dialect == "postgresql":
            session.execute(_INDEXES_FIRST)
        finders = [
            *([self._in_fields(dialect)] if self.phrase else []),
            *([self._in_words(dialect)] if self.words else []),
        ]
        found: set[int] = set()
        for finder in finders:
            found.update(session.scalars(finder.limit(cap + 1)))
        if len(found) <= cap:
            return Matches(col(Letter.id).in_(sorted(found)), beyond_cap=False)
        letter_id = col(Letter.id) + 0 if dialect == "sqlite" else col(Letter.id)
        return Matches(or_(*(letter_id.in_(finder) for finder in finders)), beyond_cap=True)

    def _in_fields(self, dialect: str) -> Select[Any]:
        if dialect == "sqlite" and len(self.phrase) >= TRIGRAM:
            fts = table(FIELDS_FTS, column("rowid"), column("fields"))
            return select(fts.c.rowid).where(fts.c.fields.match(_fts5_string(self.phrase)))
        pattern = "%" + re.sub(r"([\\%_])", r"\\\1", self.phrase) + "%"
        return select(FIELDS.c.letter_id).where(FIELDS.c.fields.like(pattern, escape="\\"))

    def _in_words(self, dialect: str) -> Select[Any]:
        if dialect == "sqlite":
            fts = table(WORDS_FTS, column("rowid"), column("words"))
            return select(fts.c.rowid).where(fts.c.words.match(" ".join(f"{_fts5_string(w)}*" for w in self.words)))
        query = func.to_tsquery(literal_column("'simple'::regconfig"), " & ".join(f"'{w}':*" for w in self.words))
        return select(WORDS.c.letter_id).where(WORDS.c.words.bool_op("@@")(query))

    @cached_property
    def _first_word(self) -> re.Pattern[str]:
        starts = "|".join(re.escape(w) for w in self.words)
        return re.compile(rf"(?<![^\W_])(?:{starts})[^\W_]*")

    def found(self, fields: str, body: str) -> Found:
        """Where this search finds a letter with these folded fields and this text."""
        places = [
            name for name, value in zip(FIELD_NAMES, fields.split(SEPARATOR), strict=True) if self.phrase in value
        ]
        snippet = self._snippet(body) if self.words else None
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


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _fts5_string(text: str) -> str:
    """`text` as one FTS5 string: in double quotes, its own double quotes doubled, so no
    operator (NEAR, AND, *, -, ^, column filters) in it is read as one."""
    return '"' + text.replace('"', '""') + '"'


def found_on_page(session: Session, search: Search, letter_ids: list[int]) -> dict[int, Found]:
    """Where the search found each letter of one page: one query for the page's fields and
    current texts, whatever the page holds."""
    if not letter_ids:
        return {}
    query = (
        select(col(Letter.id), FIELDS.c.fields, col(LetterVersion.body))
        .join(FIELDS, FIELDS.c.letter_id == col(Letter.id))
        .join(
            LetterVersion,
            and_(
                col(LetterVersion.letter_id) == col(Letter.id), col(LetterVersion.number) == col(Letter.current_version)
            ),
        )
        .where(col(Letter.id).in_(letter_ids))
    )
    return {letter_id: search.found(fields, body) for letter_id, fields, body in session.execute(query)}
