"""Assigned reviews, standing delegations and due dates.

A letter records who has taken its current review step and since when, and when its
current step is due and its reminder goes; letters already on their way have no due time
and nobody on them.

Revision ID: 0007
Revises: 0006
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = "0007"
down_revision: Union[str, Sequence[str], None] = "0006"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # SQLite takes the key with a plain ADD COLUMN; Alembic's batch copy of the table would
    # have to drop the old one, which its versions and reviews (foreign keys on) forbid.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE letters ADD COLUMN assignee_id INTEGER REFERENCES users (id)")
    else:
        op.add_column("letters", sa.Column("assignee_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True))
    op.add_column("letters", sa.Column("assigned_at", sa.DateTime(), nullable=True))
    op.add_column("letters", sa.Column("due_at", sa.DateTime(), nullable=True))
    op.add_column("letters", sa.Column("remind_at", sa.DateTime(), nullable=True))
    op.create_index("ix_letters_assignee_id", "letters", ["assignee_id"])
    op.create_index("ix_letters_state_due", "letters", ["state", "due_at"])
    op.create_table(
        "delegations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("delegate_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ended_by_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=True),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_delegations_person_ends", "delegations", ["person_id", "ends_at"])
    op.create_index("ix_delegations_delegate_ends", "delegations", ["delegate_id", "ends_at"])


def downgrade() -> None:
    op.drop_table("delegations")
    op.drop_index("ix_letters_state_due", table_name="letters")
    op.drop_index("ix_letters_assignee_id", table_name="letters")
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("remind_at")
        batch.drop_column("due_at")
        batch.drop_column("assigned_at")
        batch.drop_column("assignee_id")
