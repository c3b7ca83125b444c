"""Opening a tracker database: SQLite by default, PostgreSQL by URL, migrated to the newest schema on open.

A database is the tracker's when it is empty (no tables) or carries the tracker's ``alembic_version``
with a revision this dcmm knows; anything else (another application's file, a damaged file, a newer
dcmm's schema) is refused before anything is written to it. Commands open it in one of three modes:

- ``write``: created and migrated when missing or empty, upgraded when older;
- ``update``: written, but it must exist already (a command that changes what is recorded);
- ``read``: it must exist already (nothing is created); an older schema is upgraded first;
- ``dry_run``: read as it is (never migrated, never written); a missing one reads as an empty tracker.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import StaticPool

from dcmm.core.errors import UserError
from dcmm.files.limits import POSTGRES_CONNECT_TIMEOUT
from dcmm.files.problems import refusal
from dcmm.tracker.migrating import current_revision, downgrade, head_revision, known_revisions, revisions, upgrade

__all__ = ["current_revision", "downgrade", "head_revision", "known_revisions", "revisions", "upgrade"]

DEFAULT_DB = "dcmm-tracker.db"
ENV_VAR = "DCMM_DB"
VERSION_TABLE = "alembic_version"
SQLITE_HEADER = b"SQLite format 3\x00"
Mode = Literal["write", "update", "read", "dry_run"]
_EMPTY = ""  # the state of a database with no tables yet
_TRACKER = {"organisation", "certificate", "import_log"}  # tables every revision of the tracker has


@dataclass(frozen=True, slots=True)
class Location:
    """A tracker database: its SQLAlchemy URL, how messages name it, and its file for SQLite."""

    url: URL
    shown: str
    path: Path | None = None


def database_url(value: str | None = None) -> str:
    """The URL of the tracker: ``value``, else ``$DCMM_DB``, else ``./dcmm-tracker.db``.

    A plain path means a SQLite file; anything with ``://`` is an SQLAlchemy URL.
    """
    chosen = value or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen)}"


def locate(url: str) -> Location:
    """The database ``url`` names; UserError for an unsupported scheme, a folder or a missing parent folder."""
    scheme = url.partition("://")[0] if "://" in url else ""
    backend = scheme.partition("+")[0].lower()
    if backend == "postgres":  # the short form many hosts print
        url, backend = "postgresql" + url[len("postgres") :], "postgresql"
    if backend not in ("sqlite", "postgresql"):
        raise refusal(_hidden(url), "db_scheme", scheme=scheme or url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise refusal(_hidden(url), "db_bad_url", reason=exc) from None
    if backend == "postgresql":
        return Location(parsed, parsed.render_as_string(hide_password=True))
    if not parsed.database or parsed.database == ":memory:":
        raise refusal(url, "db_bad_url", reason="a SQLite URL needs a file: sqlite:///PATH")
    path = Path(parsed.database)
    if path.is_dir():
        raise refusal(str(path), "is_a_folder", what="a tracker database file")
    if not path.parent.is_dir():
        raise refusal(str(path), "db_folder_missing", folder=path.parent)
    return Location(parsed, str(path), path)


def _hidden(url: str) -> str:
    """``url`` without the password between ``user:`` and ``@``, even when it does not parse."""
    head, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not sep or not at or ":" not in credentials:
        return url
    return f"{head}://{credentials.partition(':')[0]}:***@{host}"


# --- migrations -----------------------------------------------------------------------------


# --- whose database is it? ------------------------------------------------------------------


def _state(tables: set[str], revision: str | None, shown: str) -> str:
    """``_EMPTY`` or the known revision; UserError for another application's database or a newer dcmm's."""
    tables = {name for name in tables if not name.startswith("sqlite_")}
    if not tables or (tables == {VERSION_TABLE} and revision is None):
        return _EMPTY
    known = revision in known_revisions()
    # An unknown revision is a newer dcmm's only where the tracker's tables are: else another application's.
    if VERSION_TABLE not in tables or revision is None or not (known or tables >= _TRACKER):
        listed = sorted(tables)
        more = f", … ({len(listed)} in all)" if len(listed) > 8 else ""
        raise refusal(shown, "db_not_ours", tables=", ".join(listed[:8]) + more)
    if not known:
        raise refusal(shown, "db_newer", found=revision, newest=head_revision())
    return revision


def _sqlite_header_check(path: Path) -> None:
    """Refuse a file that is not SQLite, or is shorter than its own header says (a truncated copy)."""
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise refusal(str(path), "db_not_sqlite")
    page_size = int.from_bytes(header[16:18], "big") if len(header) >= 18 else 0
    page_size = 65536 if page_size == 1 else page_size
    size = path.stat().st_size
    pages = int.from_bytes(header[28:32], "big") if len(header) == 100 else 0
    header_valid = len(header) == 100 and header[92:96] == header[24:28]
    expected = pages * page_size if header_valid else 100
    if size < expected and not Path(f"{path}-wal").exists():
        raise refusal(str(path), "db_truncated", found=size, expected=expected)


def _sqlite_state(path: Path) -> str | None:
    """None for a missing file, else its state, read without writing a byte (not even a -wal or -shm file)."""
    if not path.exists():
        return None
    try:
        if path.stat().st_size == 0:
            return _EMPTY
        _sqlite_header_check(path)
    except OSError as exc:
        raise refusal(str(path), "cannot_read", reason=exc.strerror) from None
    # Nothing to replay beside the file: read it as immutable, which creates no -shm file either.
    quiet = not any(Path(f"{path}{tail}").exists() for tail in ("-wal", "-journal"))
    uri = path.resolve().as_uri() + ("?mode=ro&immutable=1" if quiet else "?mode=ro")
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if VERSION_TABLE in tables:
                found = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()
                revision = found[0] if found else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise refusal(str(path), "db_damaged", reason=str(exc)) from None
    return _state(tables, revision, str(path))


def _server_state(engine: Engine, shown: str) -> str:
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if VERSION_TABLE in tables:
            revision = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return _state(tables, revision, shown)


# --- engines --------------------------------------------------------------------------------


def _sqlite_pragmas(write: bool) -> Any:
    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if write:
            # WAL lets the office read progress while an import runs; NORMAL is safe with WAL.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        else:
            cursor.execute("PRAGMA query_only=ON")
        cursor.close()

    return pragmas


def _engine(location: Location, write: bool) -> Engine:
    """An engine on ``location``; for SQLite, writing (WAL) or reading only (``query_only``)."""
    arguments: dict[str, Any] = {}
    if location.path is None and "connect_timeout" not in location.url.query:
        arguments["connect_args"] = {"connect_timeout": POSTGRES_CONNECT_TIMEOUT}
    try:
        engine = create_engine(location.url, **arguments)
    except (ImportError, NoSuchModuleError) as exc:
        driver = location.url.drivername
        raise refusal(location.shown, "db_driver_missing", driver=getattr(exc, "name", None) or driver) from None
    except (ArgumentError, ValueError, TypeError) as exc:
        raise refusal(location.shown, "db_bad_url", reason=exc) from None
    if location.path is not None:
        event.listen(engine, "connect", _sqlite_pragmas(write))
    return engine


def empty_engine() -> Engine:
    """An empty tracker in memory at the newest schema: what a dry run reads when there is no database yet."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    event.listen(engine, "connect", _sqlite_pragmas(False))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only=OFF")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only=ON")
    return engine


def _migrated_copy(path: Path) -> Engine:
    """A copy in memory of an older SQLite tracker, migrated to the newest schema: what a dry run reads, so
    that it sees what an import would see after the upgrade, and the file is not touched."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    quiet = not any(Path(f"{path}{tail}").exists() for tail in ("-wal", "-journal"))  # as in _sqlite_state
    source = sqlite3.connect(path.resolve().as_uri() + ("?mode=ro&immutable=1" if quiet else "?mode=ro"), uri=True)
    try:
        with engine.connect() as connection:
            target = connection.connection.dbapi_connection
            assert isinstance(target, sqlite3.Connection)
            source.backup(target)
    finally:
        source.close()
    upgrade(engine)
    event.listen(engine, "connect", _sqlite_pragmas(False))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only=ON")
    return engine


def _check_writable(location: Location) -> None:
    path = location.path
    if path is None:
        return
    if path.exists() and not os.access(path, os.W_OK):
        raise refusal(str(path), "db_read_only", reason="the file cannot be written")
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise refusal(str(path), "db_read_only", reason=f"folder {folder} cannot be written")


def open_engine(url: str, migrate: bool = True, mode: Mode = "write") -> Engine:
    """An engine on the tracker at ``url`` in ``mode`` (see the module's docstring).

    Raises UserError for a database that is not the tracker's, cannot be reached, or is missing in
    ``read`` mode; nothing is written to the database before these checks.
    """
    location = locate(url)
    with database_errors(location.shown):
        return _open(location, migrate, mode)


def _open(location: Location, migrate: bool, mode: Mode) -> Engine:
    if location.path is not None:
        state = _sqlite_state(location.path)
        engine = None
    else:
        engine = _engine(location, write=True)
        try:
            state = _server_state(engine, location.shown)
        except BaseException:
            engine.dispose()
            raise
    writes = mode in ("write", "update")
    if (state is None or state == _EMPTY) and mode != "write":
        if engine is not None:
            engine.dispose()
        if mode == "dry_run":
            return empty_engine()
        raise refusal(location.shown, "db_missing")
    if writes:
        _check_writable(location)
    if mode == "dry_run" and state != head_revision():
        if location.path is not None:
            return _migrated_copy(location.path)  # the file is left as it is; its copy reads as the newest schema
        if engine is not None:
            engine.dispose()
        raise refusal(location.shown, "db_dry_run_older", found=state, newest=head_revision())
    if mode == "dry_run" or not migrate or state == head_revision():
        return engine or _engine(location, write=writes)
    _check_writable(location)
    writer = engine or _engine(location, write=True)
    try:
        upgrade(writer)
    except BaseException:
        writer.dispose()
        raise
    if not writes and location.path is not None:
        writer.dispose()
        return _engine(location, write=False)
    return writer


def _reason(exc: DatabaseError) -> str:
    return (str(exc.orig).strip().splitlines() or [""])[0] if exc.orig is not None else str(exc)


@contextmanager
def database_errors(shown: str) -> Iterator[None]:
    """Turn a database that fails under the tracker (unreachable, read-only, damaged) into a UserError."""
    try:
        yield
    except OperationalError as exc:
        reason = _reason(exc)
        if "readonly" in reason or "read-only" in reason:
            raise refusal(shown, "db_read_only", reason=reason) from None
        raise refusal(shown, "db_cannot_open", reason=reason) from None
    except DatabaseError as exc:
        if type(exc) is not DatabaseError:  # integrity and programming errors are faults of dcmm
            raise
        raise refusal(shown, "db_damaged", reason=_reason(exc)) from None


__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "Location",
    "Mode",
    "UserError",
    "current_revision",
    "database_errors",
    "database_url",
    "downgrade",
    "empty_engine",
    "head_revision",
    "locate",
    "open_engine",
    "upgrade",
]
