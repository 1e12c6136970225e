"""PostgreSQL-only behaviour: what SQLite cannot show (advisory locks, row locks between
real connections, connections the server kills). Run with TACTFUL_TEST_BACKEND=postgresql."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from tests.conftest import BACKEND

requires_postgresql = pytest.mark.skipif(BACKEND != "postgresql", reason="needs TACTFUL_TEST_BACKEND=postgresql")


def terminate_other_backends(url: str) -> int:
    """Kill every connection to the database except the one asking, as an operator or a
    failover would: the number killed."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            return len(
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                ).all()
            )
    finally:
        engine.dispose()
