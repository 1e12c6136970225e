"""The complaint clock, jurisdiction profiles, the clause library and holding responses.

A letter records the complaint it answers (when and how it came), the profile version that
applies and the deadline computed from it, the clause versions it quoted, and whether it is a
holding response (and for which letter). Letters from before have no complaint and the
profile "none".

Revision ID: 0011
Revises: 0010
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = "0011"
down_revision: Union[str, Sequence[str], None] = "0010"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # SQLite takes the foreign key with a plain ADD COLUMN (see 0007 for why not a batch copy).
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE letters ADD COLUMN holding_for_id INTEGER REFERENCES letters (id)")
    else:
        op.add_column("letters", sa.Column("holding_for_id", sa.Integer(), sa.ForeignKey("letters.id"), nullable=True))
    op.add_column("letters", sa.Column("kind", sa.String(10), nullable=False, server_default="final"))
    op.add_column("letters", sa.Column("complaint_received_at", sa.DateTime(), nullable=True))
    op.add_column("letters", sa.Column("complaint_channel", sa.String(20), nullable=False, server_default=""))
    op.add_column("letters", sa.Column("profile_key", sa.String(40), nullable=False, server_default="none"))
    op.add_column("letters", sa.Column("profile_version", sa.Integer(), nullable=False, server_default="1"))
    op.add_column(
        "letters", sa.Column("provisional_credit", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("letters", sa.Column("deadline_at", sa.DateTime(), nullable=True))
    op.add_column("letters", sa.Column("deadline_extended_at", sa.DateTime(), nullable=True))
    op.add_column("letters", sa.Column("clauses", sa.Text(), nullable=False, server_default="[]"))
    op.create_index("ix_letters_holding_for_id", "letters", ["holding_for_id"])
    op.create_index("ix_letters_deadline_at", "letters", ["deadline_at"])
    op.create_table(
        "jurisdiction_profiles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("key", "version"),
    )
    op.create_index("ix_jurisdiction_profiles_key", "jurisdiction_profiles", ["key"])
    op.create_table(
        "policy_clauses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.UniqueConstraint("key", "language", "version"),
    )
    op.create_index("ix_policy_clauses_key", "policy_clauses", ["key"])


def downgrade() -> None:
    op.drop_table("policy_clauses")
    op.drop_table("jurisdiction_profiles")
    op.drop_index("ix_letters_deadline_at", table_name="letters")
    op.drop_index("ix_letters_holding_for_id", table_name="letters")
    with op.batch_alter_table("letters") as batch:
        for column in (
            "clauses", "deadline_extended_at", "deadline_at", "provisional_credit", "profile_version",
            "profile_key", "complaint_channel", "complaint_received_at", "kind", "holding_for_id",
        ):
            batch.drop_column(column)
