"""Creating and migrating the database: the same Alembic migrations on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from workflow.storage.db import Database

# A package resource, not a path: Alembic finds the folder through importlib.resources,
# wherever the package is installed.
MIGRATIONS = "workflow.storage:migrations"


def _alembic(connection=None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["connection"] = connection
    return config


def upgrade(db: Database) -> str:
    """Bring the schema to the newest migration; returns the revision it is at."""
    with db.engine.begin() as connection:
        command.upgrade(_alembic(connection), "head")
    return head_revision()


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic()).get_current_head() or ""


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
