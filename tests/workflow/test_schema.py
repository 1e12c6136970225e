"""The migrations build exactly the tables the models describe, on either database."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from workflow import schema
from workflow.db import Database


def test_migrations_match_the_models(db: Database) -> None:
    assert schema.current_revision(db) == schema.head_revision()
    with db.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), SQLModel.metadata) == []
