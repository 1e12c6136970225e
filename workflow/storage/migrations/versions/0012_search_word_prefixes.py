"""Prefix indexes in SQLite's full-text table of letters' words, so that a search by a
word's beginning reads one list instead of merging the lists of every word so begun.

FTS5 takes its options only when a table is made, so the table and its triggers are made
again and filled from `letter_search_words` (which keeps its rows). PostgreSQL's GIN
index is untouched.

Revision ID: 0012
Revises: 0011
"""
from typing import Sequence, Union

from alembic import op

from workflow.letters.search_index import WORDS_FTS, drop_fts5_sql, fts5_sql

revision: str = "0012"
down_revision: Union[str, Sequence[str], None] = "0011"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_BEFORE = "tokenize='unicode61 remove_diacritics 2'"


def upgrade() -> None:
    _remake(None)


def downgrade() -> None:
    _remake(_BEFORE)


def _remake(options: str | None) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in [*drop_fts5_sql(WORDS_FTS), *fts5_sql(WORDS_FTS, options)]:
        op.execute(statement)
