"""What the letters list's search looks in, written in the same transaction as the letter.

Two tables hold each letter's searchable text, folded in Python (`folding.fold`) so both
databases see exactly the same characters and the search folds what is typed the same way:

- `letter_search_fields`: the reference, order reference, customer name and e-mail, side by
  side with a separator no typed text can hold (`clean` drops it), so a search never
  matches across two of them; found anywhere inside (substring search).
- `letter_search_words`: the words of the letter's current text, each once; found by the
  words' beginnings ("refund" finds "refunded").

Each database indexes them its own way; migration 0008 makes what `index_sql` lists:

- SQLite: two FTS5 tables that read their text from these (external content) and are kept
  in step by triggers: the `trigram` tokenizer for substrings, `unicode61` for words (with
  prefix indexes since migration 0012).
- PostgreSQL: a pg_trgm GIN index on the fields (LIKE '%…%' uses it), and the words stored
  as a `tsvector` ('simple' configuration: no stemming, the text is already folded) under
  a GIN index.

The decision record's searched fields are written once, when the letter is created; a new
text comes from the triggers that make a version (edit, hand back), which re-index it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Text, and_, bindparam, func, insert, literal_column, select, update
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Field, Session, SQLModel

from workflow.letters.folding import fold, words
from workflow.letters.models import Letter, LetterVersion
from workflow.storage.orm import table

SEPARATOR = "\x1f"

FIELD_NAMES = ("reference", "order reference", "customer name", "e-mail")


class LetterSearchFields(SQLModel, table=True):
    __tablename__ = "letter_search_fields"

    letter_id: int = Field(foreign_key="letters.id", primary_key=True, sa_column_kwargs={"autoincrement": False})
    fields: str = Field(sa_type=Text)


class LetterSearchWords(SQLModel, table=True):
    __tablename__ = "letter_search_words"

    letter_id: int = Field(foreign_key="letters.id", primary_key=True, sa_column_kwargs={"autoincrement": False})
    words: str = Field(sa_type=Text().with_variant(TSVECTOR(), "postgresql"))


FIELDS = table(LetterSearchFields)

WORDS = table(LetterSearchWords)

# SQLite's full-text tables, each reading the column of the same name from its table.
FIELDS_FTS = "letter_search_fields_fts"

WORDS_FTS = "letter_search_words_fts"

# Each FTS5 table's column and options. The words' table keeps prefix indexes for the
# beginnings of 2 to 6 letters (migration 0012): a search is a word's beginning, and without
# them FTS5 merges the lists of every word that begins so (0.78 ms for "album" at 100,000
# letters, 0.14 ms with them); longer beginnings are shared by few words.
_FTS5 = {
    FIELDS_FTS: (FIELDS.c.fields, "tokenize='trigram'"),
    WORDS_FTS: (WORDS.c.words, "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6'"),
}

_PG_INDEXES = {
    "ix_letter_search_fields_trigrams": "letter_search_fields USING gin (fields gin_trgm_ops)",
    "ix_letter_search_words_words": "letter_search_words USING gin (words)",
}


def searched_fields(reference: str, order_reference: str, customer_name: str, customer_email: str) -> str:
    """The four fields, folded, each run of spaces made one as in a search, in the order of
    `FIELD_NAMES`."""
    return SEPARATOR.join(
        " ".join(fold(value).split()) for value in (reference, order_reference, customer_name, customer_email)
    )


def searched_words(body: str) -> str:
    """The text's words, folded, each once, separated by spaces: what both databases'
    word indexes read, and what SQLite's row-by-row check looks in."""
    return " ".join(words(fold(body)))


def _words_value(dialect: str) -> ColumnElement[Any]:
    given = bindparam("words", type_=Text)
    return func.to_tsvector(literal_column("'simple'::regconfig"), given) if dialect == "postgresql" else given


def index_new_letter(session: Session, letter: Letter, body: str) -> None:
    """Index a letter the moment it is created, inside its transaction."""
    _insert(
        session.connection(),
        [_row(letter.id, letter.reference, letter.order_reference, letter.customer_name, letter.customer_email, body)],
    )


def index_new_text(session: Session, letter_id: int, body: str) -> None:
    """Index the letter's new current text, inside the transaction that made it."""
    connection = session.connection()
    statement = (
        update(WORDS).where(WORDS.c.letter_id == bindparam("id")).values(words=_words_value(connection.dialect.name))
    )
    connection.execute(statement, {"id": letter_id, "words": searched_words(body)})


def _row(
    letter_id: int | None, reference: str, order_reference: str, name: str, email: str, body: str
) -> dict[str, Any]:
    return {
        "id": letter_id,
        "fields": searched_fields(reference, order_reference, name, email),
        "words": searched_words(body),
    }


def _insert(connection: Connection, rows: list[dict[str, Any]]) -> None:
    connection.execute(insert(FIELDS).values(letter_id=bindparam("id"), fields=bindparam("fields")), rows)
    connection.execute(
        insert(WORDS).values(letter_id=bindparam("id"), words=_words_value(connection.dialect.name)), rows
    )


_BATCH = 2000


def index_every_letter(connection: Connection) -> int:
    """Index every letter not yet indexed, in bulk: the migration that adds the index fills
    it for the letters already written, and a benchmark that bulk-loads letters uses it
    too. The database's own indexes are dropped first and made again from the tables at
    the end, many times faster than keeping them in step row by row."""
    dialect = connection.dialect.name
    for statement in drop_index_sql(dialect):
        connection.exec_driver_sql(statement)
    letters, versions = table(Letter), table(LetterVersion)
    query = (
        select(
            letters.c.id,
            letters.c.reference,
            letters.c.order_reference,
            letters.c.customer_name,
            letters.c.customer_email,
            versions.c.body,
        )
        .join(versions, and_(versions.c.letter_id == letters.c.id, versions.c.number == letters.c.current_version))
        .where(letters.c.id > bindparam("after"), letters.c.id.not_in(select(FIELDS.c.letter_id)))
        .order_by(letters.c.id)
        .limit(_BATCH)
    )
    done = 0
    for batch in _batches(connection, query):
        _insert(connection, [_row(*row) for row in batch])
        done += len(batch)
    for statement in index_sql(dialect):
        connection.exec_driver_sql(statement)
    return done


def _batches(connection: Connection, query: Any) -> Iterator[Sequence[Any]]:
    after = 0
    while batch := connection.execute(query, {"after": after}).all():
        yield batch
        after = batch[-1].id


def index_sql(dialect: str) -> list[str]:
    """The database's own indexes over the two tables (see the module's note), made from
    what the tables hold."""
    if dialect == "postgresql":
        return [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            *(f"CREATE INDEX {name} ON {on}" for name, on in _PG_INDEXES.items()),
        ]
    return [statement for name in _FTS5 for statement in fts5_sql(name)]


def drop_index_sql(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [f"DROP INDEX IF EXISTS {name}" for name in _PG_INDEXES]
    return [statement for name in _FTS5 for statement in drop_fts5_sql(name)]


def drop_fts5_sql(name: str) -> list[str]:
    """Drop one FTS5 table and its triggers (its search table keeps its rows)."""
    return [*(f"DROP TRIGGER IF EXISTS {name}_{change}" for change in _FTS5_TRIGGERS), f"DROP TABLE IF EXISTS {name}"]


_FTS5_TRIGGERS = ("insert", "update", "delete")


def fts5_sql(name: str, options: str | None = None) -> list[str]:
    """An FTS5 table over a search table's column, filled from it, and the triggers that
    keep it in step (FTS5's documented pattern for external content: a change is a delete
    and an insert). `options` replaces today's (a migration's downgrade makes yesterday's)."""
    searched, today = _FTS5[name]
    source, column = searched.table.name, searched.name
    add = f"INSERT INTO {name}(rowid, {column}) VALUES (new.letter_id, new.{column});"
    remove = f"INSERT INTO {name}({name}, rowid, {column}) VALUES ('delete', old.letter_id, old.{column});"
    body = {"insert": add, "update": f"{remove} {add}", "delete": remove}
    return [
        f"CREATE VIRTUAL TABLE {name} USING fts5({column}, content='{source}', content_rowid='letter_id', "
        f"{options or today})",
        f"INSERT INTO {name}({name}) VALUES ('rebuild')",
        *(
            f"CREATE TRIGGER {name}_{change} AFTER {change.upper()} ON {source} BEGIN {body[change]} END"
            for change in _FTS5_TRIGGERS
        ),
    ]


def made_by_the_database(name: str | None) -> bool:
    """Whether `name` is one of the search index's database-made objects (an FTS5 table or
    its shadow tables, a GIN index), which no model describes."""
    return bool(name) and (str(name).startswith(tuple(_FTS5)) or name in _PG_INDEXES)
