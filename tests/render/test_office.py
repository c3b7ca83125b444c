"""The office writers read back: an XLSX workbook through openpyxl and a DOCX document through python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from dcmm.render.briefing import Briefing, BriefingColumn, BriefingRow, BriefingTable
from dcmm.render.word import write_docx
from dcmm.render.xlsx import sheet_names, write_xlsx

BANNERS = ("合成数据：包含虚构单位", "内部资料：含小于 5 家的精确数 / internal: exact small counts")
COLUMNS = (BriefingColumn("地区", numeric=False), BriefingColumn("有效证书"), BriefingColumn("完成%", decimals=1))


def _table(title: str, sheet: str) -> BriefingTable:
    rows = (
        BriefingRow(("济南市", 6500, 12.5)),
        BriefingRow(('=HYPERLINK("http://example.invalid")', "<5", None)),
        BriefingRow(("-1 城市", -39, 0.0)),
        BriefingRow(("合计", 6541, 99.7), "total"),
    )
    return BriefingTable(title, sheet, COLUMNS, rows, notes=("城市按 GB/T 2260 划分。",))


BRIEFING = Briefing(
    title="DCMM 贯标与评估进展 · 山东省",
    subtitle="数据截至 2026-11-30",
    language="zh",
    banners=BANNERS,
    tables=(_table("各城市", "地区"), _table("按行业", "行业/分类[1]")),
    notes=("指标口径：……",),
)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "b.xlsx"
    write_xlsx(BRIEFING, path)
    assert not list(path.parent.glob(".*.tmp"))
    return openpyxl.load_workbook(path)


def _texts(sheet: object) -> list[object]:
    return [cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None]  # type: ignore[attr-defined]


def test_one_sheet_per_table_with_names_excel_accepts(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == ["地区", "行业 分类 1"]
    long = BriefingTable("t", "x" * 40, COLUMNS, ())
    assert sheet_names((long, long)) == ["x" * 31, "x" * 27 + " (2)"]


def test_every_sheet_carries_the_title_and_banners_on_screen_and_in_print(workbook: openpyxl.Workbook) -> None:
    for sheet in workbook.worksheets:
        top = [sheet.cell(row=r, column=1).value for r in range(1, 6)]
        assert top[:4] == [BRIEFING.title, BRIEFING.subtitle, *BANNERS]
        assert sheet.cell(row=1, column=1).font.b
        assert all(banner in sheet.oddHeader.center.text for banner in BANNERS)


def test_numbers_stay_numbers_and_text_cannot_become_a_formula(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["地区"]
    header = 6
    assert [sheet.cell(row=header, column=c).value for c in (1, 2, 3)] == ["地区", "有效证书", "完成%"]
    jinan, hostile, negative, total = (header + offset for offset in (1, 2, 3, 4))
    assert sheet.cell(row=jinan, column=2).value == 6500 and sheet.cell(row=jinan, column=2).data_type == "n"
    assert sheet.cell(row=jinan, column=3).number_format == "0.0"
    assert sheet.cell(row=hostile, column=1).value == '\'=HYPERLINK("http://example.invalid")'
    assert sheet.cell(row=hostile, column=1).data_type == "s"
    assert sheet.cell(row=hostile, column=2).value == "<5"  # a hidden count is text, never a number to sum
    assert sheet.cell(row=negative, column=1).value == "'-1 城市"
    assert sheet.cell(row=negative, column=2).value == -39  # a negative change is a number, not quoted
    assert all(sheet.cell(row=total, column=c).font.b for c in (1, 2, 3))
    assert not sheet.cell(row=jinan, column=2).font.b
    assert not [v for v in _texts(sheet) if isinstance(v, str) and v.startswith(("=", "+", "-", "@"))]


def test_header_frozen_columns_sized_and_printed_landscape_one_page_wide(workbook: openpyxl.Workbook) -> None:
    sheet = workbook["地区"]
    assert sheet.freeze_panes == "B7"
    assert sheet.print_title_rows == "$6:$6"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["A"].width >= len('=HYPERLINK("http://example.invalid")')
    assert 6 <= sheet.column_dimensions["B"].width < 20
    # the banners and notes span the table and wrap there, so they never widen the printed page
    assert "A3:C3" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.print_area == "'地区'!$A$1:$C$13"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> docx.document.Document:
    path = tmp_path_factory.mktemp("docx") / "b.docx"
    write_docx(BRIEFING, path)
    return docx.Document(str(path))


def test_docx_says_the_banners_on_every_page_and_under_the_title(document: docx.document.Document) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0].text
    assert all(banner in header for banner in BANNERS) and BRIEFING.title in header
    body = [p.text for p in document.paragraphs]
    assert body[:4] == [BRIEFING.title, BRIEFING.subtitle, *BANNERS]
    assert (section.page_width or 0) > (section.page_height or 0)  # landscape
    assert "各城市" in body and "城市按 GB/T 2260 划分。" in body and body[-1] == "指标口径：……"


def test_docx_tables_repeat_their_header_and_set_totals_in_bold(document: docx.document.Document) -> None:
    assert len(document.tables) == 2
    table = document.tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["地区", "有效证书", "完成%"]
    assert cells[1] == ["济南市", "6500", "12.5"] and cells[2][1:] == ["<5", ""] and cells[4][0] == "合计"
    properties = table.rows[0]._tr.trPr
    assert properties is not None and properties.find(qn("w:tblHeader")) is not None
    assert all(run.bold for cell in table.rows[4].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for run in table.rows[1].cells[1].paragraphs[0].runs)
    right = table.rows[1].cells[1].paragraphs[0].alignment
    assert right is not None and right == WD_ALIGN_PARAGRAPH.RIGHT
    widths = [column.width or 0 for column in table.columns]
    assert widths[0] > widths[1] and sum(widths) <= (document.sections[0].page_width or 0)


def test_writers_leave_no_file_when_the_folder_cannot_be_written(tmp_path: Path) -> None:
    from dcmm.files.writing import NotWritten

    for write, name in ((write_xlsx, "b.xlsx"), (write_docx, "b.docx")):
        with pytest.raises(NotWritten):
            write(BRIEFING, tmp_path / "missing" / name)
    assert list(tmp_path.iterdir()) == []
