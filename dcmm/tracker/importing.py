"""Reading certificate lists (CSV or XLSX) with the headers real lists have, row by row, with every problem named."""

from __future__ import annotations

import csv
import datetime as dt
import gc
import hashlib
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter, mul
from pathlib import Path
from typing import Any

from dcmm.core.identifiers import CREDIT_CODE_CHARSET, normalize_credit_code, province_code
from dcmm.files import Problem, UserError
from dcmm.tracker.fields import (
    EARLIEST_ISSUE,
    normalise_text,
    parse_date,
    parse_edition,
    parse_flag,
    parse_level,
    parse_party_type,
    parse_status,
)
from dcmm.tracker.records import CertificateRecord, ImportOutcome
from dcmm.tracker.regions import parse_city
from dcmm.tracker.repository import TrackerRepository

# Field → headers seen in real lists (compared without spaces, brackets or case).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "单位名称",
        "企业名称",
        "机构名称",
        "申报单位",
        "单位",
        "企业",
        "名称",
        "organisation",
        "organization",
        "name",
        "company",
    ),
    "credit_code": (
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
        "统一代码",
        "creditcode",
        "uscc",
        "unifiedsocialcreditcode",
    ),
    "province": ("省份", "省", "所在省份", "所属省份", "省区市", "省(区、市)", "地区", "所属地区", "province"),
    "city": ("城市", "地市", "所在城市", "所属城市", "市", "city"),
    "industry": ("行业", "所属行业", "行业领域", "行业类别", "industry", "sector"),
    "party_type": ("类型", "申报类型", "评估类型", "甲乙方", "单位类型", "partytype", "party"),
    "level": ("等级", "评估等级", "成熟度等级", "级别", "认证等级", "评估结果", "证书等级", "level"),
    "edition": ("标准版本", "版本", "标准", "edition", "standard"),
    "body": ("评估机构", "认证机构", "发证机构", "评估单位", "assessmentbody", "body"),
    "batch": ("批次", "公示批次", "batch"),
    "notice_date": ("公示日期", "公示时间", "noticedate"),
    "certificate_number": ("证书编号", "证书号", "证书编码", "certificateno", "certificatenumber", "certificate"),
    "issue_date": ("发证日期", "颁证日期", "发证时间", "证书日期", "获证日期", "issuedate", "issued", "dateofissue"),
    "expiry_date": ("有效期至", "到期日期", "证书有效期", "有效期", "截止日期", "expirydate", "expiry", "validuntil"),
    "status": ("状态", "证书状态", "status"),
    "synthetic": ("合成数据", "虚构", "synthetic"),
    "ignored": ("序号", "编号", "no", "no.", "#", "备注", "note", "notes", "remark"),
}
FIELDS = tuple(f for f in HEADER_ALIASES if f != "ignored")
REQUIRED = ("name", "credit_code", "province", "level", "issue_date")
_HEADER_SEARCH_ROWS = 10


def _header_key(text: str) -> str:
    table = str.maketrans({"（": "(", "）": ")", "　": "", "*": "", "：": "", ":": ""})
    return re.sub(r"[\s_\-()]", "", text.translate(table)).lower()


_ALIAS_TO_FIELD = {_header_key(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
# Headers such as "评估等级（级别）" or "发证日期(年月日)": the part before the bracket decides.
_BRACKETED = re.compile(r"^(.*?)[(（].*$")


def field_for_header(header: str) -> str | None:
    """The field a header names, or None when it is not one the tracker knows."""
    key = _header_key(header)
    if key in _ALIAS_TO_FIELD:
        return _ALIAS_TO_FIELD[key]
    match = _BRACKETED.match(header.strip())
    if match:
        return _ALIAS_TO_FIELD.get(_header_key(match.group(1)))
    return None


@dataclass
class FileImport:
    """The result of importing one file."""

    file: str
    data_rows: int = 0
    records: int = 0
    problems: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    outcome: ImportOutcome | None = None
    dry_run: bool = False
    strict: bool = False

    @property
    def rejected_rows(self) -> int:
        return len({p.line for p in self.problems if p.line is not None})


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_rows(path: Path, sheet: str | None = None) -> Iterator[tuple[int, list[str]]]:
    """(row number as the spreadsheet shows it, cell texts) for every row of a CSV or XLSX file."""
    file = str(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise UserError([Problem(file, f"not a readable XLSX workbook: {exc}")]) from None
        try:
            if sheet is not None and sheet not in workbook.sheetnames:
                raise UserError([Problem(file, f"no sheet {sheet!r}: sheets are {', '.join(workbook.sheetnames)}")])
            worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
            for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
                yield number, [_cell_text(v) for v in row]
        finally:
            workbook.close()
        return
    if suffix not in (".csv", ".txt", ".tsv"):
        raise UserError([Problem(file, f"unknown list format {suffix or '(none)'}: expected .csv or .xlsx")])
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise UserError([Problem(file, "neither UTF-8 nor GB18030 text")])
    sample = text[:4096]
    delimiter = "\t" if suffix == ".tsv" or sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)


def _find_header(
    rows: Iterator[tuple[int, list[str]]], mapping: Mapping[str, str], file: str
) -> tuple[list[str], dict[str, int], list[str]]:
    """The header row's cells: the first of the top rows that names at least three known columns."""
    looked = 0
    for number, cells in rows:
        looked += 1
        columns: dict[str, int] = {}
        ignored: list[str] = []
        for index, header in enumerate(cells):
            if not header.strip():
                continue
            name = mapping.get(header.strip()) or field_for_header(header)
            if name and name != "ignored" and name not in columns:
                columns[name] = index
            elif name is None:
                ignored.append(header.strip())
        if len(columns) >= 3 and ("credit_code" in columns or "name" in columns):
            missing = [f for f in REQUIRED if f not in columns]
            if missing:
                raise UserError(
                    [Problem(file, f"no column for {', '.join(missing)} (map one with --column HEADER=FIELD)", number)]
                )
            return cells, columns, ignored
        if looked >= _HEADER_SEARCH_ROWS:
            break
    raise UserError(
        [
            Problem(
                file,
                f"no header row in the first {_HEADER_SEARCH_ROWS} rows: expected columns such as 单位名称, "
                "统一社会信用代码, 省份, 等级, 发证日期 (or map them with --column HEADER=FIELD)",
            )
        ]
    )


@lru_cache(maxsize=512)
def _province(value: str) -> str:
    return province_code(value)


_CODE_VALUE = {ch: i for i, ch in enumerate(CREDIT_CODE_CHARSET)}
_CODE_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))  # GB 32100: 3^i mod 31
_CODE_SHAPE = re.compile(rf"^[{CREDIT_CODE_CHARSET}]{{2}}\d{{6}}[{CREDIT_CODE_CHARSET}]{{10}}$")


def _credit_code(text: str) -> str:
    """A valid credit code, checked on a fast path; the core explains any code that fails."""
    code = text
    if not _CODE_SHAPE.fullmatch(code):  # most lists write codes upper case, without spaces or dashes
        code = text.upper().replace(" ", "").replace("-", "")
        if not _CODE_SHAPE.fullmatch(code):
            return normalize_credit_code(text)
    total = sum(map(mul, map(_CODE_VALUE.__getitem__, code[:17]), _CODE_WEIGHTS))
    if code[17] == CREDIT_CODE_CHARSET[(31 - total % 31) % 31]:
        return code
    return normalize_credit_code(text)


@lru_cache(maxsize=4096)
def _repeated_text(value: str) -> str | None:
    """An optional text column whose values repeat down a list (industry, body, batch), normalised once each."""
    return normalise_text(value) or None


class _RowReader:
    """Turns the cells of one data row into a CertificateRecord or the problems that stop it."""

    def __init__(self, file: str, columns: dict[str, int], headers: list[str], today: dt.date) -> None:
        self.file = file
        self.columns = columns
        self.headers = headers
        self.today = today
        # Fields without a column read the empty cell appended to every row.
        self.cells_of_fields = itemgetter(*(columns.get(name, -1) for name in FIELDS))
        self.width = max(columns.values()) + 1

    def header(self, name: str) -> str:
        return self.headers[self.columns[name]].strip()

    def read(self, number: int, cells: list[str]) -> CertificateRecord | list[Problem]:
        columns = self.columns
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        cells.append("")
        (
            name_text, code_text, province_text, city_text, industry_text, party_text, level_text, edition_text,
            body_text, batch_text, notice_text, number_text, issue_text, expiry_text, status_text, synthetic_text,
        ) = map(str.strip, self.cells_of_fields(cells))  # fmt: skip
        problems: list[Problem] = []

        def problem(name: str, message: str) -> None:
            problems.append(Problem(self.file, message, number, self.header(name) if name in columns else name))

        name = normalise_text(name_text)
        if not name:
            problem("name", "required but empty")
        credit_code = ""
        try:
            credit_code = _credit_code(code_text)
        except ValueError as exc:
            problem("credit_code", str(exc) if code_text else "required but empty")
        province = ""
        try:
            province = _province(province_text)
        except ValueError as exc:
            problem("province", str(exc) if province_text else "required but empty")
        status = "valid"
        try:
            status = parse_status(status_text)
        except ValueError as exc:
            problem("status", str(exc))
        level: int | None = None
        if level_text or status != "pilot":
            try:
                level = parse_level(level_text)
            except ValueError as exc:
                problem("level", str(exc) if level_text else "required but empty")
        issue_date = notice_date = expiry = None
        if issue_text:
            try:
                issue_date = parse_date(issue_text)
            except ValueError as exc:
                problem("issue_date", str(exc))
        if notice_text:
            try:
                notice_date = parse_date(notice_text)
            except ValueError as exc:
                problem("notice_date", str(exc))
        if expiry_text:
            try:
                expiry = parse_date(expiry_text)
            except ValueError as exc:
                problem("expiry_date", str(exc))
        if status == "pilot" and issue_date is None:
            issue_date = notice_date
        if issue_date is None:
            if not issue_text:
                problem("issue_date", "required but empty" if status != "pilot" else "a pilot needs the day it began")
        elif issue_date < EARLIEST_ISSUE:
            problem("issue_date", f"{issue_date} is before GB/T 36073-2018 came into force (2018-10-01)")
        elif issue_date > self.today:
            problem("issue_date", f"{issue_date} is in the future")
        if expiry is not None and issue_date is not None and expiry <= issue_date:
            problem("expiry_date", f"expiry {expiry} is not after the issue date {issue_date}")
        city_code: str | None = None
        city: str | None = None
        if city_text and province:
            try:
                city_code, city = parse_city(city_text, province)
            except ValueError as exc:
                problem("city", str(exc))
        party_type: str | None = None
        try:
            party_type = parse_party_type(party_text)
        except ValueError as exc:
            problem("party_type", str(exc))
        edition: str | None = None
        if edition_text:
            try:
                edition = parse_edition(edition_text)
            except ValueError as exc:
                problem("edition", str(exc))
        if problems:
            return problems
        assert issue_date is not None
        return CertificateRecord(
            row=number,
            credit_code=credit_code,
            name=name,
            province=province,
            status=status,
            issue_date=issue_date,
            level=level,
            city_code=city_code,
            city=city,
            industry=_repeated_text(industry_text),
            party_type=party_type,
            synthetic=parse_flag(synthetic_text),
            edition=edition,
            body=_repeated_text(body_text),
            batch=_repeated_text(batch_text),
            notice_date=notice_date,
            certificate_number=number_text.replace(" ", "") or None,
            expiry_date=expiry,
        )


def read_certificate_list(
    path: Path, mapping: Mapping[str, str] | None = None, sheet: str | None = None, today: dt.date | None = None
) -> tuple[list[CertificateRecord], FileImport]:
    """Validate every row of a list; returns the good records and a FileImport holding the problems."""
    file = str(path)
    report = FileImport(file)
    if not path.is_file():
        raise UserError([Problem(file, "file not found" if not path.exists() else "is not a file")])
    unknown = {f for f in (mapping or {}).values() if f not in FIELDS and f != "ignored"}
    if unknown:
        raise UserError(
            [
                Problem(
                    file,
                    f"--column maps to unknown field(s) {', '.join(sorted(unknown))}: fields are {', '.join(FIELDS)}",
                )
            ]
        )
    rows = read_rows(path, sheet)
    headers, columns, ignored = _find_header(rows, mapping or {}, file)
    report.ignored_columns = ignored
    report.headers = {name: headers[index].strip() for name, index in columns.items()}
    reader = _RowReader(file, columns, headers, today or dt.date.today())
    records: list[CertificateRecord] = []
    for number, cells in rows:
        if not "".join(cells).strip():
            continue
        report.data_rows += 1
        result = reader.read(number, cells)
        if isinstance(result, list):
            report.problems.extend(result)
        else:
            records.append(result)
    report.records = len(records)
    return records, report


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
) -> FileImport:
    """Import one list in one transaction: good rows are written, every bad row is reported.

    With ``strict`` any bad row rejects the whole file. With ``dry_run`` nothing is written.
    Raises UserError when the file as a whole cannot be read.
    """
    with _cyclic_gc_paused():
        return _import_certificate_list(repository, path, mapping, sheet, dry_run, strict, today)


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
) -> FileImport:
    records, report = read_certificate_list(path, mapping, sheet, today)
    report.dry_run = dry_run
    report.strict = strict
    if strict and report.problems:
        return report
    outcome = repository.import_certificates(
        records, str(path), file_sha256(path), dry_run=dry_run, all_or_nothing=strict
    )
    for rejected in outcome.rejected:
        header = report.headers.get(rejected.column, rejected.column)
        report.problems.append(Problem(str(path), rejected.reason, rejected.row, header))
    report.problems.sort(key=lambda p: p.line or 0)
    report.outcome = None if strict and outcome.rejected else outcome
    return report


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``HEADER=FIELD`` pairs from --column options; raises ValueError on a malformed one."""
    mapping: dict[str, str] = {}
    for item in items:
        header, sep, name = item.partition("=")
        if not sep or not header.strip() or not name.strip():
            raise ValueError(f"{item!r} is not HEADER=FIELD (e.g. 证书号码=certificate_number)")
        mapping[header.strip()] = name.strip()
    return mapping
