"""Briefings from a publication: XLSX and DOCX read back by openpyxl and python-docx, and opened by
LibreOffice (converted to PDF and CSV or text), whose text must hold the titles, banners and figures."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from pypdf import PdfReader

from dcmm.tracker.briefing import briefing, cell_value, write_briefing
from dcmm.tracker.published import Cell
from tests.office import convert
from tests.tracker.publications import EXACT, HOSTILE, SYNTHETIC, sample_publication

# Every sheet's and page's title and banners, and figures from each table: the target of 300 against 8903,
# a city's count, the total row's, a negative change and a percent.
TITLES = ("DCMM 贯标与评估进展 · 山东省", "目标", "各城市持有效证书单位", "按行业（有效证书）", "按年份（发证数）")
FIGURES = ("8903", "300", "6500", "10903", "-39", "2967.7", "<5")


def test_hidden_cells_become_their_threshold_and_never_their_value() -> None:
    assert cell_value(Cell(3, hidden=True), 5) == "<5"
    assert cell_value(Cell(0), 5) == 0 and cell_value(None, 5) is None
    made = briefing(sample_publication())
    regions = next(table for table in made.tables if table.sheet_name == "地区")
    qingdao = next(row for row in regions.rows if row.cells[0] == HOSTILE)
    assert qingdao.cells[2] == "<5" and qingdao.cells[-1] == "<5"  # level 1 (7) and expiring (3) are hidden
    assert [row.emphasis for row in regions.rows] == ["plain", "plain", "subtotal", "total"]
    assert regions.columns[0].label == "地区" and not regions.columns[0].numeric
    targets = made.tables[0]
    assert targets.columns[6].decimals == 1  # the percent column


def test_the_notes_say_how_small_groups_are_treated_and_cite_no_developer_document() -> None:
    shown, exact = briefing(sample_publication()), briefing(sample_publication(exact=True))
    assert "显示为 <5" in shown.notes[0] and "内部使用" in exact.notes[0]
    assert exact.banners == (SYNTHETIC, EXACT)
    everything = " ".join([*shown.notes, *briefing(sample_publication(lang="en")).notes])
    assert "GB/T 36073" in everything and "docs/" not in everything and ".md" not in everything


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("briefing")
    publication = sample_publication(exact=True)
    return {fmt: write_briefing(publication, folder / f"progress.{fmt}", fmt) for fmt in ("xlsx", "docx")}


def test_xlsx_has_a_sheet_per_table_each_with_the_banners(written: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(written["xlsx"])
    assert book.sheetnames == ["目标", "地区", "行业", "年份"]
    for sheet in book.worksheets:
        top = [sheet.cell(row=r, column=1).value for r in range(1, 6)]
        assert SYNTHETIC in top and EXACT in top
        assert EXACT in sheet.oddHeader.center.text
    regions = book["地区"]
    values = {cell.value for row in regions.iter_rows() for cell in row}
    assert "'" + HOSTILE in values and HOSTILE not in values
    total = next(row for row in regions.iter_rows() if row[0].value == "合计（全国）")
    assert total[1].value == 10903 and all(cell.font.b for cell in total)


def test_docx_has_a_table_per_table_and_the_banners_in_every_page_header(written: dict[str, Path]) -> None:
    document = docx.Document(str(written["docx"]))
    assert len(document.tables) == 4
    assert EXACT in document.sections[0].header.paragraphs[0].text
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == list(TITLES[1:])
    targets = document.tables[0]
    assert [cell.text for cell in targets.rows[1].cells][:5] == ["全国", "贯标单位", "300", "2027-12-31", "8903"]


def _pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_libreoffice_opens_the_docx_as_a_pdf_and_as_text(written: dict[str, Path], tmp_path: Path) -> None:
    convert(written["docx"], "pdf", tmp_path)
    pages = _pdf_pages(tmp_path / "progress.pdf")
    assert all(EXACT in page and SYNTHETIC in page for page in pages)  # the page header, on every page
    text = "\n".join(pages)
    assert all(title in text for title in TITLES) and all(figure in text for figure in FIGURES)
    convert(written["docx"], "txt:Text", tmp_path)
    body = (tmp_path / "progress.txt").read_text(encoding="utf-8-sig")
    assert body.splitlines()[:4] == [TITLES[0], "数据截至 2026-11-30", SYNTHETIC, EXACT]
    assert "合计（全国）" in body and "GB/T 36073" in body


def test_libreoffice_opens_the_xlsx_as_csv_sheets_and_a_pdf(written: dict[str, Path], tmp_path: Path) -> None:
    every_sheet = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    convert(written["xlsx"], every_sheet, tmp_path)
    sheets = {path.stem.removeprefix("progress-"): path.read_text("utf-8") for path in tmp_path.glob("*.csv")}
    assert sorted(sheets) == sorted(["目标", "地区", "行业", "年份"])
    for text in sheets.values():
        assert text.splitlines()[2].startswith(SYNTHETIC) and text.splitlines()[3].startswith(EXACT)
    lines = sheets["地区"].splitlines()
    assert "合计（全国）,10903,19,5300,3900,1500,184,5584,10983,4,10993,14,0,81,44" in lines
    assert any(line.startswith("济南市,6500,12,3100") and ",-39,41" in line for line in lines)
    assert any(line.startswith("\"'=HYPERLINK(") and ",4403,<5," in line for line in lines)  # shown, never run
    assert "全国,贯标单位,300,2027-12-31,8903,0,2967.7,9400,已达成" in sheets["目标"].splitlines()
    convert(written["xlsx"], "pdf", tmp_path)
    pages = _pdf_pages(tmp_path / "progress.pdf")
    assert len(pages) == 4  # one page per sheet: fitted to the page width, nothing spills onto a second
    assert all(EXACT in page for page in pages)
    assert all(figure in "\n".join(pages) for figure in FIGURES)
