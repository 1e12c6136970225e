"""Every room's tables on one metadata, for the migrations and the schema test.

The tables live beside the code that uses them; this is the one place that names them all.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from importlib import import_module
from typing import Any

from sqlalchemy import MetaData
from sqlmodel import SQLModel

from workflow.letters.search_index import made_by_the_database

TABLE_MODULES = (
    "workflow.api.models",
    "workflow.assignments.models",
    "workflow.audit.models",
    "workflow.documents.models",
    "workflow.law.models",
    "workflow.letters.models",
    "workflow.letters.search_index",
    "workflow.mail.models",
    "workflow.outbox.models",
    "workflow.people.models",
    "workflow.settings.models",
    "workflow.webhooks.models",
)


def metadata() -> MetaData:
    """Every table: importing each room's models registers its tables on `SQLModel.metadata`."""
    for module in TABLE_MODULES:
        import_module(module)
    return SQLModel.metadata


def include_name(name: str | None, kind: str, parents: MutableMapping[Any, str | None]) -> bool:
    """Alembic's filter when it compares the database with the models: the search index's
    full-text tables and GIN indexes are made by their migration, and no model describes
    them."""
    return not (kind in ("table", "index") and made_by_the_database(name))
