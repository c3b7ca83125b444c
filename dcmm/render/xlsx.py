"""A briefing as an XLSX workbook: one sheet per table, each carrying the title and banners, ready to print.

Every text goes through :func:`dcmm.files.cells.spreadsheet_cell`, so a name such as ``=HYPERLINK(…)`` is
shown, never run; numbers stay numbers. Each sheet freezes its header row and label column, prints
landscape fitted to one page wide with the header repeated, and repeats the banners in the page header.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from dcmm.files import write_atomically_with
from dcmm.files.cells import spreadsheet_cell
from dcmm.render.briefing import Briefing, BriefingTable, display_width

HEADER_FILL = PatternFill("solid", fgColor="1F5FA8")
SUBTOTAL_FILL = PatternFill("solid", fgColor="EEF3F9")
FONT = "Noto Sans CJK SC"  # the CJK face the PDF embeds; a machine without it substitutes its own
BANNER_FONT = Font(name=FONT, bold=True, size=10, color="C0392B")
RULE = Side(style="thin", color="444444")
MAX_SHEET_NAME = 31
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
MIN_WIDTH, MAX_WIDTH = 6, 48


def sheet_names(tables: tuple[BriefingTable, ...]) -> list[str]:
    """Each table's tab name as Excel accepts it: no ``[]:*?/\\``, at most 31 characters, unique."""
    names: list[str] = []
    for index, table in enumerate(tables, start=1):
        name = _NOT_IN_SHEET_NAMES.sub(" ", table.sheet_name).strip().strip("'")[:MAX_SHEET_NAME] or f"{index}"
        if name.casefold() in {n.casefold() for n in names}:
            name = f"{name[: MAX_SHEET_NAME - 4]} ({index})"
        names.append(name)
    return names


def write_xlsx(briefing: Briefing, path: Path) -> None:
    """Write ``briefing`` to ``path`` atomically."""
    book = Workbook()
    book.remove(book.active)
    for name, table in zip(sheet_names(briefing.tables), briefing.tables, strict=True):
        _sheet(book.create_sheet(name), briefing, table)

    def save(handle: BinaryIO) -> None:
        book.save(handle)

    write_atomically_with(path, save)


def _sheet(sheet: Worksheet, briefing: Briefing, table: BriefingTable) -> None:
    width = len(table.columns)
    widths = _widths(sheet, table)
    lines: list[tuple[str, Font]] = [
        (briefing.title, _font(bold=True, size=14)),
        (briefing.subtitle, _font(color="555555")),
        *((banner, BANNER_FONT) for banner in briefing.banners),
        (table.title, _font(bold=True, size=12)),
    ]
    for number, (text, font) in enumerate(lines, start=1):
        _full_width(sheet, number, text, font, widths)
    header = len(lines) + 1
    for column, spec in enumerate(table.columns, start=1):
        cell = sheet.cell(row=header, column=column, value=spreadsheet_cell(spec.label))
        cell.font = _font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = _alignment(spec.numeric, column, vertical="center")
    for offset, row in enumerate(table.rows, start=1):
        font = _font(bold=row.emphasis != "plain")
        for column, (spec, value) in enumerate(zip(table.columns, row.cells, strict=True), start=1):
            cell = sheet.cell(row=header + offset, column=column, value=spreadsheet_cell(value))
            cell.font = font
            cell.alignment = _alignment(spec.numeric, column)
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = "0" if spec.decimals == 0 else "0." + "0" * spec.decimals
            if row.emphasis == "subtotal":
                cell.fill = SUBTOTAL_FILL
            if row.emphasis == "total":
                cell.border = Border(top=RULE)
    last = header + len(table.rows)
    for offset, note in enumerate([*table.notes, *briefing.notes], start=2):
        _full_width(sheet, last + offset, note, _font(size=9, color="555555"), widths)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=2 if width > 1 else 1)
    sheet.print_area = f"A1:{get_column_letter(width)}{last + 1 + len(table.notes) + len(briefing.notes)}"
    _print_setup(sheet, briefing, header)


def _alignment(numeric: bool, column: int, vertical: str = "top") -> Alignment:
    """Figures to the right; texts to the left, indented after the first column so that a text never
    touches the figure before it."""
    if numeric:
        return Alignment(horizontal="right", vertical=vertical, wrap_text=True)
    return Alignment(horizontal="left", vertical=vertical, wrap_text=True, indent=int(column > 1))


def _font(*, bold: bool = False, size: float = 10, color: str = "000000") -> Font:
    return Font(name=FONT, bold=bold, size=size, color=color)


def _full_width(sheet: Worksheet, row: int, text: str, font: Font, widths: list[float]) -> None:
    """A line of text across the table's width, wrapped, its row as tall as its lines: it never spills
    past the table (which would widen the printed page) and is never cut."""
    cell = sheet.cell(row=row, column=1, value=spreadsheet_cell(text))
    cell.font = font
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if len(widths) > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    # column widths count characters of the default size; a larger font takes more of them
    room = sum(widths) * 10 / (font.size or 10)
    lines = max(1, -(-display_width(text) // max(1, int(room) - 2)))
    sheet.row_dimensions[row].height = lines * (font.size or 10) * 1.45


def _widths(sheet: Worksheet, table: BriefingTable) -> list[float]:
    widths: list[float] = []
    for index, spec in enumerate(table.columns):
        # the header wraps onto two lines, so half its width (but its longest word) is enough
        header = max(display_width(spec.label) // 2 + 1, *(display_width(w) for w in spec.label.split()))
        values = [display_width(row.cells[index]) for row in table.rows]
        width = min(MAX_WIDTH, max(MIN_WIDTH, header, *values) + 2)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
        widths.append(width)
    return widths


def _print_setup(sheet: Worksheet, briefing: Briefing, header: int) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header}:{header}"
    sheet.print_options.horizontalCentered = True
    # '&' starts a code in a page header; the banners are said on every printed page
    banners = "  ".join(briefing.banners).replace("&", "&&")
    if banners:
        sheet.oddHeader.center.text = banners
        sheet.oddHeader.center.color = "C0392B"
    sheet.oddHeader.left.text = briefing.title.replace("&", "&&")
    sheet.oddFooter.center.text = "&P / &N"
