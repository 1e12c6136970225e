"""Engines, sessions and the one kind of write transaction every use case runs in.

SQLite is tuned for a legal record: WAL so readers never block the writer,
`synchronous=FULL` so a committed letter survives power loss, and write transactions that
start with BEGIN IMMEDIATE. pysqlite's default deferred BEGIN lets two read-then-write
transactions both read the old row and silently lose one update; IMMEDIATE takes the write
lock before the first read. A writer that still finds the database busy is retried a
bounded number of times and then refused with a readable message.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from workflow.errors import WorkflowError

T = TypeVar("T")


BUSY_TIMEOUT_MS = 5000


WRITE_ATTEMPTS = 8


class Busy(WorkflowError):
    """The database stayed busy through every retry; nothing was changed."""


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            f"busy_timeout={BUSY_TIMEOUT_MS}",
            "foreign_keys=ON",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        writing = connection.get_execution_options().get("tactful_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def _is_retryable(error: DBAPIError) -> bool:
    """Lock contention and serialization failures: the transaction did nothing and may run again."""
    text = str(error.orig).lower()
    if "database is locked" in text or "database is busy" in text:
        return True
    sqlstate = getattr(error.orig, "sqlstate", None)
    return sqlstate in {"40001", "40P01", "55P03"}


class Database:
    """One installation's database: a read path and a serialized write path."""

    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A file has no server to drop the connection; pinging it would only cost every write.
        self.engine = create_engine(url, pool_pre_ping=parsed.get_backend_name() != "sqlite")
        if is_sqlite(self.engine):
            _configure_sqlite(self.engine)
        self._write_engine = self.engine.execution_options(tactful_write=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for looking only; it is rolled back, never committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one write transaction: all of it commits, or none of it.

        `work` may run more than once when the database is busy, so it must do nothing
        outside the session (no files, no mail); documents and notifications come after.
        """
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with Session(self._write_engine, expire_on_commit=False, autoflush=False) as session, session.begin():
                    return work(session)
            except DBAPIError as error:
                if not _is_retryable(error):
                    raise
                time.sleep(min(0.05 * 2**attempt, 1.0) * random.uniform(0.5, 1.5))
        raise Busy("The database is busy right now and nothing was changed. Please try again.")

    def dispose(self) -> None:
        self.engine.dispose()
