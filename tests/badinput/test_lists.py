"""Certificate lists: corrupt, hostile, huge or oddly written CSV, TSV, XLSX, XLS and ODS files given to
``tracker import``; in a batch the good lists beside a bad one are still imported."""

from __future__ import annotations

import codecs
import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from tests.badinput.harness import Case, Content, Outcome, run_case
from tests.badinput.listfiles import (
    HEADER,
    certificates,
    csv_text,
    good_csv,
    ods,
    replaced_part,
    row,
    sheet_xml,
    with_sheet,
    workbook,
    xlsx_bytes,
)
from tests.tracker.helpers import credit_code

FIXTURES = Path(__file__).resolve().parents[1] / "tracker" / "fixtures"  # see make_fixtures.py there
DB = ("--db", "t.db")
OUT = ("t.db*",)


def imports(*files: str, options: tuple[str, ...] = ()) -> tuple[str, ...]:
    return ("tracker", "import", *files, *options, *DB)


def bad(id: str, name: str, content: Content, *names: str) -> Case:
    """A list refused (or rows of it rejected) with exit 1, stderr naming ``names`` (by default the file)."""
    return Case(id, imports(name), {name: content}, names=names or (name,), outputs=OUT)


def beside_good(id: str, name: str, content: Content, *names: str) -> Case:
    """The bad list first, a good one after it: the good one's rows must be in the database."""
    files = {name: content, "good.csv": good_csv(1, 2)}
    return Case(id, imports(name, "good.csv"), files, names=names or (name,), outputs=OUT, check=certificates(1, 2))


def good(id: str, name: str, content: Content, *numbers: int) -> Case:
    """A list read in full: every row imported, nothing on stderr to name (hence the empty text)."""
    summary = f"{name}: {len(numbers)} rows, 0 rejected"
    files = {name: content}
    return Case(
        id, imports(name), files, exit=0, names=("",), outputs=OUT, stdout=(summary,), check=certificates(*numbers)
    )


LOL = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
BOMB = f'<?xml version="1.0"?><!DOCTYPE b [<!ENTITY l0 "lol">{LOL}]>'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
LAUGHS_SHEET = BOMB + f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is>'
LAUGHS_SHEET += "</c></row></sheetData></worksheet>"
LAUGHS_STRINGS = BOMB + f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>&l9;</t></si></sst>'
ENCRYPTED_OLE = codecs.decode("d0cf11e0a1b11ae1", "hex") + bytes(504) + "EncryptedPackage".encode("utf-16-le") * 4
SHARED_CELL = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
LONG_CELL = f'<row r="3"><c r="C3" t="inlineStr"><is><t>{"x" * 40_000}</t></is></c></row>'
REPEATED_CELLS = (
    '<table:table-row table:number-rows-repeated="99000"><table:table-cell table:number-columns-repeated="1000" '
    'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
)
MIDNIGHTS = ("2023-05-12 00:00:00", "2023/5/12 0:00", "2023/05/12 00:00:00", "2023-05-12T00:00:00")


def zip_bomb(path: Path) -> None:
    """A workbook whose sheet unpacks to 257 MiB of blanks (a few hundred kilobytes packed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b" " * (1 << 20)
            for _ in range(257):
                sheet.write(block)


def many_parts(path: Path) -> None:
    """A zip of 10,001 empty parts: listing a million such would take gigabytes."""
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(10_001):
            archive.writestr(str(number), b"")


def chart_first(path: Path) -> None:
    book = openpyxl.Workbook()
    book.create_chartsheet("图表", 0)
    sheet = book.worksheets[0]
    sheet.title = "名单"
    for line in [HEADER, row(1), row(2)]:
        sheet.append(list(line))
    book.save(path)


def far_cells(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"], sheet["XFD400000"] = "x", "y"
    book.save(path)


def formatted_far_away(path: Path) -> None:
    """A good list with an empty but formatted cell at the sheet's last row and column: calamine skips it."""
    workbook(row(1), row(2))(path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet is not None
    sheet["XFD1048576"].font = Font(bold=True)
    book.save(path)


def offset_list(path: Path) -> None:
    """A list placed from C5 down, under a title: rows and cells are named as the sheet shows them."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "2023 年第一批评估结果公示"
    for number, line in enumerate([HEADER, row(1), row(2, "soon")], start=5):
        for column, value in enumerate(line, start=3):
            sheet.cell(number, column, value)
    book.save(path)


def far_xls_cells(last_column: int) -> bytes:
    """The XLS fixture with its second text cell moved to the last row and to column ``last_column``."""
    data = bytearray((FIXTURES / "list.xls").read_bytes())
    first = data.find(b"\xfd\x00\x0a\x00")  # LABELSST records: a cell that holds a shared string
    second = data.find(b"\xfd\x00\x0a\x00", first + 1)
    data[second + 4 : second + 8] = b"\xff\xff" + last_column.to_bytes(2, "little")
    return bytes(data)


def at_most_problems(lines: int) -> Callable[[Path, Outcome], None]:
    def check(folder: Path, outcome: Outcome) -> None:
        assert len(outcome.err.splitlines()) <= lines, outcome.err[-2000:]

    return check


def folder(path: Path) -> None:
    path.mkdir()


CSV_CASES = [
    bad(
        "csv-cell-over-csv-field-limit",
        "big.csv",
        csv_text(row(1), ["x" * 200_000, *row(2)[1:]]),
        "big.csv:3",
        "column A",
        "32,767",
    ),
    bad("csv-cell-one-over-excel-limit", "big.csv", csv_text(["x" * 32_768, *row(2)[1:]]), "big.csv:2", "column A"),
    good(
        "csv-cell-at-excel-limit",
        "long.csv",
        csv_text([*row(1)[:4], "2023-05-12", "y" * 32_767], header=(*HEADER, "备注")),
        1,
    ),
    bad("csv-row-over-row-limit", "wide.csv", csv_text(row(1), ["z" * 30_000] * 40), "wide.csv:3", "1,048,576"),
    bad(
        "csv-quote-left-open",
        "quote.csv",
        csv_text(row(1), ['"示例2', *row(2)[1:]]) + "x,y\n" * 300_000,
        "quote.csv:3",
        "quote",
    ),
    bad("csv-quote-left-open-at-end", "quote.csv", csv_text(row(1)) + '"示例2,' + credit_code(2), "quote.csv:3"),
    bad("csv-no-line-breaks", "line.csv", "单位名称," + "x," * 600_000, "line.csv:1", "1,048,576"),
    bad("csv-nul-byte", "nul.csv", csv_text(row(1), ["示例\0", *row(2)[1:]]), "nul.csv:3", "NUL"),
    bad(
        "csv-utf16-without-bom", "u16.csv", csv_text(row(1)).encode("utf-16-le"), "u16.csv", "not UTF-8 or GB18030 text"
    ),
    bad(
        "csv-utf16-ascii-without-bom",
        "u16.txt",
        "单位名称\tname\n".encode("ascii", "ignore").decode().encode("utf-16-le") + "a\tb\n".encode("utf-16-le"),
        "u16.txt:1",
        "NUL",
    ),
    bad("csv-bom-then-not-utf8", "bom.csv", codecs.BOM_UTF8 + good_csv(1) + b"\xff\xfe", "bom.csv", "not UTF-8 text"),
    bad("csv-random-bytes", "noise.csv", bytes(range(128, 256)) * 40, "noise.csv", "not UTF-8 or GB18030 text"),
    bad("csv-empty-file", "empty.csv", b"", "empty.csv", "no header row"),
    bad("csv-only-a-bom", "bom.csv", codecs.BOM_UTF8, "bom.csv", "no header row"),
    bad("csv-too-many-rows", "rows.csv", csv_text(row(1)) + "\n" * 499_999, "rows.csv:500001", "500,000"),
    bad("csv-too-many-columns", "cols.csv", csv_text(row(1), row(2) + [""] * 16_384), "cols.csv:3", "column XFE"),
    # texts longer than the database keeps: PostgreSQL would refuse the whole insert
    bad("csv-name-too-long", "long.csv", csv_text(row(1), ["名" * 201, *row(2)[1:]]), "long.csv:3", "单位名称", "200"),
    bad(
        "csv-city-too-long",
        "city.csv",
        csv_text([*row(1), "城" * 61], header=(*HEADER, "城市")),
        "city.csv:2",
        "城市",
        "more than the 60",
    ),
    bad("csv-a-folder", "list.csv", folder, "list.csv", "is not a file"),
    bad("csv-unknown-format", "list.pdf", b"%PDF-1.4", "list.pdf", ".xlsx"),
    bad(
        "csv-afternoon-date",
        "time.csv",
        csv_text(row(1), row(2, "2023-05-12 15:30:00")),
        "time.csv:3",
        "发证日期",
        "time of day",
    ),
    good(
        "csv-utf16-unicode-text",
        "unicode.txt",
        codecs.BOM_UTF16_LE + csv_text(row(1), row(2)).replace(",", "\t").encode("utf-16-le"),
        1,
        2,
    ),
    good(
        "csv-utf16-big-endian",
        "unicode.txt",
        codecs.BOM_UTF16_BE + csv_text(row(1)).replace(",", "\t").encode("utf-16-be"),
        1,
    ),
    good("csv-gb18030", "gbk.csv", csv_text(row(1), row(2)).encode("gb18030"), 1, 2),
    good(
        "csv-mixed-line-endings",
        "mixed.csv",
        csv_text(row(1))
        + csv_text(row(2), header=[]).lstrip("\n").replace("\n", "\r\n")
        + ",".join(map(str, row(3)))
        + "\r",
        1,
        2,
        3,
    ),
    good(
        "csv-dates-with-midnight",
        "dates.csv",
        csv_text(*(row(n, when) for n, when in enumerate(MIDNIGHTS, start=1))),
        1,
        2,
        3,
        4,
    ),
    good("csv-excel-serial-date", "serial.csv", csv_text(row(1, "45058"), row(2, "45058.0")), 1, 2),
    good("tsv-by-suffix", "list.tsv", csv_text(row(1)).replace(",", "\t"), 1),
]

WORKBOOK_CASES = [
    bad("xlsx-random-bytes", "noise.xlsx", bytes(range(256)) * 8, "noise.xlsx", "not a readable workbook"),
    bad(
        "xlsx-zip-not-a-workbook",
        "zip.xlsx",
        lambda p: zipfile.ZipFile(p, "w").writestr("hello.txt", "hi"),
        "zip.xlsx",
        "not a readable workbook",
    ),
    bad("xlsx-truncated", "cut.xlsx", xlsx_bytes(row(1), row(2))[:3000], "cut.xlsx", "not a readable workbook"),
    bad(
        "xlsx-password-protected",
        "secret.xlsx",
        ENCRYPTED_OLE,
        "secret.xlsx",
        "password-protected: save it without a password",
    ),
    bad(
        "xlsx-truncated-sheet-xml",
        "cut.xlsx",
        replaced_part("xl/worksheets/sheet1.xml", lambda b: b[: len(b) // 2], row(1), row(2)),
        "cut.xlsx",
        "Sheet",
    ),
    bad(
        "xlsx-billion-laughs-sheet",
        "lol.xlsx",
        replaced_part("xl/worksheets/sheet1.xml", LAUGHS_SHEET),
        "lol.xlsx",
        "entity",
    ),
    bad(
        "xlsx-billion-laughs-strings",
        "lol.xlsx",
        with_sheet(SHARED_CELL, "xl/sharedStrings.xml", LAUGHS_STRINGS),
        "lol.xlsx",
        "entity",
    ),
    bad("xlsx-zip-bomb", "bomb.xlsx", zip_bomb, "bomb.xlsx", "257 MiB", "256 MiB"),
    bad("xlsx-too-many-parts", "parts.xlsx", many_parts, "parts.xlsx", "10,001 parts", "10,000"),
    bad("xlsx-cells-far-apart", "far.xlsx", far_cells, "far.xlsx", "xl/worksheets/sheet1.xml", "4,194,304"),
    bad(
        "xlsx-row-past-excel",
        "tall.xlsx",
        replaced_part("xl/worksheets/sheet1.xml", sheet_xml('<row r="2000000"><c r="A2000000"><v>1</v></c></row>')),
        "tall.xlsx",
        "500,000",
    ),
    bad(
        "xlsx-no-sheets",
        "none.xlsx",
        replaced_part("xl/workbook.xml", lambda b: re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", b)),
        "none.xlsx",
        "no worksheet",
    ),
    bad("xlsx-empty-sheet", "empty.xlsx", workbook(header=()), "empty.xlsx", "'名单' is empty"),
    good("xlsx-formatted-cell-far-away", "styled.xlsx", formatted_far_away, 1, 2),
    good("xlsx-chart-sheet-first", "chart.xlsx", chart_first, 1, 2),
    Case(
        "xlsx-sheet-missing",
        imports("list.xlsx", options=("--sheet", "Nope")),
        {"list.xlsx": workbook(row(1))},
        names=("list.xlsx", "no sheet 'Nope': sheets are 名单"),
        outputs=OUT,
    ),
    Case(
        "xlsx-sheet-is-a-chart",
        imports("chart.xlsx", options=("--sheet", "图表")),
        {"chart.xlsx": chart_first},
        names=("chart.xlsx", "'图表' is a chart"),
        outputs=OUT,
    ),
    bad("xlsx-cell-too-long", "long.xlsx", with_sheet(LONG_CELL), "long.xlsx", "Sheet!C3", "40,000"),
    bad(
        "xlsx-afternoon-datetime",
        "dt.xlsx",
        workbook(row(1, dt.datetime(2023, 5, 12)), row(2, dt.datetime(2023, 5, 12, 15, 30))),
        "dt.xlsx:3",
        "发证日期 (名单!E3)",
        "time of day",
    ),
    bad(
        "xlsx-list-placed-off-the-corner",
        "offset.xlsx",
        offset_list,
        "offset.xlsx:7: 发证日期 (Sheet!G7): 'soon' is not a date",
    ),
    good(
        "xlsx-typed-cells",
        "typed.xlsx",
        workbook(row(1, dt.datetime(2023, 5, 12), 3), row(2, dt.date(2023, 5, 12), 2.0)),
        1,
        2,
    ),
    good("xlsx-named-xls", "renamed.xls", lambda p: p.write_bytes(xlsx_bytes(row(1))), 1),
    bad(
        "xls-web-page",
        "export.xls",
        "<html><body><table><tr><td>单位名称</td></tr></table></body></html>",
        "export.xls",
        "web page (HTML)",
    ),
    bad("xls-text-named-xls", "text.xls", good_csv(1), "text.xls", "not a readable workbook"),
    bad(
        "xls-olefile-not-a-workbook",
        "ole.xls",
        codecs.decode("d0cf11e0a1b11ae1", "hex") + bytes(600),
        "ole.xls",
        "not a readable workbook",
    ),
    good(
        "ods-typed-cells",
        "list.ods",
        ods(row(1), ["示例2（虚构）", credit_code(2), "山东省", 3, dt.date(2023, 5, 12)]),
        1,
        2,
    ),
    bad(
        "ods-repeated-cells-bomb",
        "bomb.ods",
        ods(body=REPEATED_CELLS),
        "bomb.ods",
        "content.xml",
        "99,000",
    ),
    bad(
        "ods-truncated-content",
        "cut.ods",
        lambda p: (ods(row(1))(p), p.write_bytes(p.read_bytes()[:200])),
        "cut.ods",
        "not a readable workbook",
    ),
]

FIXTURE_CASES = [
    good("xls-excel-97", "list.xls", (FIXTURES / "list.xls").read_bytes(), 1, 2),
    good("xls-named-xlsx", "list.xlsx", (FIXTURES / "list.xls").read_bytes(), 1, 2),
    bad("xls-cells-far-apart", "far.xls", far_xls_cells(99), "far.xls", "65,536 rows by 100 columns"),
    bad("xls-cells-past-any-memory", "far.xls", far_xls_cells(0xFFFF), "far.xls", "too large to read"),
    beside_good("batch-xls-cells-past-any-memory", "far.xls", far_xls_cells(0xFFFF), "too large to read"),
    bad("xlsx-saved-with-password", "protected.xlsx", (FIXTURES / "protected.xlsx").read_bytes(), "password-protected"),
    Case(
        "csv-twenty-thousand-bad-rows",
        imports("bad.csv", "good.csv"),
        {"bad.csv": csv_text(*(["x", str(n), "p", "l", "d"] for n in range(20_000))), "good.csv": good_csv(1, 2)},
        names=("bad.csv:2", "more problems in 19,750 more rejected rows are not shown"),
        outputs=OUT,
        stdout=("bad.csv: 20000 rows, 20000 rejected",),
        check=lambda folder, outcome: (certificates(1, 2)(folder, outcome), at_most_problems(1_002)(folder, outcome)),
    ),
]

BATCH_CASES = [
    beside_good("batch-corrupt-xlsx", "bad.xlsx", b"not a workbook at all"),
    beside_good("batch-zip-bomb", "bomb.xlsx", zip_bomb),
    beside_good("batch-cell-too-long", "big.csv", csv_text(["x" * 40_000, *row(3)[1:]]), "big.csv:2"),
    beside_good("batch-missing-file", "missing.csv", folder, "missing.csv"),
    beside_good("batch-password-protected", "secret.xlsx", ENCRYPTED_OLE, "password-protected"),
    beside_good(
        "batch-quote-left-open",
        "quote.csv",
        csv_text(row(3), ['"示例4', *row(4)[1:]]) + "x,y\n" * 300_000,
        "quote.csv:3",
    ),
]

CASES = [*CSV_CASES, *WORKBOOK_CASES, *FIXTURE_CASES, *BATCH_CASES]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
