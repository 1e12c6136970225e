"""Indexes for the authors' queues and for filtering letters by amount.

Revision ID: 0003
Revises: 0002
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0003"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_letters_author_state_updated", "letters", ["author_id", "state", "updated_at"])
    op.create_index("ix_letters_currency_amount", "letters", ["currency", "amount_minor"])


def downgrade() -> None:
    op.drop_index("ix_letters_currency_amount", table_name="letters")
    op.drop_index("ix_letters_author_state_updated", table_name="letters")
