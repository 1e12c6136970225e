"""Every room's tables on one metadata, for the migrations and the schema test.

The tables live beside the code that uses them; this is the one place that names them all.
"""

from __future__ import annotations

from importlib import import_module

from sqlalchemy import MetaData
from sqlmodel import SQLModel

TABLE_MODULES = (
    "workflow.assignments.models",
    "workflow.audit.models",
    "workflow.documents.models",
    "workflow.law.models",
    "workflow.letters.models",
    "workflow.mail.models",
    "workflow.outbox.models",
    "workflow.people.models",
    "workflow.settings.models",
)


def metadata() -> MetaData:
    """Every table: importing each room's models registers its tables on `SQLModel.metadata`."""
    for module in TABLE_MODULES:
        import_module(module)
    return SQLModel.metadata
