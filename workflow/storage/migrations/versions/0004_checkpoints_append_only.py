"""Signed checkpoints become append-only: deleting them must not hide a cut-off chain.

Revision ID: 0004
Revises: 0003
"""
from typing import Sequence, Union

from alembic import op

from workflow.storage.append_only import append_only_sql, drop_append_only_sql

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    for statement in append_only_sql(op.get_bind().dialect.name, "audit_checkpoints"):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_append_only_sql(op.get_bind().dialect.name, "audit_checkpoints"):
        op.execute(statement)
