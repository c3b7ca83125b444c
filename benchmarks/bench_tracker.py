"""Tracker benchmark: importing a synthetic certificate list against a bare executemany of the same rows,
and the national progress query, on SQLite and (when reachable) PostgreSQL.

    python benchmarks/bench_tracker.py                 # 50,000 rows, quick
    python benchmarks/bench_tracker.py --rows 1000000  # the real figure

Goals: import at most 2x the bare executemany; national progress under 200 ms on SQLite.
The baseline writes the same organisation and certificate rows (already parsed) into the same
migrated schema with the driver's own executemany, in one transaction; the import reads the file,
validates every row, derives supersession and tallies, and writes through SQLAlchemy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from dcmm.tracker.database import open_engine
from dcmm.tracker.demo import write_synthetic_list
from dcmm.tracker.importing import import_certificate_list, read_certificate_list
from dcmm.tracker.names import name_key
from dcmm.tracker.progress import compute_progress
from dcmm.tracker.records import CertificateRecord
from dcmm.tracker.repository import SqlTrackerRepository
from dcmm.tracker.rules import default_expiry, edition_for

AS_OF = dt.date(2026, 6, 30)
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


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
        row += ("bench",)
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
        "certificate_number, issue_date, expiry_date, revoked, issued_on_notice, superseded_on, ends_on, source) "
        f"VALUES ({', '.join([mark] * 16)})"
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


def run(label: str, fresh_url: Any, path: Path, records: list[CertificateRecord]) -> None:
    organisations, certificates = baseline_rows(records)
    baseline = bare_executemany(fresh_url(), organisations, certificates)
    engine = open_engine(fresh_url())
    repository = SqlTrackerRepository(engine)
    start = time.perf_counter()
    result = import_certificate_list(repository, path, today=AS_OF)
    imported = time.perf_counter() - start
    assert result.outcome is not None
    compute_progress(repository, AS_OF, breakdowns=False)  # warm the caches once
    national = best_of(5, lambda: compute_progress(repository, AS_OF, breakdowns=False))
    full = best_of(1, lambda: compute_progress(repository, AS_OF, breakdowns=True))
    start = time.perf_counter()
    again = import_certificate_list(repository, path, today=AS_OF)
    reimport = time.perf_counter() - start
    assert again.outcome is not None and not again.outcome.changed
    engine.dispose()
    print(f"[{label}] {len(certificates):,} certificates, {len(organisations):,} organisations")
    print(f"[{label}] bare executemany {baseline:8.2f} s")
    print(f"[{label}] tracker import   {imported:8.2f} s   ratio {imported / baseline:.2f}x  (goal <= 2x)")
    print(f"[{label}] re-import (no change) {reimport:.2f} s")
    print(f"[{label}] national progress query {national * 1000:7.1f} ms  (goal < 200 ms on SQLite)")
    print(f"[{label}] progress with industry and year breakdowns {full * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--postgres", default=os.environ.get("DCMM_TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        path = write_synthetic_list(work / "list.csv", args.rows, seed=7, as_of=AS_OF, invalid_rate=0.001)
        records, report = read_certificate_list(path, today=AS_OF)
        print(
            f"synthetic list: {report.data_rows:,} rows, "
            f"{len(report.problems)} problems in bad rows (kept as in real lists)"
        )
        counter = iter(range(1000))
        run("sqlite", lambda: f"sqlite:///{work / f'bench-{next(counter)}.db'}", path, records)
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
            run("postgresql", fresh_postgres, path, records)
        finally:
            with create_engine(args.postgres).begin() as connection:
                for schema in schemas:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
