"""Alembic environment: runs on the connection `workflow.storage.schema` hands it."""

from alembic import context

from workflow.storage.tables import include_name, metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata(), render_as_batch=True, include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
