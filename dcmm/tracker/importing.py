"""Importing certificate lists (CSV, TSV, XLSX, XLS, ODS): read every row, report every problem, write the good rows."""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from dcmm.files import Problem, UserError
from dcmm.files.limits import LIST_PROBLEMS
from dcmm.files.problems import problem, refusal
from dcmm.i18n import text
from dcmm.tracker.headers import check_mapping, find_header, parse_mapping
from dcmm.tracker.records import CertificateRecord, ImportCounts, ImportOutcome, ListDefaults
from dcmm.tracker.repository import TrackerRepository
from dcmm.tracker.rows import RowReader
from dcmm.tracker.sheets import open_list

__all__ = [
    "FileImport",
    "ListDefaults",
    "file_sha256",
    "import_certificate_list",
    "parse_mapping",
    "read_certificate_list",
]


@dataclass
class FileImport:
    """The result of importing one file."""

    file: str
    data_rows: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # rows kept, with something the tracker could not place
    ignored_columns: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    outcome: ImportOutcome | None = None
    dry_run: bool = False
    strict: bool = False
    unshown_rows: int = 0  # rejected rows whose problems were not kept: there were LIST_PROBLEMS already

    @property
    def rejected_rows(self) -> int:
        return len({p.line for p in self.problems if p.line is not None}) + self.unshown_rows


def read_certificate_list(
    path: Path,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    today: dt.date | None = None,
    defaults: ListDefaults | None = None,
) -> tuple[list[CertificateRecord], FileImport]:
    """Validate every row of a list; returns the good records and a FileImport holding the problems."""
    file = str(path)
    report = FileImport(file)
    if not path.is_file():
        raise UserError([Problem(file, "file not found" if not path.exists() else "is not a file")])
    check_mapping(mapping or {}, file)
    try:
        records = _read_records(
            path, mapping or {}, sheet, today or dt.date.today(), report, defaults or ListDefaults()
        )
    except OSError as exc:  # unreadable, or vanished or changed while being read
        raise refusal(file, "cannot_read", None, None, reason=exc.strerror or type(exc).__name__) from None
    report.records = len(records)
    return records, report


def _read_records(
    path: Path,
    mapping: Mapping[str, str],
    sheet: str | None,
    today: dt.date,
    report: FileImport,
    defaults: ListDefaults,
) -> list[CertificateRecord]:
    rows, cell = open_list(path, sheet)
    header = find_header(rows, mapping, report.file, defaults.province is not None, defaults.notice_date is not None)
    report.ignored_columns = header.ignored
    report.headers = header.names()
    reader = RowReader(report.file, header, today, cell, defaults.province, defaults.notice_date)
    records: list[CertificateRecord] = []
    problems = report.problems
    unshown = 0
    for number, cells in rows:
        if not "".join(cells).strip():
            continue
        report.data_rows += 1
        result = reader.read(number, cells) if len(problems) < LIST_PROBLEMS else reader.count_problems(number, cells)
        if isinstance(result, CertificateRecord):
            records.append(result)
            if result.warnings:
                report.warnings.extend(_warnings(report.file, reader, result))
        elif isinstance(result, list):
            problems.extend(result)
        else:
            report.unshown_rows += 1
            unshown += result
    if unshown:
        rows_text, limit = f"{report.unshown_rows:,}", f"{LIST_PROBLEMS:,}"
        problems.append(
            problem(report.file, "list_more_problems", None, None, problems=f"{unshown:,}", rows=rows_text, limit=limit)
        )
    return records


def _warnings(file: str, reader: RowReader, record: CertificateRecord) -> Iterator[Problem]:
    for column, key, values in record.warnings:
        yield Problem(file, text(key, "en", **values), record.row, reader.column(column), key, tuple(values.items()))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_certificate_list(
    repository: TrackerRepository,
    path: Path,
    mapping: Mapping[str, str] | None = None,
    sheet: str | None = None,
    dry_run: bool = False,
    strict: bool = False,
    today: dt.date | None = None,
    defaults: ListDefaults | None = None,
) -> FileImport:
    """Import one list in one transaction: good rows are written, every bad row is reported.

    With ``strict`` any bad row rejects the whole file. With ``dry_run`` nothing is written.
    Raises UserError when the file as a whole cannot be read.
    """
    with _cyclic_gc_paused():
        return _import_certificate_list(repository, path, mapping, sheet, dry_run, strict, today, defaults)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: an import holds hundreds of thousands of row objects that have no
    cycles, and the collector would otherwise scan them over and over (a tenth or more of an import's time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_certificate_list(
    repository: TrackerRepository,
    path: Path,
    mapping: Mapping[str, str] | None,
    sheet: str | None,
    dry_run: bool,
    strict: bool,
    today: dt.date | None,
    defaults: ListDefaults | None,
) -> FileImport:
    records, report = read_certificate_list(path, mapping, sheet, today, defaults)
    report.dry_run = dry_run
    report.strict = strict
    if strict and report.problems:
        return report
    counts = ImportCounts(report.data_rows, report.rejected_rows)  # the rows rejected so far: bad ones
    sha256 = None if dry_run else file_sha256(path)
    outcome = repository.import_certificates(
        records, str(path), sha256, dry_run=dry_run, all_or_nothing=strict, counts=counts
    )
    for rejected in outcome.rejected:
        header = report.headers.get(rejected.column, rejected.column)
        report.problems.append(Problem(str(path), rejected.reason, rejected.row, header))
    report.problems.sort(key=lambda p: p.line or 0)
    report.outcome = None if strict and outcome.rejected else outcome
    return report
