"""What a number in an address may be: a row id, so a whole number a database column holds.

Every `<int:…>` in this app's routes names a row. A larger number cannot name one, and
handed to the database it is not "no such letter" but an overflow (a 500), so
it never reaches a view: the address simply does not exist (404).
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter, Map

LARGEST_ID = 2**31 - 1
"""The largest id either database holds: the tables' ids are PostgreSQL `integer` (32 bits;
a larger one is "integer out of range" there) and SQLite's 64-bit INTEGER."""


class RowId(IntegerConverter):
    """Werkzeug's `int`, bounded to what an id column holds."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app_map(url_map: Map) -> None:
    """Before any route is added: a rule reads its converter when it joins the map."""
    url_map.converters["int"] = RowId
