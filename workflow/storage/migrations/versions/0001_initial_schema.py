"""Initial schema, with the append-only guards on the audit chain and letter versions.

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 21:43:17.090673

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from workflow.storage.append_only import append_only_sql, drop_append_only_sql

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


APPEND_ONLY = ("audit_events", "letter_versions")


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('audit_checkpoints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('key_id', sa.String(length=64), nullable=False),
    sa.Column('signature', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('audit_events',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('actor_roles', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=True),
    sa.Column('letter_ref', sa.String(length=32), nullable=False),
    sa.Column('from_state', sa.String(length=20), nullable=False),
    sa.Column('to_state', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('hash')
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_actor'), ['actor'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_letter_id'), ['letter_id'], unique=False)

    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('success', sa.Boolean(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_attempts_address'), ['address'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_attempts_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_attempts_username'), ['username'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('phone', sa.String(length=64), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_epoch', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_username'), ['username'], unique=True)

    op.create_table('letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('customer_name', sa.String(length=200), nullable=False),
    sa.Column('customer_email', sa.String(length=320), nullable=False),
    sa.Column('postal_address', sa.Text(), nullable=False),
    sa.Column('order_reference', sa.String(length=100), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('customer_reason', sa.Text(), nullable=False),
    sa.Column('reasons', sa.String(length=200), nullable=False),
    sa.Column('policy_clause', sa.Text(), nullable=False),
    sa.Column('reason_details', sa.Text(), nullable=False),
    sa.Column('customer_value_minor', sa.Integer(), nullable=True),
    sa.Column('concession', sa.String(length=20), nullable=False),
    sa.Column('concession_minor', sa.Integer(), nullable=True),
    sa.Column('hardship', sa.Text(), nullable=False),
    sa.Column('internal_notes', sa.Text(), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('ready_at', sa.DateTime(), nullable=True),
    sa.Column('review_round', sa.Integer(), nullable=False),
    sa.Column('escalated', sa.Boolean(), nullable=False),
    sa.Column('channel', sa.String(length=30), nullable=True),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_version', sa.Integer(), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('withdrawn_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letters_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_customer_name'), ['customer_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_follow_up_on'), ['follow_up_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_order_reference'), ['order_reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_reference'), ['reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_state'), ['state'], unique=False)
        batch_op.create_index(batch_op.f('ix_letters_updated_at'), ['updated_at'], unique=False)

    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('letter_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('letter_id', 'number')
    )
    with op.batch_alter_table('letter_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_letter_versions_letter_id'), ['letter_id'], unique=False)

    op.create_table('reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=10), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('void', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reviews_letter_id'), ['letter_id'], unique=False)

    op.create_table('stored_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('letter_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('media_type', sa.String(length=120), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], ),
    sa.ForeignKeyConstraint(['letter_id'], ['letters.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stored_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_documents_letter_id'), ['letter_id'], unique=False)
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.create_index('ix_letters_state_updated', ['state', 'updated_at'], unique=False)
    for table in APPEND_ONLY:
        for statement in append_only_sql(op.get_bind().dialect.name, table):
            op.execute(statement)


def downgrade() -> None:
    """Downgrade schema."""
    for table in APPEND_ONLY:
        for statement in drop_append_only_sql(op.get_bind().dialect.name, table):
            op.execute(statement)
    with op.batch_alter_table('stored_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_documents_letter_id'))

    op.drop_table('stored_documents')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reviews_letter_id'))

    op.drop_table('reviews')
    with op.batch_alter_table('letter_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letter_versions_letter_id'))

    op.drop_table('letter_versions')
    op.drop_table('settings')
    with op.batch_alter_table('letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_letters_updated_at'))
        batch_op.drop_index(batch_op.f('ix_letters_state'))
        batch_op.drop_index(batch_op.f('ix_letters_reference'))
        batch_op.drop_index(batch_op.f('ix_letters_order_reference'))
        batch_op.drop_index(batch_op.f('ix_letters_follow_up_on'))
        batch_op.drop_index(batch_op.f('ix_letters_customer_name'))
        batch_op.drop_index(batch_op.f('ix_letters_author_id'))

    op.drop_table('letters')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_username'))

    op.drop_table('users')
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_attempts_username'))
        batch_op.drop_index(batch_op.f('ix_login_attempts_at'))
        batch_op.drop_index(batch_op.f('ix_login_attempts_address'))

    op.drop_table('login_attempts')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_letter_id'))
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))
        batch_op.drop_index(batch_op.f('ix_audit_events_actor'))

    op.drop_table('audit_events')
    op.drop_table('audit_checkpoints')
