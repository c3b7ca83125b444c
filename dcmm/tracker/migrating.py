"""Migrating a tracker database: the named migrations in ``dcmm/tracker/migrations``, applied with Alembic.

Alembic loads only to migrate: opening a tracker that is up to date reads its revision with one query
and compares it with the migration files' names.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "dcmm.tracker:migrations")
    return config


@functools.cache
def revisions() -> tuple[str, ...]:
    """The named migrations, oldest first: each file in migrations/versions is named after its revision
    and they run in the order of their names (tests/tracker/test_migrations.py holds alembic to both)."""
    folder = files("dcmm.tracker.migrations") / "versions"
    names = (entry.name.removesuffix(".py") for entry in folder.iterdir() if entry.name.endswith(".py"))
    return tuple(sorted(name for name in names if name[:4].isdigit()))


def head_revision() -> str:
    return revisions()[-1]


def known_revisions() -> set[str]:
    return set(revisions())


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """A connection in one transaction for migrations.

    On SQLite a migration that changes a column rebuilds its table, which foreign keys would refuse
    (dropping the old table deletes what refers to it): they are off while migrating, as SQLite's
    procedure for such changes says, and checked once before the transaction commits.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # only outside a transaction
            connection.commit()
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise RuntimeError(f"a migration left a row of {broken[0]} without its {broken[2]}")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the named migrations up to ``revision`` (all of them by default)."""
    from alembic import command

    config = _alembic_config()
    with _migrating(engine) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Undo the named migrations after ``revision`` (a repair and test tool)."""
    from alembic import command

    config = _alembic_config()
    with _migrating(engine) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
