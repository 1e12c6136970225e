"""Database-level guards that make a table append-only: whatever the application does, the
database itself refuses UPDATE and DELETE. Used by the migrations of every guarded table."""

from __future__ import annotations


def append_only_sql(dialect: str, table: str) -> list[str]:
    """Refuse UPDATE and DELETE in the database itself, whatever the application does."""
    message = f"{table} is append-only"
    if dialect == "postgresql":
        return [
            f"""CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{message}'; END $$""",
            f"""CREATE TRIGGER {table}_no_update BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {table}_append_only()""",
        ]
    return [
        f"""CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
        BEGIN SELECT RAISE(ABORT, '{message}'); END"""
        for verb in ("UPDATE", "DELETE")
    ]


def drop_append_only_sql(dialect: str, table: str) -> list[str]:
    if dialect == "postgresql":
        return [f"DROP TRIGGER {table}_no_update ON {table}", f"DROP FUNCTION {table}_append_only()"]
    return [f"DROP TRIGGER {table}_no_{verb.lower()}" for verb in ("UPDATE", "DELETE")]
