"""One set of Alembic migrations for both databases: the same tables, columns, keys and
indexes come out on SQLite and on PostgreSQL, and both match the models exactly (beside
the search index's own full-text tables and GIN indexes, which each database makes its
own way)."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect

from tests.pg import requires_postgresql
from workflow.storage import schema
from workflow.storage.db import Database
from workflow.storage.tables import include_name, metadata

pytestmark = requires_postgresql


def shape(engine: Engine) -> dict[str, object]:
    """What a table is made of, in terms both databases report the same way."""
    inspector = inspect(engine)
    tables = {}
    for table in sorted(t for t in inspector.get_table_names() if include_name(t, "table", {})):
        tables[table] = {
            "columns": {c["name"]: c["nullable"] for c in inspector.get_columns(table)},
            "primary_key": inspector.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (tuple(fk["constrained_columns"]), fk["referred_table"]) for fk in inspector.get_foreign_keys(table)
            ),
            # PostgreSQL also lists the index behind each unique constraint; SQLite does not.
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
                if "duplicates_constraint" not in i and include_name(i["name"], "index", {"table_name": table})
            ),
            "unique": sorted(tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)),
        }
    return tables


def differences_from_models(engine: Engine) -> list:
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection, opts={"include_name": include_name}), metadata())


def test_the_same_migrations_make_the_same_schema_on_both(database_url: str, tmp_path: Path) -> None:
    postgresql = Database(database_url)
    sqlite = Database(f"sqlite:///{tmp_path / 'fresh.sqlite'}")
    try:
        assert schema.upgrade(sqlite) == schema.current_revision(postgresql) == schema.head_revision()
        assert shape(sqlite.engine) == shape(postgresql.engine)
        assert differences_from_models(postgresql.engine) == []
        assert differences_from_models(sqlite.engine) == []
    finally:
        sqlite.dispose()
        postgresql.dispose()
