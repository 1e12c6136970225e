"""The migrations build exactly the tables the models describe, on either database."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from workflow.storage import schema
from workflow.storage.db import Database
from workflow.storage.tables import include_name, metadata


def test_migrations_match_the_models(db: Database) -> None:
    assert schema.current_revision(db) == schema.head_revision()
    with db.engine.connect() as connection:
        assert (
            compare_metadata(MigrationContext.configure(connection, opts={"include_name": include_name}), metadata())
            == []
        )
