"""What SQLModel's type hints leave out, for the queries that need it.

SQLModel types a model's columns as their Python values (`Letter.state` is a `str`), so a
comparison reads as a `bool` to a type checker; `sqlmodel.col` gives the column expression
back. What `col` does not cover is here: a model's Core table, for the statements written
in SQLAlchemy Core; a column as an ORM attribute, which loader options want; and the id of
a row that is in the database, which SQLModel types `int | None` since a new row has none.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Table, inspect
from sqlalchemy.orm import QueryableAttribute
from sqlmodel import SQLModel


def table(model: type[SQLModel]) -> Table:
    """The table a model is mapped to."""
    found = inspect(model).local_table
    assert isinstance(found, Table)
    return found


def attribute(column: object) -> QueryableAttribute[Any]:
    """A model's column as the ORM attribute it is at run time, for `defer` and the like."""
    assert isinstance(column, QueryableAttribute), column
    return column


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Row) -> int:
    """The id of a row read from the database or flushed to it."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id: it was never saved")
    return row.id
