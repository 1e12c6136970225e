"""The search index of letters: folded fields and words of the current text, indexed by
each database its own way (FTS5 on SQLite, pg_trgm and tsvector GIN on PostgreSQL), and
filled for the letters already written.

Revision ID: 0008
Revises: 0007
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

from workflow.letters.search_index import drop_index_sql, index_every_letter

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "letter_search_fields",
        sa.Column("letter_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["letter_id"], ["letters.id"]),
        sa.PrimaryKeyConstraint("letter_id"),
    )
    op.create_table(
        "letter_search_words",
        sa.Column("letter_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("words", sa.Text().with_variant(TSVECTOR(), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(["letter_id"], ["letters.id"]),
        sa.PrimaryKeyConstraint("letter_id"),
    )
    index_every_letter(op.get_bind())


def downgrade() -> None:
    for statement in drop_index_sql(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("letter_search_words")
    op.drop_table("letter_search_fields")
