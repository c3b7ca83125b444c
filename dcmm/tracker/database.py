"""Opening a tracker database: SQLite by default, PostgreSQL by URL, migrated to the newest schema on open."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from dcmm.files import Problem, UserError

DEFAULT_DB = "dcmm-tracker.db"
ENV_VAR = "DCMM_DB"


def database_url(value: str | None = None) -> str:
    """The URL of the tracker: ``value``, else ``$DCMM_DB``, else ``./dcmm-tracker.db``.

    A plain path means a SQLite file; anything with ``://`` is an SQLAlchemy URL.
    """
    chosen = value or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen)}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets the office read progress while an import runs; NORMAL is safe with WAL.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def create_tracker_engine(url: str) -> Engine:
    """An engine for ``url``; raises UserError when the URL cannot be used."""
    try:
        parsed = make_url(url)
        engine = create_engine(parsed)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise UserError([Problem(url, f"not a usable database URL: {exc}")]) from None
    if engine.dialect.name == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not Path(database).parent.exists():
            raise UserError([Problem(url, f"folder {Path(database).parent} does not exist")])
        event.listen(engine, "connect", _sqlite_pragmas)
    elif engine.dialect.name != "postgresql":
        raise UserError([Problem(url, f"{engine.dialect.name} is not supported: use SQLite or PostgreSQL")])
    return engine


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", "dcmm.tracker:migrations")
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply the named migrations up to ``revision`` (all of them by default)."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def open_engine(url: str, migrate: bool = True) -> Engine:
    """An engine on a tracker at the newest schema; a fresh database is created and migrated.

    Raises UserError when the server cannot be reached.
    """
    engine = create_tracker_engine(url)
    try:
        if migrate and current_revision(engine) != head_revision():
            upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise UserError(
            [Problem(make_url(url).render_as_string(hide_password=True), f"cannot open: {reason}")]
        ) from None
    return engine
