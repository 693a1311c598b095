"""Alembic environment: always run with a connection handed in by store.migrate."""

from alembic import context

from rejection_therapy.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only store.migrate runs migrations
    raise RuntimeError("Run migrations through rejection_therapy.store.migrate.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
