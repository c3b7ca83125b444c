"""The pieces every DOCX of dcmm is built from (python-docx): fonts that show Chinese, fields, shading, tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from dcmm.files import write_atomically_with

CJK_FONT = "Noto Sans CJK SC"
LATIN_FONT = CJK_FONT  # its Latin letters and figures too: one face throughout, as in the PDF
GREY = RGBColor(0x55, 0x55, 0x55)
HEADER_SHADE = "DCE6F1"


def set_fonts(document: WordDocument, language: str, styles: Sequence[str], east_asian: str = CJK_FONT) -> None:
    """Latin and East Asian fonts (``w:eastAsia``) and languages of ``styles``, so that a machine without the
    author's fonts still shows Chinese, in Word and in LibreOffice."""
    for name in styles:
        style = document.styles[name]
        style.font.name = LATIN_FONT
        properties = style.element.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), east_asian)
        fonts.set(qn("w:ascii"), LATIN_FONT)
        fonts.set(qn("w:hAnsi"), LATIN_FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)  # a theme font would win over the names above
        tag = properties.find(qn("w:lang"))
        if tag is None:
            tag = OxmlElement("w:lang")
            properties.append(tag)
        tag.set(qn("w:eastAsia"), "zh-CN")
        tag.set(qn("w:val"), "zh-CN" if language == "zh" else "en-GB")


def shade(cell: _Cell, colour: str) -> None:
    """Fill a table cell with ``colour`` (six hex digits)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _row_property(row: _Row, tag: str) -> None:
    marker = OxmlElement(tag)
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def repeat_as_header(row: _Row) -> None:
    """The row is repeated at the top of every page the table runs onto."""
    _row_property(row, "w:tblHeader")


def keep_row_whole(row: _Row) -> None:
    """The row moves to the next page whole rather than leaving its last lines there alone."""
    _row_property(row, "w:cantSplit")


def grey(paragraph: Paragraph, text: str | None = None, size: float = 9) -> None:
    """Grey small text: added as a run, or the paragraph's runs turned grey."""
    runs = [paragraph.add_run(text)] if text is not None else paragraph.runs
    for run in runs:
        run.font.color.rgb = GREY
        run.font.size = Pt(size)


def _field_char(kind: str) -> BaseOxmlElement:
    run, char = OxmlElement("w:r"), OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def field_start(parent: BaseOxmlElement, instruction: str) -> None:
    """The start of a field (``PAGE``, ``TOC …``) in ``parent`` (a paragraph or hyperlink): what follows, up to
    :func:`field_end`, is its last computed result, which the word processor replaces when it updates it."""
    instr_run, instr = OxmlElement("w:r"), OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    instr_run.append(instr)
    parent.extend([_field_char("begin"), instr_run, _field_char("separate")])


def field_end(parent: BaseOxmlElement) -> None:
    parent.append(_field_char("end"))


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A field in one paragraph; ``placeholder`` is shown until the word processor computes it."""
    field_start(paragraph._p, instruction)
    if placeholder:
        paragraph.add_run(placeholder)
    field_end(paragraph._p)


def bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    """Mark the paragraph as the bookmark ``name``, which contents entries link to and take page numbers of."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    properties = paragraph._p.pPr
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def contents_entry(paragraph: Paragraph, text: str, target: str) -> None:
    """A table-of-contents line: the heading's text linked to its bookmark. The page number is left to the word
    processor's update of the contents (Word on opening, LibreOffice's Update All): only it knows the pages."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), target)
    link.set(qn("w:history"), "1")
    words, label = OxmlElement("w:r"), OxmlElement("w:t")
    label.set(qn("xml:space"), "preserve")
    label.text = text
    words.append(label)
    link.append(words)
    paragraph._p.append(link)


def page_number(paragraph: Paragraph) -> None:
    """``PAGE / NUMPAGES`` as fields, which the word processor fills in."""
    add_field(paragraph, "PAGE")
    paragraph.add_run(" / ")
    add_field(paragraph, "NUMPAGES")


def update_fields_on_open(document: WordDocument) -> None:
    """Ask the word processor to compute the fields (the table of contents) when the document is opened."""
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def data_table(
    document: WordDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[Length],
    numeric: Sequence[bool] = (),
    size: float = 9,
    header_shade: str = HEADER_SHADE,
) -> Table:
    """A grid table with a shaded header row that repeats on each page (no header row when ``header`` is
    empty: a table of facts, its first column shaded instead); rows never break across pages."""
    columns = len(widths)
    table: Table = document.add_table(rows=1 if header else 0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    right = [*numeric, *([False] * (columns - len(numeric)))]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows; Word follows each cell's width
    if header:
        head = table.rows[0]
        repeat_as_header(head)
        for cell, label, width, is_number in zip(head.cells, header, widths, right, strict=True):
            cell.width = width
            _cell_text(cell, label, size, is_number, bold=True)
            shade(cell, header_shade)
    for values in rows:
        line = table.add_row()  # type: ignore[no-untyped-call]
        keep_row_whole(line)
        for index, (cell, value, width, is_number) in enumerate(zip(line.cells, values, widths, right, strict=True)):
            cell.width = width
            _cell_text(cell, value, size, is_number, bold=not header and index == 0)
            if not header and index == 0:
                shade(cell, header_shade)
    return table


def _cell_text(cell: _Cell, value: str, size: float, right: bool, bold: bool = False) -> None:
    """The cell's text; a line break in ``value`` starts a new paragraph of the cell."""
    for index, line in enumerate(value.split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        run.bold, run.font.size = bold, Pt(size)


def save_document(document: WordDocument, path: Path) -> None:
    """Write ``document`` to ``path`` atomically."""

    def save(handle: BinaryIO) -> None:
        document.save(handle)

    write_atomically_with(path, save)
