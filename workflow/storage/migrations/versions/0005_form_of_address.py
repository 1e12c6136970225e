"""Letters keep the form of address chosen in the decision record, so the greeting needs no slash.

Letters written before it greet by full name, as they always did ("none").

Revision ID: 0005
Revises: 0004
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.add_column(sa.Column("form_of_address", sa.String(length=10), server_default="none", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("letters") as batch:
        batch.drop_column("form_of_address")
