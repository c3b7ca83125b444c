"""Alembic environment: the tracker passes its own connection; there is no alembic.ini."""

from __future__ import annotations

from alembic import context

from dcmm.tracker.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the tracker migrations through dcmm.tracker.database.upgrade(), not the alembic command")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
