"""The editable DOCX report: read back with python-docx, and opened in LibreOffice and converted to PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from PIL import Image

from dcmm.assessments import score_file
from dcmm.files.brand import read_brand
from dcmm.report.build import ReportOptions, stem_for, write_report_files
from tests.office import convert
from tests.report.conftest import example_path

BRAND_NAME = "示例·泰山数据咨询有限公司（虚构）"
BRAND = f"""\
name: {BRAND_NAME}
logo: logo.png
primary: "#2E7D32"
accent: "#F57C00"
contact:
  - 山东省济南市历下区示例路 1 号
  - 电话 0531-00000000
signature:
  signatory: 王示例
  title: 首席咨询顾问
  date: 2026-12-01
"""


def write_brand(folder: Path, text: str = BRAND) -> Path:
    picture = io.BytesIO()
    Image.new("RGB", (240, 80), (46, 125, 50)).save(picture, format="PNG")
    (folder / "logo.png").write_bytes(picture.getvalue())
    path = folder / "brand.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_docx(folder: Path, number: int, lang: str = "zh", brand: bool = True) -> Path:
    scored = score_file(example_path(number))
    options = ReportOptions(lang, ("docx",), read_brand(write_brand(folder)) if brand else None)  # type: ignore[arg-type]
    written, _context = write_report_files(scored, folder, stem_for(scored, options.language), options)
    return written["docx"]


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_docx(tmp_path_factory.mktemp("docx"), 1)


def headings(document: WordDocument) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]


def test_chapters_are_word_headings_so_the_navigation_pane_lists_them(branded: Path) -> None:
    found = headings(Document(str(branded)))
    level_one = [text for style, text in found if style == "Heading 1"]
    assert level_one[:2] == ["执行摘要", "能力域概览"]
    assert "6 数据战略" in level_one and "行动计划" in level_one and "签字与盖章" in level_one
    assert ("Heading 2", "优先事项") in found
    assert ("Heading 3", "6.1 数据战略规划") in found


def test_the_contents_is_a_toc_field_and_the_footer_numbers_pages(branded: Path) -> None:
    document = Document(str(branded))
    instructions = [node.text for node in document.element.body.iter(qn("w:instrText"))]
    assert any(text.strip().startswith("TOC ") for text in instructions)
    footer = document.sections[-1].footer._element
    assert {node.text.strip() for node in footer.iter(qn("w:instrText"))} == {"PAGE", "NUMPAGES"}


def test_tables_pictures_and_brand_are_in_the_document(branded: Path) -> None:
    document = Document(str(branded))
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "6.1 数据战略规划" in texts  # the item scores
    assert any(text.startswith("6.1.1.1 ") for text in texts)  # a criterion not met, or an answer
    assert BRAND_NAME in texts and "王示例" in texts and "2026-12-01" in texts
    pictures = {part.content_type for part in document.part.package.parts if part.partname.startswith("/word/media/")}
    assert pictures == {"image/png"}
    assert len(document.inline_shapes) == 3  # logo, radar chart, heat map
    assert BRAND_NAME in document.sections[-1].header.paragraphs[0].text


def test_table_rows_never_break_across_pages(branded: Path) -> None:
    document = Document(str(branded))
    rows = [row for table in document.tables for row in table.rows]
    assert len(rows) > 100
    body = [row._tr.trPr for row in rows if row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None]
    assert body and all(
        properties is not None and properties.find(qn("w:cantSplit")) is not None for properties in body
    )


def test_east_asian_text_has_a_cjk_font(branded: Path) -> None:
    document = Document(str(branded))
    for name in ("Normal", "Heading 1", "Title"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
        assert fonts.get(qn("w:asciiTheme")) is None  # a theme font would override it


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_libreoffice_opens_it_and_shows_organisation_level_and_domains(branded: Path, tmp_path: Path) -> None:
    pdf = convert(branded, "pdf", tmp_path)
    text = pdf_text(pdf)
    assert "示例·齐鲁精工机械有限公司（虚构）" in text
    assert "L1 初始级" in text
    assert "数据战略" in text and "数据生存周期" in text
    assert BRAND_NAME in text and "盖章处" in text
    pages = text.split("\f")
    assert len(pages) > 20
    # every page holds more than its header and footer: no page is left blank by a break after a full page
    assert all(len([line for line in page.splitlines() if line.strip()]) > 3 for page in pages[:-1])


def test_english_report_without_brand(tmp_path: Path) -> None:
    path = write_docx(tmp_path, 2, "en", brand=False)
    document = Document(str(path))
    level_one = [text for style, text in headings(document) if style == "Heading 1"]
    assert "Executive summary" in level_one
    assert "Signature and seal" not in level_one
    text = pdf_text(convert(path, "pdf", tmp_path))
    assert "Data strategy" in text
