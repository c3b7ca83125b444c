"""Whose database is it: the tracker opens an empty database or its own, and refuses any other before writing."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text

from dcmm.files import UserError
from dcmm.tracker.database import current_revision, downgrade, head_revision, open_engine, upgrade
from dcmm.tracker.service import TrackerService


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def _run(url: str, *statements: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@pytest.mark.parametrize("mode", ["write", "read", "dry_run"])
def test_another_applications_tables_are_refused_untouched(tracker_url: str, mode: str) -> None:
    _run(tracker_url, "CREATE TABLE organisation (id INTEGER PRIMARY KEY, name TEXT)", "CREATE TABLE member (x INT)")
    with pytest.raises(UserError, match="not a dcmm tracker database"):
        open_engine(tracker_url, mode=mode)  # type: ignore[arg-type]
    assert _tables(tracker_url) == {"organisation", "member"}


def test_a_newer_schema_is_refused_untouched(tracker_url: str) -> None:
    open_engine(tracker_url).dispose()
    _run(tracker_url, "UPDATE alembic_version SET version_num = '0099_future'")
    for mode in ("write", "read", "dry_run"):
        with pytest.raises(UserError, match="0099_future"):
            open_engine(tracker_url, mode=mode)
    engine = create_engine(tracker_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0099_future"
    engine.dispose()


def test_an_empty_database_is_not_created_by_reading_or_a_dry_run(tracker_url: str) -> None:
    with pytest.raises(UserError, match="no tracker database"):
        open_engine(tracker_url, mode="read")
    with TrackerService.open(tracker_url, "dry_run") as tracker:
        assert tracker.imports() == [] and tracker.targets()  # an empty tracker at the newest schema, in memory
    assert _tables(tracker_url) == set()
    with TrackerService.open(tracker_url) as tracker:
        assert tracker.status().revision == head_revision()


def test_reading_an_older_schema_upgrades_it_and_a_dry_run_does_not(tracker_url: str) -> None:
    engine = open_engine(tracker_url)
    downgrade(engine, "0002_shandong_target")
    engine.dispose()
    if tracker_url.startswith("sqlite"):  # a dry run reads a copy at the newest schema; the file stays as it was
        dry = open_engine(tracker_url, mode="dry_run")
        assert current_revision(dry) == head_revision()
        dry.dispose()
    else:  # a server's database cannot be copied aside: a dry run asks for the upgrade first
        with pytest.raises(UserError, match="older schema revision 0002_shandong_target"):
            open_engine(tracker_url, mode="dry_run")
    assert current_revision(open_engine(tracker_url, migrate=False, mode="read")) == "0002_shandong_target"
    reader = open_engine(tracker_url, mode="read")
    assert current_revision(reader) == head_revision()
    reader.dispose()


def test_the_upgrade_from_the_first_schema_keeps_the_import_log(tracker_url: str) -> None:
    engine = open_engine(tracker_url, migrate=False)
    upgrade(engine, "0001_initial_schema")
    _run(
        tracker_url,
        "INSERT INTO import_log (sha256, file_name, kind, imported_at, rows, accepted, rejected) "
        f"VALUES ('{'a' * 64}', 'old.csv', 'certificates', '2025-01-02 03:04:05', 10, 8, 2)",
    )
    engine.dispose()
    with TrackerService.open(tracker_url, "read") as tracker:
        (entry,) = tracker.imports()
    assert (entry.file_name, entry.rows, entry.accepted, entry.rejected) == ("old.csv", 10, 8, 2)
