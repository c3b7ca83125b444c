"""Tracker benchmark: how tracker commands start, importing a synthetic certificate list against a bare
executemany of the same rows, and progress reports against the bare SQL of the same tallies, on
SQLite and (when reachable) PostgreSQL.

    python benchmarks/bench_tracker.py                 # 50,000 rows, quick
    python benchmarks/bench_tracker.py --rows 1000000  # the real figure (imported as three lists)
    python benchmarks/bench_tracker.py --startup-only
    python benchmarks/bench_tracker.py --tracker sqlite:///big.db  # progress only, on trackers already filled

Goals: every tracker command reaches its database in under 0.5 s; import at most 2x the bare
executemany; national progress under 200 ms on SQLite; progress by city with the breakdowns (industry,
year) under 1 s at 1,000,000 certificates on SQLite and PostgreSQL.

Startup: each tracker command is run against a database whose folder is missing, so it parses its
options, starts opening the tracker and stops (exit 1); the baseline is ``python -c "import click"``,
run in turns with it. Import: the baseline writes the same organisation and certificate rows (already
parsed) into the same migrated schema with the driver's own executemany, in one transaction; the
import reads the file, validates every row, derives supersession and tallies, and writes through
SQLAlchemy. Progress: the whole command is also timed in this process (options, report, disclosure control, CSV
written to memory). The baseline sends the statements that read the same tallies (region tallies,
city names, self-assessments, expiring certificates, industries, years, the targets' tallies) as
plain SQL through the driver; the report adds SQLAlchemy, the rows, pooling and the breakdowns.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import OperationalError

from dcmm.cli import main as main_command
from dcmm.files.limits import LIST_ROWS
from dcmm.tracker.database import open_engine
from dcmm.tracker.definitions import TargetDefinition
from dcmm.tracker.demo import write_synthetic_list
from dcmm.tracker.importing import import_certificate_list, read_certificate_list
from dcmm.tracker.names import name_key
from dcmm.tracker.progress import compute_progress, defined_counts, tally_series
from dcmm.tracker.records import CertificateRecord, TargetRecord
from dcmm.tracker.regions import NATIONAL
from dcmm.tracker.repository import SqlTrackerRepository
from dcmm.tracker.rules import default_expiry, edition_for
from dcmm.tracker.storage.queries import defined_count_statements
from dcmm.tracker.storage.sql import GROUPING_MEMORY

AS_OF = dt.date(2026, 6, 30)
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HEADER_LINES = 2  # a synthetic list's title line and its header
PART_ROWS = LIST_ROWS - 100_000  # data rows per list: a longer synthetic list is imported in parts
STARTUP_GOAL, PROGRESS_GOAL = 0.5, 1.0
# Every tracker command that opens the tracker, with arguments that take it that far.
STARTUP_COMMANDS = (
    ["init"],
    ["import", "list.xlsx"],
    ["ingest", "answers.yaml"],
    ["progress", "--by", "city"],
    ["expiring"],
    ["show", "91370100MA3C5L6X3K"],
    ["target", "list"],
    ["target", "add", "--region", "37", "--metric", "guanbiao", "--number", "3", "--deadline", "2027-12-31",
     "--source", "plan"],
    ["target", "remove", "1"],
    ["imports"],
    ["review"],
)  # fmt: skip


# Runs a tracker command and stops it where it first imports SQLAlchemy: the moment it touches its database.
UP_TO_DATABASE = """
import os, sys

class Stop:
    def find_spec(self, name, path=None, target=None):
        if name == "sqlalchemy":
            os._exit(0)
        return None

sys.meta_path.insert(0, Stop())
from dcmm.cli import main
sys.exit(main(sys.argv[1:]))
"""


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user and system) of running ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def startup(runs: int) -> None:
    """Each tracker command up to its database, as a ratio to starting Python with click, best of ``runs``.

    Wall time is what a user waits on an idle machine; CPU time stays comparable on a busy one."""
    baseline_command = [sys.executable, "-c", "import click"]
    with tempfile.TemporaryDirectory() as folder:
        missing = str(Path(folder) / "missing" / "tracker.db")
        commands: list[tuple[str, list[str]]] = []
        for words in STARTUP_COMMANDS:
            arguments = ["tracker", *words, "--db", missing]
            label = " ".join(arguments[1:-2])
            commands.append((f"{label} (up to its database)", [sys.executable, "-c", UP_TO_DATABASE, *arguments]))
            commands.append((f"{label} (missing database)", [sys.executable, "-m", "dcmm", *arguments]))
        commands.append(("progress --help", [sys.executable, "-m", "dcmm", "tracker", "progress", "--help"]))
        best = [(float("inf"), float("inf"))] * len(commands)
        baseline = (float("inf"), float("inf"))
        for _ in range(runs):  # in turns, so that both see the same load
            for index, (_label, command) in enumerate(commands):
                wall, cpu = timed(baseline_command)
                baseline = (min(baseline[0], wall), min(baseline[1], cpu))
                wall, cpu = timed(command)
                best[index] = (min(best[index][0], wall), min(best[index][1], cpu))
    print(
        f"[startup] python -c 'import click'{'':41} wall {baseline[0] * 1000:7.1f} ms  cpu {baseline[1] * 1000:7.1f} ms"
    )
    for (label, _command), (wall, cpu) in zip(commands, best, strict=True):
        print(
            f"[startup] {label:<64.64} wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms"
            f"  ratio {wall / baseline[0]:5.2f}x / {cpu / baseline[1]:5.2f}x"
        )
    slowest = max(wall for (label, _), (wall, _cpu) in zip(commands, best, strict=True) if "up to" in label)
    print(f"[startup] slowest up to its database: wall {slowest * 1000:.1f} ms  (goal < {STARTUP_GOAL * 1000:.0f} ms)")


def list_parts(path: Path, rows: int) -> list[Path]:
    """The synthetic list itself, or its rows in parts no longer than a list may be (each with the header)."""
    if rows <= PART_ROWS:
        return [path]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    head, body = lines[:HEADER_LINES], lines[HEADER_LINES:]
    parts = []
    for number, start in enumerate(range(0, len(body), PART_ROWS), 1):
        part = path.with_name(f"{path.stem}-{number}{path.suffix}")
        part.write_text("".join(head + body[start : start + PART_ROWS]), encoding="utf-8")
        parts.append(part)
    return parts


def bare_progress(url: str) -> Callable[[], None]:
    """The statements of a progress report by city with breakdowns, as plain SQL through the driver."""
    engine = open_engine(url, mode="read")
    sqlite = engine.dialect.name == "sqlite"
    mark = "?" if sqlite else "%s"

    def day(value: dt.date) -> Any:
        return value.isoformat() if sqlite else value

    now, year_ago, soon = day(AS_OF), day(AS_OF - dt.timedelta(days=365)), day(AS_OF + dt.timedelta(days=90))
    by_city = (
        f"SELECT city_code, level, SUM(CASE WHEN day <= {mark} THEN delta ELSE 0 END), "
        f"SUM(CASE WHEN day <= {mark} THEN delta ELSE 0 END), MIN(province) FROM daily_tally "
        f"WHERE series = {mark} AND day <= {mark} GROUP BY city_code, level"
    )
    for_target = (
        f"SELECT province, level, SUM(CASE WHEN day <= {mark} THEN delta ELSE 0 END), "
        f"SUM(CASE WHEN day <= {mark} THEN delta ELSE 0 END) FROM daily_tally "
        f"WHERE series = {mark} AND day <= {mark} AND province = {mark} GROUP BY province, level"
    )
    statements: list[tuple[str, tuple[Any, ...]]] = [
        (by_city, (now, year_ago, series, now)) for series in ("in_force", "certified", "guanbiao")
    ]
    if not sqlite:  # the memory the tracker gives PostgreSQL to group in (dcmm.tracker.storage.sql)
        statements.insert(0, (f"SET work_mem = '{GROUPING_MEMORY}'", ()))
    statements += [
        (
            "SELECT c.code, (SELECT MIN(city) FROM organisation WHERE city_code = c.code) FROM (SELECT DISTINCT "
            "city_code AS code FROM daily_tally WHERE series = 'guanbiao' AND city_code <> '') AS c",
            (),
        ),
        (
            "SELECT o.id, o.province, o.city_code, o.industry, s.level FROM organisation o JOIN self_assessment s "
            f"ON s.organisation_id = o.id WHERE s.assessed_on <= {mark} ORDER BY o.id, s.assessed_on",
            (now,),
        ),
        (
            "SELECT COALESCE(city_code, province), COUNT(*) FROM certificate WHERE expiry_date > "
            f"{mark} AND expiry_date <= {mark} AND issue_date <= {mark} AND (superseded_on IS NULL OR "
            f"superseded_on > {mark}) AND revoked = false GROUP BY COALESCE(city_code, province)",
            (now, soon, now, now),
        ),
        ("SELECT * FROM target", ()),
        ("SELECT id FROM organisation WHERE synthetic = true LIMIT 1", ()),
        (
            "SELECT province, city_code, county_code, industry, level, COUNT(*) FROM certificate WHERE "
            f"ends_on > {mark} AND issue_date <= {mark} GROUP BY province, city_code, county_code, industry, level",
            (now, now),
        ),
        (
            f"SELECT day, level, SUM(delta) FROM daily_tally WHERE series = 'issued' AND day <= {mark} "
            "GROUP BY day, level",
            (now,),
        ),
    ]
    for target in SqlTrackerRepository(engine).targets(NATIONAL):
        counted_on = min(AS_OF, target.deadline)
        days = [counted_on, counted_on - dt.timedelta(days=365)]
        served = tally_series(target.definition)
        if served is None:  # counted from the certificates: the same statements, compiled once
            statements += [(sql, ()) for sql in plain_sql(engine, target.definition, days, target.region)]
        else:
            statements.append((for_target, (*map(day, days), served[0], day(counted_on), target.region[:2])))

    def run() -> None:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            for sql, parameters in statements:
                cursor.execute(sql, parameters)
                if cursor.description is not None:
                    cursor.fetchall()
        finally:
            raw.close()

    return run


def plain_sql(engine: Engine, definition: TargetDefinition, days: list[dt.date], region: str) -> list[str]:
    """The statements the tracker sends for a definition no tally serves, as the driver's plain SQL."""
    return [
        str(statement.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
        for statement in defined_count_statements(definition, days, region)
    ]


def bare_definition(engine: Engine, definition: TargetDefinition, days: list[dt.date], region: str) -> float:
    """The best of three runs of a definition's statements as plain SQL through the driver."""
    statements = plain_sql(engine, definition, days, region)

    def run() -> None:
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        finally:
            raw.close()

    return best_of(3, run)


def progress_figures(label: str, url: str, runs: int = 3) -> None:
    """Progress by city with breakdowns against the bare SQL of the same tallies, on one tracker."""
    engine = open_engine(url, mode="read")
    repository = SqlTrackerRepository(engine)
    with engine.connect() as connection:
        certificates = connection.exec_driver_sql("SELECT COUNT(*) FROM certificate").scalar() or 0
    bare = bare_progress(url)
    bare()  # warm the caches once

    def report() -> None:
        compute_progress(repository, AS_OF, by="city", breakdowns=True)

    def command() -> None:  # the whole command in this process: options, the report, disclosure control, CSV
        arguments = ["tracker", "progress", "--db", url, "--by", "city", "--as-of", AS_OF.isoformat(), "--format"]
        with contextlib.redirect_stdout(io.StringIO()):
            assert main_command([*arguments, "csv"]) == 0

    report()
    command()
    baseline, tracker, whole = float("inf"), float("inf"), float("inf")
    for _ in range(runs):  # in turns, so that all see the same load
        baseline = min(baseline, best_of(1, bare))
        tracker = min(tracker, best_of(1, report))
        whole = min(whole, best_of(1, command))
    engine.dispose()
    print(f"[{label}] {certificates:,} certificates: progress by city with breakdowns")
    print(f"[{label}] bare SQL of the same tallies      {baseline * 1000:8.1f} ms")
    print(
        f"[{label}] progress --by city (breakdowns)  {tracker * 1000:8.1f} ms   ratio {tracker / baseline:.2f}x"
        f"  (goal < {PROGRESS_GOAL * 1000:.0f} ms)"
    )
    print(
        f"[{label}] the whole command, published as CSV {whole * 1000:8.1f} ms   ratio {whole / baseline:.2f}x"
        f"  (goal < {PROGRESS_GOAL * 1000:.0f} ms)"
    )


def baseline_rows(records: list[CertificateRecord]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    organisations: dict[str, tuple[Any, ...]] = {}
    certificates = []
    for r in records:
        if r.key not in organisations:
            organisations[r.key] = (
                len(organisations) + 1, r.credit_code, r.name, r.province, r.city_code, r.city, r.industry,
                r.party_type, r.synthetic, r.issue_date, None, r.issue_date, name_key(r.name),
            )  # fmt: skip
        if r.level is None:
            continue
        expiry = r.expiry_date or default_expiry(r.issue_date)
        edition = r.edition or edition_for(r.issue_date)
        row: tuple[Any, ...] = (
            organisations[r.key][0],
            r.province,
            r.city_code,
            r.level,
            edition,
            r.body,
            r.batch,
        )
        row += (r.notice_date, r.certificate_number, r.issue_date, expiry, r.status == "revoked", False, None, expiry)
        row += ("bench", r.industry)
        certificates.append(row)
    return list(organisations.values()), certificates


def bare_executemany(url: str, organisations: list[tuple[Any, ...]], certificates: list[tuple[Any, ...]]) -> float:
    engine = open_engine(url)
    raw = engine.raw_connection()
    mark = "?" if engine.dialect.name == "sqlite" else "%s"
    if engine.dialect.name == "sqlite":  # the SQLite driver stores dates as ISO text, as SQLAlchemy does
        organisations = [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in organisations]
        certificates = [tuple(v.isoformat() if isinstance(v, dt.date) else v for v in row) for row in certificates]
    org_sql = (
        "INSERT INTO organisation (id, credit_code, name, province, city_code, city, industry, party_type, synthetic, "
        f"first_certified_on, pilot_since, guanbiao_since, name_key) VALUES ({', '.join([mark] * 13)})"
    )
    cert_sql = (
        "INSERT INTO certificate (organisation_id, province, city_code, level, edition, body, batch, notice_date, "
        "certificate_number, issue_date, expiry_date, revoked, issued_on_notice, superseded_on, ends_on, source, "
        "industry) "
        f"VALUES ({', '.join([mark] * 17)})"
    )
    start = time.perf_counter()
    cursor = raw.cursor()
    cursor.executemany(org_sql, organisations)
    cursor.executemany(cert_sql, certificates)
    raw.commit()
    elapsed = time.perf_counter() - start
    raw.close()
    engine.dispose()
    return elapsed


def best_of(runs: int, action: Any) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run(label: str, fresh_url: Any, parts: list[Path], records: list[CertificateRecord]) -> None:
    organisations, certificates = baseline_rows(records)
    baseline = bare_executemany(fresh_url(), organisations, certificates)
    url = fresh_url()
    engine = open_engine(url)
    repository = SqlTrackerRepository(engine)
    start = time.perf_counter()
    for part in parts:
        result = import_certificate_list(repository, part, today=AS_OF)
        assert result.outcome is not None
    imported = time.perf_counter() - start
    compute_progress(repository, AS_OF, breakdowns=False)  # warm the caches once
    national = best_of(5, lambda: compute_progress(repository, AS_OF, breakdowns=False))
    full = best_of(1, lambda: compute_progress(repository, AS_OF, breakdowns=True))
    start = time.perf_counter()
    again = import_certificate_list(repository, parts[-1], today=AS_OF)
    reimport = time.perf_counter() - start
    assert again.outcome is not None and not again.outcome.changed
    engine.dispose()
    print(f"[{label}] {len(certificates):,} certificates, {len(organisations):,} organisations")
    print(f"[{label}] bare executemany {baseline:8.2f} s")
    print(f"[{label}] tracker import   {imported:8.2f} s   ratio {imported / baseline:.2f}x  (goal <= 2x)")
    print(f"[{label}] re-import (no change) {reimport:.2f} s")
    print(f"[{label}] national progress query {national * 1000:7.1f} ms  (goal < 200 ms on SQLite)")
    print(f"[{label}] progress with industry and year breakdowns {full * 1000:7.1f} ms")
    add_defined_targets(repository)
    progress_figures(label, url)
    print_definitions(label, repository)


DEFINED_TARGETS = (  # targets an office defines, whose counts the daily tallies do not hold
    ("37", "ever_certified", TargetDefinition(min_level=2)),
    ("37", "ever_certified", TargetDefinition(industry="制造业")),
    ("CN", "certified_valid", TargetDefinition(basis="valid_on_day", min_level=3, industry="金融业")),
    ("370100", "guanbiao", TargetDefinition(("certified", "pilots", "self_assessed"), "valid_on_day")),
)


def add_defined_targets(repository: SqlTrackerRepository) -> None:
    """The tracker's preset targets plus :data:`DEFINED_TARGETS`, so progress counts both kinds."""
    for number, (region, metric, definition) in enumerate(DEFINED_TARGETS, start=50):
        target = TargetRecord(region, metric, number, dt.date(2027, 12, 31), "benchmark", definition=definition)
        repository.save_target(target)


def definition_timings(repository: SqlTrackerRepository, industry: str) -> list[tuple[str, float, float | None]]:
    """A target's count on a day and a year before, for definitions the daily tallies serve and ones they
    do not; the latter against the same statements sent as plain SQL through the driver."""
    days = [AS_OF, AS_OF - dt.timedelta(days=365)]
    cases = {
        "national 贯标 (default; tallies)": (TargetDefinition(), "CN"),
        "national valid at level 3+ (tallies)": (TargetDefinition(basis="valid_on_day", min_level=3), "CN"),
        "national cumulative level 3+ (query)": (TargetDefinition(min_level=3), "CN"),
        f"national cumulative, industry {industry} (query)": (TargetDefinition(industry=industry), "CN"),
        f"province 37 valid, pilots and self-assessed, industry {industry} (query)": (
            TargetDefinition(("certified", "pilots", "self_assessed"), "valid_on_day", industry=industry),
            "37",
        ),
    }
    timings: list[tuple[str, float, float | None]] = []
    for name, (definition, region) in cases.items():
        tracker = best_of(3, lambda d=definition, r=region: defined_counts(repository, d, days, r))
        bare = None if tally_series(definition) else bare_definition(repository.engine, definition, days, region)
        timings.append((name, tracker, bare))
    return timings


def print_definitions(label: str, repository: SqlTrackerRepository) -> None:
    with repository.engine.connect() as connection:
        industry = connection.exec_driver_sql(
            "SELECT industry FROM certificate WHERE industry IS NOT NULL GROUP BY industry ORDER BY COUNT(*) DESC"
        ).scalar()
    for name, seconds, bare in definition_timings(repository, industry or "制造业"):
        against = f"   bare {bare * 1000:7.1f} ms   ratio {seconds / bare:.2f}x" if bare else ""
        print(f"[{label}] target count, two days, {name} {seconds * 1000:7.1f} ms{against}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", default=os.environ.get("DCMM_TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--startup-only", action="store_true", help="measure how the commands start, nothing else")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--tracker", action="append", default=[], metavar="URL", help="progress on this tracker only")
    args = parser.parse_args()
    startup(args.startup_runs)
    if args.startup_only:
        return
    if args.tracker:
        for url in args.tracker:
            progress_figures(url.partition(":")[0], url)
            print_definitions(url.partition(":")[0], SqlTrackerRepository(open_engine(url, mode="read")))
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = write_synthetic_list(work / "list.csv", args.rows, seed=7, as_of=AS_OF, invalid_rate=0.001)
        parts = list_parts(path, args.rows)
        records = []
        for part in parts:
            part_records, report = read_certificate_list(part, today=AS_OF)
            records += part_records
            print(
                f"synthetic list {part.name}: {report.data_rows:,} rows, "
                f"{len(report.problems)} problems in bad rows (kept as in real lists)"
            )
        counter = iter(range(1000))
        run("sqlite", lambda: f"sqlite:///{work / f'bench-{next(counter)}.db'}", parts, records)
        if args.no_postgres:
            return
        try:
            create_engine(args.postgres, connect_args={"connect_timeout": 3}).connect().close()
        except OperationalError as exc:
            print(f"[postgresql] not reachable, skipped: {exc.orig}")
            return
        schemas: list[str] = []

        def fresh_postgres() -> str:
            schema = f"dcmm_bench_{uuid.uuid4().hex[:10]}"
            with create_engine(args.postgres).begin() as connection:
                connection.execute(text(f'CREATE SCHEMA "{schema}"'))
            schemas.append(schema)
            url = make_url(args.postgres).update_query_dict({"options": f"-csearch_path={schema}"})
            return url.render_as_string(hide_password=False)

        try:
            run("postgresql", fresh_postgres, parts, records)
        finally:
            with create_engine(args.postgres).begin() as connection:
                for schema in schemas:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
