"""A briefing as a DOCX document (python-docx): landscape A4, the banners in every page's header and
under the title, one heading and table per table, header rows repeated on each page, 合计 rows bold."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Mm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from dcmm.render.briefing import Briefing, BriefingTable, display_width, format_value
from dcmm.render.word_parts import grey, keep_row_whole, page_number, repeat_as_header, save_document, set_fonts, shade

RED = RGBColor(0xC0, 0x39, 0x2B)
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(297), Mm(210), Mm(15)
SUBTOTAL_SHADE = "EEF3F9"
WIDE_TABLE = 10  # columns beyond which a table is set a point smaller
CHARACTER_WIDTH = 0.56  # of the font size: a Latin character or figure, in bold; a CJK character is two
CELL_MARGINS = 3  # characters a cell's left and right margins take
MAX_COLUMN, SHORT_TEXT = 40, 14  # characters: the widest column; a text this short does not wrap


def write_docx(briefing: Briefing, path: Path) -> None:
    """Write ``briefing`` to ``path`` atomically."""
    document = Document()
    _page(document, briefing)
    _fonts(document, briefing)
    document.core_properties.title = briefing.title
    document.core_properties.language = "zh-CN" if briefing.language == "zh" else "en-GB"
    document.add_heading(briefing.title, level=0)
    grey(document.add_paragraph(briefing.subtitle))
    for banner in briefing.banners:
        _banner(document.add_paragraph(), banner)
    for table in briefing.tables:
        document.add_heading(table.title, level=1).paragraph_format.keep_with_next = True
        _table(document, table)
        for note in table.notes:
            grey(document.add_paragraph(note), size=8)
    for note in briefing.notes:
        grey(document.add_paragraph(note), size=8)

    save_document(document, path)


def _page(document: WordDocument, briefing: Briefing) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    header = section.header.paragraphs[0]
    grey(header, briefing.title + "  ", size=8)
    for banner in briefing.banners:
        _banner(header, banner + "  ", size=8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page_number(footer)


def _fonts(document: WordDocument, briefing: Briefing) -> None:
    set_fonts(document, briefing.language, ("Normal", "Title", "Heading 1"))
    document.styles["Normal"].font.size = Pt(9)
    document.styles["Title"].font.size = Pt(20)
    document.styles["Heading 1"].font.size = Pt(13)


def _table(document: WordDocument, spec: BriefingTable) -> None:
    table: Table = document.add_table(rows=1, cols=len(spec.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    size = Pt(8 if len(spec.columns) > WIDE_TABLE else 9)
    widths = _column_widths(spec, size)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows; Word follows each cell's width
    head = table.rows[0]
    repeat_as_header(head)
    for cell, column, width in zip(head.cells, spec.columns, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if column.numeric else WD_ALIGN_PARAGRAPH.LEFT
        run = paragraph.add_run(column.label)
        run.bold, run.font.size = True, size
        shade(cell, "DCE6F1")
    for row in spec.rows:
        line = table.add_row()  # type: ignore[no-untyped-call]
        keep_row_whole(line)
        for cell, column, value, width in zip(line.cells, spec.columns, row.cells, widths, strict=True):
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if column.numeric else WD_ALIGN_PARAGRAPH.LEFT
            run = paragraph.add_run(format_value(value, column.decimals))
            run.bold, run.font.size = row.emphasis != "plain", size
            if row.emphasis == "subtotal":
                shade(cell, SUBTOTAL_SHADE)


def _column_widths(spec: BriefingTable, size: Length) -> list[Length]:
    """Widths in EMU that fill the text width. Figures, dates and short names get all they need, so they
    never break inside; when that is more than the page has, the long texts (a metric, a document's
    title) give up room and wrap."""
    capacity = (PAGE_WIDTH - 2 * MARGIN) / (size * CHARACTER_WIDTH)  # in half-CJK character units
    wanted, flexible = [], []
    for index, column in enumerate(spec.columns):
        # a heading may wrap onto two lines, but not inside a word
        label = max(display_width(column.label) // 2 + 1, *(display_width(w) for w in column.label.split()))
        values = [display_width(format_value(row.cells[index], column.decimals)) for row in spec.rows]
        need = min(MAX_COLUMN, max(3, label, *values)) + CELL_MARGINS
        wanted.append(float(need))
        flexible.append(not column.numeric and need > SHORT_TEXT)
    excess = sum(wanted) - capacity
    room = sum(w - SHORT_TEXT for w, give in zip(wanted, flexible, strict=True) if give)
    if excess > 0 and room > 0:
        share = min(1.0, excess / room)
        wanted = [w - share * (w - SHORT_TEXT) if give else w for w, give in zip(wanted, flexible, strict=True)]
    usable = PAGE_WIDTH - 2 * MARGIN
    return [Length(int(usable * w / sum(wanted))) for w in wanted]


def _banner(paragraph: Paragraph, text: str, size: float = 10) -> None:
    run = paragraph.add_run(text)
    run.bold = True
    run.font.color.rgb = RED
    run.font.size = Pt(size)
