"""The cells of a list file, row by row: XLSX workbooks, or CSV/TSV text in UTF-8 (with or without BOM) or GB18030."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

from dcmm.files import Problem, UserError

XLSX_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
# Lists come from offices on many systems: UTF-8 (an Excel "CSV UTF-8" starts with a BOM) or GB18030.
ENCODINGS = ("utf-8-sig", "gb18030")
_SNIFF_CHARACTERS = 4096

Row = tuple[int, list[str]]  # the row number as a spreadsheet shows it, and the cells as text


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a list means: dates in ISO form, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def decode_text(raw: bytes, file: str) -> str:
    """The text of a list file; raises UserError when it is in none of the encodings lists use."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError([Problem(file, "neither UTF-8 nor GB18030 text")])


def _xlsx_rows(path: Path, sheet: str | None) -> Iterator[Row]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    file = str(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise UserError([Problem(file, f"not a readable XLSX workbook: {exc}")]) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise UserError([Problem(file, f"no sheet {sheet!r}: sheets are {', '.join(workbook.sheetnames)}")])
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [cell_text(v) for v in row]
    finally:
        workbook.close()


def _text_rows(path: Path) -> Iterator[Row]:
    text = decode_text(path.read_bytes(), str(path))
    sample = text[:_SNIFF_CHARACTERS]
    delimiter = "\t" if path.suffix.lower() == ".tsv" or sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)


def read_rows(path: Path, sheet: str | None = None) -> Iterator[Row]:
    """(row number as the spreadsheet shows it, cell texts) for every row of a CSV or XLSX file."""
    suffix = path.suffix.lower()
    if suffix in XLSX_SUFFIXES:
        return _xlsx_rows(path, sheet)
    if suffix in TEXT_SUFFIXES:
        return _text_rows(path)
    raise UserError([Problem(str(path), f"unknown list format {suffix or '(none)'}: expected .csv or .xlsx")])
