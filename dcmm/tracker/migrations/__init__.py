"""Alembic migrations of the tracker database, run by ``dcmm tracker init`` and on every open."""
