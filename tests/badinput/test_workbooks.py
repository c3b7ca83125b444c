"""Answer workbooks: not workbooks at all, metadata missing or altered, another questionnaire, cells that are no
answers, rows and sheets moved about, given to every command that reads answer files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from dcmm.files import load_edition
from dcmm.files.answer_workbook import COLUMNS, METADATA_SHEET, WorkbookRequest, build_answer_workbook
from tests.badinput.harness import Case, Maker, example_answers, run_case
from tests.badinput.makers import tracker_database

Q = load_edition("gbt36073-2025")
SCORE = ("score", "--format", "csv")
NAME = "示例·工作簿单位（虚构）"
GOOD = example_answers(1)
GRADE, JUSTIFICATION, REVIEW = (COLUMNS.index(k) + 1 for k in ("grade", "justification", "review"))
ID = COLUMNS.index("criterion") + 1
SECURITY = "数据安全"  # domain 12 of the 2025 edition: row 2 is 12.1.1.1


def workbook(change: Callable[[Workbook], object] | None = None, *, respondent: str = "信息安全部") -> Maker:
    """A maker: the 2025 template for ``NAME``, changed by ``change`` as a user (or an accident) would."""

    def make(path: Path) -> None:
        book = build_answer_workbook(WorkbookRequest(Q, "zh", respondent=respondent, organisation_name=NAME))
        if change is not None:
            buffer = io.BytesIO()
            book.save(buffer)  # through the bytes, as a spreadsheet program reopens it
            book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
            change(book)
        book.save(path)

    return make


def cells(sheet: str, values: dict[str, object]) -> Callable[[Workbook], None]:
    """Set cells by their address on ``sheet``."""

    def change(book: Workbook) -> None:
        for address, value in values.items():
            book[sheet][address] = value

    return change


def out_of_range(sheet: str, address: str) -> Callable[[Workbook], None]:
    """A cell formatted as a date holding a number no date has (the spreadsheet reader's Rust code panics on it)."""

    def change(book: Workbook) -> None:
        book[sheet][address] = -1e15
        book[sheet][address].number_format = "yyyy-mm-dd"

    return change


def graded(value: object, row: int = 2, column: int = GRADE) -> Callable[[Workbook], None]:
    return lambda book: book[SECURITY].cell(row, column, value)


def meta(row: int, value: str) -> Callable[[Workbook], None]:
    return lambda book: book[METADATA_SHEET].cell(row, 2, value)


def truncated(path: Path) -> None:
    workbook()(path)
    path.write_bytes(path.read_bytes()[:3000])


def far_away_cell(path: Path) -> None:
    """A workbook whose domain sheet has a cell at XFD1048576: calamine would hold 17 billion cells of it."""
    workbook()(path)
    data = path.read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "xl/worksheets/sheet8.xml":
                content = content.replace(
                    b"</sheetData>",
                    b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                )
            target.writestr(member, content)


def delete_rows(book: Workbook) -> None:
    book[SECURITY].delete_rows(5, 3)


def sort_backwards(book: Workbook) -> None:
    sheet = book[SECURITY]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    for number, values in enumerate(reversed(rows), start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(number, column, value)
    sheet.row_dimensions[4].hidden = True
    sheet.cell(sheet.max_row, GRADE, "　完全满足 ")  # typed, with full-width and trailing spaces


def foreign_row(book: Workbook) -> None:
    sheet = book[SECURITY]
    sheet.cell(sheet.max_row + 1, ID, "12.9.9.9")


def duplicate_row(book: Workbook) -> None:
    sheet = book[SECURITY]
    sheet.cell(sheet.max_row + 1, ID, "12.1.1.1")


def no_grade_column(book: Workbook) -> None:
    book[SECURITY].cell(1, GRADE, "分数")


def answer_without_id(book: Workbook) -> None:
    sheet = book[SECURITY]
    sheet.cell(3, ID).value = None
    sheet.cell(3, GRADE, "不满足")


def renamed_sheet(book: Workbook) -> None:
    book[SECURITY].title = "安全"


def deleted_cover(book: Workbook) -> None:
    book.remove(book["封面"])


def deleted_metadata(book: Workbook) -> None:
    book.remove(book[METADATA_SHEET])


def refused(case_id: str, change: Callable[[Workbook], object] | Maker, *names: str, maker: bool = False) -> Case:
    """``dcmm score bad.xlsx good.json``: the workbook refused with ``names`` on stderr, the good file still scored."""
    content = change if maker else workbook(change)
    return Case(
        case_id,
        (*SCORE, "bad.xlsx", "good.json"),
        {"bad.xlsx": content, "good.json": GOOD},
        names=("bad.xlsx", *names),
        stdout=("good.json",),
    )


OLE_WITH_PASSWORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le")

CASES = [
    # Not a workbook at all.
    Case(
        "workbook-csv-named-xlsx",
        (*SCORE, "a.xlsx"),
        {"a.xlsx": "单位名称,评分\n甲,1\n"},
        names=("a.xlsx: not a readable workbook",),
    ),
    Case(
        "workbook-html-named-xlsx",
        (*SCORE, "a.xlsx"),
        {"a.xlsx": "<html><table><tr><td>1</td></tr></table>"},
        names=("a.xlsx", "a web page (HTML)"),
    ),
    Case("workbook-json-named-xlsx", (*SCORE, "a.xlsx"), {"a.xlsx": GOOD}, names=("a.xlsx", "save it as .xlsx")),
    Case(
        "workbook-xls-or-password",
        (*SCORE, "a.xlsx"),
        {"a.xlsx": OLE_WITH_PASSWORD},
        names=("a.xlsx", "an old .xls workbook, or one saved with a password"),
    ),
    Case("workbook-empty-file", (*SCORE, "a.xlsx"), {"a.xlsx": b""}, names=("a.xlsx", "not a readable workbook")),
    refused("workbook-truncated", truncated, "not a readable workbook", maker=True),
    refused("workbook-cell-far-away", far_away_cell, "more than 500,000 rows", maker=True),
    # What the workbook says it is.
    refused("workbook-metadata-deleted", deleted_metadata, "no hidden _dcmm sheet"),
    refused("workbook-metadata-altered", meta(1, "my-format"), "the hidden _dcmm sheet was changed (format is"),
    refused("workbook-newer-format", meta(2, "9"), "a workbook of format 9, newer than this dcmm reads (1)"),
    refused("workbook-unknown-edition", meta(3, "gbt36073-2035"), "made for edition 'gbt36073-2035'"),
    refused(
        "workbook-other-questionnaire-version",
        meta(5, "0" * 64),
        "made for gbt36073-2025 data 0.2.0 (SHA-256 000000000000…), but this dcmm holds gbt36073-2025 data",
    ),
    refused("workbook-edition-changed-to-2018", meta(3, "gbt36073-2018"), "made for gbt36073-2018 data 0.2.0"),
    refused("workbook-domain-sheet-renamed", renamed_sheet, "sheet '数据安全' of domain 12 is missing"),
    refused("workbook-cover-deleted", deleted_cover, "no cover sheet (封面 / Cover)"),
    # Cells that are no answers.
    refused(
        "workbook-not-a-grade", graded("完全"), 'bad.xlsx:数据安全!G2: "完全" is not a grade: expected one of 完全满足'
    ),
    refused("workbook-grade-out-of-scale", graded(0.69), 'bad.xlsx:数据安全!G2: "0.69" is not a grade'),
    refused(
        "workbook-na-without-justification",
        graded("不适用"),
        "bad.xlsx:数据安全!J2: 不适用 needs a justification in this column (不适用理由)",
    ),
    refused(
        "workbook-not-a-review-mark", graded("maybe", column=REVIEW), 'bad.xlsx:数据安全!K2: "maybe" is not a review'
    ),
    refused("workbook-unknown-criterion", foreign_row, "bad.xlsx:数据安全!C47: unknown criterion id '12.9.9.9'"),
    refused("workbook-criterion-twice", duplicate_row, "bad.xlsx:数据安全!C47: criterion 12.1.1.1 appears twice"),
    refused("workbook-grade-column-renamed", no_grade_column, "bad.xlsx:数据安全!1: no '评分' column"),
    refused(
        "workbook-answer-without-id", answer_without_id, "bad.xlsx:数据安全!C3: a row with answers but no criterion"
    ),
    refused("workbook-no-organisation", cells("封面", {"B3": None}), "bad.xlsx:封面!B3: no organisation name"),
    refused("workbook-bad-target-level", cells("封面", {"B10": 9}), "bad.xlsx:封面!B10: 目标等级（1-5）"),
    refused("workbook-bad-credit-code", cells("封面", {"B4": "9137"}), "bad.xlsx:封面!B4: 统一社会信用代码"),
    refused("workbook-bad-date", cells("封面", {"B9": "明天"}), "bad.xlsx:封面!B9: 评估日期"),
    refused("workbook-date-out-of-range", out_of_range("封面", "B9"), "bad.xlsx:9: 封面: not a readable workbook"),
    # The admission prerequisites: a number that is none, one too large to hold, a yes/no that is neither.
    refused(
        "workbook-prerequisite-not-a-count",
        cells("申报条件", {"B4": "两人"}),
        'bad.xlsx:申报条件!B4: the admission condition “专职数据管理人员（人）” takes 不小于 0 的整数, not "两人"',
    ),
    refused("workbook-prerequisite-infinite", cells("申报条件", {"B9": "1e999"}), "bad.xlsx:申报条件!B9"),
    refused(
        "workbook-prerequisite-not-yes-no", cells("申报条件", {"B12": "部分"}), "bad.xlsx:申报条件!B12", "是 或 否"
    ),
    Case(
        "workbook-prerequisite-readiness",
        ("readiness", "bad.xlsx"),
        {"bad.xlsx": workbook(cells("申报条件", {"B6": "maybe"}))},
        names=("bad.xlsx:申报条件!B6",),
    ),
    # Moved about, and still read: a warning for the rows that are gone.
    Case(
        "workbook-rows-deleted-warn",
        (*SCORE, "ok.xlsx"),
        {"ok.xlsx": workbook(delete_rows)},
        exit=0,
        names=("warning: ok.xlsx:数据安全: 3 criteria of domain 12 are not in this sheet", "stay unanswered"),
        stdout=(NAME,),
    ),
    Case(
        "workbook-sorted-hidden-typed",
        (*SCORE, "ok.xlsx"),
        {"ok.xlsx": workbook(sort_backwards)},
        exit=0,
        names=("",),
        stdout=(NAME,),
    ),
    # Every command that reads answer files; none writes on bad input.
    Case(
        "workbook-report",
        ("report", "--format", "csv", "--out", "out", "bad.xlsx"),
        {"bad.xlsx": workbook(graded("完全"))},
        names=("bad.xlsx:数据安全!G2",),
    ),
    Case(
        "workbook-merge",
        ("merge", "-o", "merged.json", "bad.xlsx", "good.xlsx"),
        {"bad.xlsx": workbook(graded("完全")), "good.xlsx": workbook()},
        names=("bad.xlsx:数据安全!G2",),
    ),
    Case(
        "workbook-migrate",
        ("migrate", "bad.xlsx", "--to", "gbt36073-2018", "-o", "m.json"),
        {"bad.xlsx": workbook(graded("不适用"))},
        names=("bad.xlsx:数据安全!J2",),
    ),
    Case(
        "workbook-compare",
        ("compare", "bad.xlsx", "good.json"),
        {"bad.xlsx": workbook(deleted_metadata), "good.json": GOOD},
        names=("bad.xlsx", "no hidden _dcmm sheet"),
    ),
    Case(
        "workbook-convert",
        ("convert", "bad.xlsx", "-o", "out.json"),
        {"bad.xlsx": workbook(foreign_row)},
        names=("bad.xlsx:数据安全!C47",),
    ),
    Case(
        "workbook-tracker-ingest",
        ("tracker", "ingest", "bad.xlsx", "--db", "t.db"),
        {"t.db": tracker_database, "bad.xlsx": workbook(graded("完全"))},
        names=("bad.xlsx:数据安全!G2",),
        outputs=("t.db*",),
    ),
    Case(
        "workbook-assess-beside-an-answer-file",
        ("assess", "a.xlsx"),
        {"a.xlsx": workbook(), "a.json": example_answers(1)},
        names=("a.xlsx", "a.json exists already"),
    ),
    Case(
        "workbook-assess-bad-cell",
        ("assess", "a.xlsx"),
        {"a.xlsx": workbook(graded("完全"))},
        names=("a.xlsx:数据安全!G2",),
    ),
    Case(
        "workbook-assess-without-a-terminal",
        ("assess", "a.xlsx"),
        {"a.xlsx": workbook()},
        exit=2,
        names=("terminal",),
    ),
    # Outputs: never replaced without --force, never the input.
    Case(
        "workbook-template-exists",
        ("template", "--format", "xlsx", "-o", "t.xlsx"),
        {"t.xlsx": workbook()},
        names=("t.xlsx", "exists already"),
    ),
    Case("workbook-template-to-stdout", ("template", "--format", "xlsx"), {}, exit=2, names=("needs -o FILE.xlsx",)),
    Case(
        "workbook-template-unknown-domain",
        ("template", "--format", "xlsx", "--domain", "99", "-o", "t.xlsx"),
        {},
        exit=2,
        names=("no domain 99 in gbt36073-2025",),
    ),
    Case(
        "workbook-convert-exists",
        ("convert", "good.json", "-o", "t.xlsx"),
        {"good.json": GOOD, "t.xlsx": b"old"},
        names=("t.xlsx", "exists already"),
    ),
    Case(
        "workbook-convert-onto-itself",
        ("convert", "a.xlsx", "-o", "a.xlsx", "--force"),
        {"a.xlsx": workbook()},
        names=("a.xlsx",),
    ),
    Case(
        "workbook-convert-quick-scan",
        ("convert", "q.json", "-o", "q.xlsx"),
        {"q.json": '{"edition": "gbt36073-2018", "organisation": {"name": "快评"}, "quick_scan": {"6.1": 2}}'},
        names=("q.json", "is a quick scan"),
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
