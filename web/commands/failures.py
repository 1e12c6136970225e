"""Why a command could not run, in one line an operator can act on.

A command meets the database and the file system before any rule of the domain: an
installation nobody has run `tactful init-db` on, a database that cannot be opened, a
file that is not there. Each of those is named here, once for every command, instead of
ending in a traceback.
"""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from workflow.errors import WorkflowError
from workflow.storage import schema
from workflow.storage.db import Database


def _first_line(error: BaseException) -> str:
    cause = getattr(error, "orig", None) or error
    return (str(cause).strip().splitlines() or [type(cause).__name__])[0]


def database_problem(error: SQLAlchemyError, database: Database | None) -> str:
    """An empty or old schema points at `tactful init-db`; anything else names the database."""
    if database is None:
        return f"The database cannot be used: {_first_line(error)}."
    where = make_url(database.url).render_as_string(hide_password=True)
    try:
        revision = schema.current_revision(database)
    except SQLAlchemyError as unreachable:
        return f"Cannot open the database {where}: {_first_line(unreachable)}."
    if revision is None:
        return f"The database {where} is not set up yet: run `tactful init-db` first."
    if revision != schema.head_revision():
        return f"The database {where} has an older schema: run `tactful init-db` to migrate it."
    return f"The database {where} refused the command: {_first_line(error)}."


def file_problem(error: OSError) -> str:
    where = f"{error.filename}: " if error.filename else ""
    return f"{where}{error.strerror or _first_line(error)}."


def one_line(error: Exception, database: Database | None) -> str | None:
    """The sentence for a failure a command can meet; None for a programming error."""
    if isinstance(error, WorkflowError):
        return error.message
    if isinstance(error, SQLAlchemyError):
        return database_problem(error, database)
    if isinstance(error, OSError):
        return file_problem(error)
    return None
