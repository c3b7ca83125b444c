"""The tables and the few SQL helpers every storage module shares."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlalchemy import ColumnElement, Table, and_, true
from sqlalchemy.engine import Connection, Engine

from dcmm.tracker.models import Certificate, DailyTally, ImportLog, NameReview, Organisation, SelfAssessment, Target
from dcmm.tracker.regions import CITY, NATIONAL, codes_within, region_level

ORG: Table = Organisation.__table__  # type: ignore[assignment]
CERT: Table = Certificate.__table__  # type: ignore[assignment]
SELF: Table = SelfAssessment.__table__  # type: ignore[assignment]
TARGET: Table = Target.__table__  # type: ignore[assignment]
TALLY: Table = DailyTally.__table__  # type: ignore[assignment]
LOG: Table = ImportLog.__table__  # type: ignore[assignment]
REVIEW: Table = NameReview.__table__  # type: ignore[assignment]

ORG_COLUMNS = (
    "name",
    "province",
    "city_code",
    "city",
    "industry",
    "party_type",
    "synthetic",
    "first_certified_on",
    "pilot_since",
    "guanbiao_since",
    "county_code",
    "region_inferred",
    "credit_code",
    "name_key",
)
CERT_COLUMNS = (
    "province",
    "city_code",
    "county_code",
    "level",
    "edition",
    "body",
    "batch",
    "notice_date",
    "certificate_number",
    "issue_date",
    "expiry_date",
    "revoked",
    "issued_on_notice",
    "superseded_on",
    "ends_on",
    "industry",
)
# Above this many organisations in one write, reading whole tables beats many IN (...) lookups.
WHOLE_TABLE_FROM = 2000
CHUNK = 500
SOURCE_LENGTH = 300

Item = TypeVar("Item")


def chunks(items: Sequence[Item], size: int = CHUNK) -> Iterator[Sequence[Item]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def region_filter(table: Table, region: str) -> ColumnElement[bool]:
    """Rows of ``region``: the whole country, a province (two digits), a city or a county (six).

    Organisations and certificates keep a city code and a county code; the daily tallies keep the finest
    code known (see storage/tallies.py), so a city's tallies are those of the city and of its counties."""
    if region == NATIONAL:
        return true()
    province = table.c.province == region[:2]
    if len(region) == 2:
        return province
    level = region_level(region)
    if "county_code" not in table.c:
        return and_(province, table.c.city_code.in_(codes_within(region) if level == CITY else [region]))
    return and_(province, (table.c.city_code if level == CITY else table.c.county_code) == region)


GROUPING_MEMORY = "32MB"


def room_to_group(connection: Connection) -> None:
    """Let PostgreSQL group a breakdown of a million certificates in memory for this transaction.

    Its default work_mem (4 MB) sends the sort of a breakdown by region, industry and level to disk,
    which doubles the query's time; SQLite needs nothing."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SET LOCAL work_mem = '{GROUPING_MEMORY}'")


class DateCells(dict[dt.date | None, object]):
    """Date → the value the driver stores: ISO text on SQLite (as SQLAlchemy's Date type stores it), the date
    itself elsewhere. Days repeat across a list, so each is converted once."""

    def __init__(self, connection: Connection) -> None:
        super().__init__({None: None})
        self.iso = connection.dialect.name == "sqlite"

    def __missing__(self, day: dt.date | None) -> object:
        assert day is not None
        cell = day.isoformat() if self.iso else day
        self[day] = cell
        return cell


def placeholders(connection: Connection, count: int) -> str:
    return ", ".join(["?" if connection.dialect.name == "sqlite" else "%s"] * count)


def bulk_insert(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[tuple[object, ...]]
) -> None:
    """Many rows through the driver's own executemany: SQLAlchemy's per-row work is the bulk of an import.

    The rows are tuples in ``columns`` order with dates already as the driver takes them (see DateCells)."""
    names, marks = ", ".join(columns), placeholders(connection, len(columns))
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", list(rows))


_COUNTED_TABLES = ("certificate", "organisation", "daily_tally", "self_assessment")


def refresh_statistics(engine: Engine) -> None:
    """Bring the planner's statistics, and PostgreSQL's visibility map, up to date after an import wrote rows.

    Until then PostgreSQL plans a freshly imported table as if it were empty and reads the table's rows
    instead of the covering indexes (index-only scans need the visibility map VACUUM sets); where autovacuum
    is off or has not run yet, progress by city on a million certificates with four defined targets took
    1.07 s instead of 0.76 s. VACUUM runs outside a transaction; it does not lock out readers."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql(f"VACUUM (ANALYZE) {', '.join(_COUNTED_TABLES)}")
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA optimize")
