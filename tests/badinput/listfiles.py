"""Certificate lists for the corpus: good rows to put beside bad ones, and makers of hostile workbooks."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl

from tests.badinput.harness import Maker, Outcome
from tests.tracker.helpers import credit_code

HEADER = ("单位名称", "统一社会信用代码", "省份", "评估等级", "发证日期")


def row(number: int, issued: object = "2023-05-12", level: object = "3") -> list[object]:
    """A good row of a list: a fictitious organisation with credit code ``number``."""
    return [f"示例{number}（虚构）", credit_code(number), "山东省", level, issued]


def csv_text(*rows: Sequence[object], header: Sequence[str] = HEADER, newline: str = "\n") -> str:
    return newline.join(",".join(str(cell) for cell in line) for line in [header, *rows]) + newline


def good_csv(*numbers: int) -> bytes:
    return csv_text(*(row(number) for number in numbers)).encode("utf-8")


def workbook(*rows: Sequence[object], header: Sequence[str] = HEADER, title: str = "名单") -> Maker:
    """An XLSX list written by openpyxl."""

    def make(path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = title
        for line in [header, *rows]:
            sheet.append(list(line))
        book.save(path)

    return make


def xlsx_bytes(*rows: Sequence[object]) -> bytes:
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in [HEADER, *rows]:
        sheet.append(list(line))
    book.save(buffer)
    return buffer.getvalue()


def replaced_part(part: str, text: str | Callable[[bytes], bytes], *rows: Sequence[object]) -> Maker:
    """A good XLSX list with one part of its zip replaced, changed by a function, or added."""

    def make(path: Path) -> None:
        source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(*rows)))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == part:
                    data = text(data) if callable(text) else text.encode("utf-8")
                target.writestr(info.filename, data)
            if part not in source.namelist():
                target.writestr(part, text(b"") if callable(text) else text.encode("utf-8"))

    return make


def with_sheet(cells: str, part: str | None = None, text: str = "") -> Maker:
    """A good XLSX list whose sheet holds ``cells`` (and, given ``part``, with that part added or replaced)."""
    sheet = replaced_part("xl/worksheets/sheet1.xml", sheet_xml(cells))
    if part is None:
        return sheet

    def make(path: Path) -> None:
        sheet(path)
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr(part, text)

    return make


def sheet_xml(cells: str) -> str:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return f'<?xml version="1.0"?><worksheet xmlns="{main}"><sheetData>{cells}</sheetData></worksheet>'


ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(value: object) -> str:
    if isinstance(value, dt.date):
        return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"/>'
    if isinstance(value, int):
        return f'<table:table-cell office:value-type="float" office:value="{value}"/>'
    return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'


MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def ods(*rows: Sequence[object], body: str | None = None) -> Maker:
    """An ODS list: the rows as typed cells, or a table body of the caller's own."""
    table = body or "".join(
        "<table:table-row>" + "".join(ods_cell(cell) for cell in line) + "</table:table-row>"
        for line in [HEADER, *rows]
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NAMESPACES} office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="名单">{table}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )

    def make(path: Path) -> None:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
            archive.writestr("content.xml", content)
            archive.writestr("META-INF/manifest.xml", MANIFEST)

    return make


def certificates(*numbers: int) -> Callable[[Path, Outcome], None]:
    """A check that t.db holds the certificates of exactly the organisations ``numbers``."""

    def check(folder: Path, outcome: Outcome) -> None:
        connection = sqlite3.connect(folder / "t.db")
        try:
            found = connection.execute(
                "SELECT o.credit_code FROM certificate c JOIN organisation o ON o.id = c.organisation_id"
            ).fetchall()
        finally:
            connection.close()
        assert sorted(code for (code,) in found) == sorted(credit_code(n) for n in numbers), outcome.err

    return check
