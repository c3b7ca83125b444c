"""Findings and portfolios as rows: CSV (UTF-8 with BOM, so spreadsheet programs read Chinese) and XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from dcmm.core.text import Language
from dcmm.files import write_atomically, write_atomically_with
from dcmm.files.cells import Cell as Cell
from dcmm.files.cells import spreadsheet_cell, spreadsheet_row
from dcmm.report.models import Gap, ReportContext
from dcmm.report.names import labels

Row = Mapping[str, Cell]
Sheet = tuple[str, list[str], list[list[Cell]]]


@dataclass(frozen=True)
class Columns:
    """The keys of a table's columns; their headers are ``<prefix><key>`` in the report catalogue."""

    prefix: str
    keys: tuple[str, ...]

    def headers(self, language: Language) -> list[str]:
        t = labels(language)
        return [t[self.prefix + key] for key in self.keys]


# The last three columns are left empty for the remediation plan.
FINDING_COLUMNS = Columns(
    "finding_column_",
    (
        "phase",
        "level",
        "criterion_id",
        "domain",
        "item",
        "text",
        "grade",
        "gain_overall",
        "gain_item",
        "shortest_path",
        "evidence_hints",
        "evidence",
        "note",
        "marked_for_review",
        "owner",
        "due",
        "status",
    ),
)
PORTFOLIO_COLUMNS = Columns(
    "portfolio_column_",
    (
        "organisation",
        "credit_code",
        "region",
        "industry",
        "edition",
        "assessed_on",
        "score",
        "level",
        "level_name",
        "target_level",
        "points_to_target",
        "completeness",
        "file",
        "report",
    ),
)


def finding_rows(context: ReportContext) -> list[dict[str, Cell]]:
    """The roadmap's gaps (phase by phase, most gain first), then criteria beyond the target that block
    an item's next level (no phase)."""
    yes = context.t["yes"]
    rows: list[dict[str, Cell]] = []
    seen: set[str] = set()

    def row(gap: Gap, phase: int | str, shortest: bool) -> dict[str, Cell]:
        seen.add(gap.id)
        return {
            "phase": phase,
            "level": gap.level,
            "criterion_id": gap.id,
            "domain": f"{gap.domain_id} {gap.domain_name}",
            "item": f"{gap.item_id} {gap.item_name}",
            "text": gap.text,
            "grade": gap.grade_name,
            "gain_overall": gap.gain_overall,
            "gain_item": gap.gain_item,
            "shortest_path": yes if shortest else "",
            "evidence_hints": "\n".join(gap.evidence_hints),
            "evidence": "\n".join(gap.evidence),
            "note": gap.note,
            "marked_for_review": yes if gap.marked_for_review else "",
            "owner": "",
            "due": "",
            "status": "",
        }

    for phase in context.roadmap.phases:
        rows.extend(row(g, phase.phase, g.in_shortest_path) for g in phase.gaps)
    for domain in context.domains:
        for item in domain.unmet:
            rows.extend(row(g, "", False) for g in item.criteria if g.id not in seen)
    return rows


def to_csv(rows: Sequence[Row], columns: Columns, language: Language) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(spreadsheet_row(columns.headers(language)))
    for row in rows:
        writer.writerow(spreadsheet_row(row[key] for key in columns.keys))
    return out.getvalue()


def write_csv(path: Path, rows: Sequence[Row], columns: Columns, language: Language) -> None:
    write_atomically(path, to_csv(rows, columns, language), encoding="utf-8-sig")


@dataclass(frozen=True)
class ColourScale:
    """A sheet's numbers from column ``first`` (1-based) to the last, shaded light to dark from 0 to ``maximum``."""

    first: int
    maximum: float
    colours: tuple[str, str]


def write_xlsx(path: Path, sheets: Sequence[Sheet], scales: Mapping[str, ColourScale] | None = None) -> None:
    """Sheets of (title, headers, rows): bold frozen header, filters, readable column widths; a sheet named in
    ``scales`` is shaded as a heat map (a colour scale that spreadsheet programs keep when values change)."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    for title, headers, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append([spreadsheet_cell(h) for h in headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="1F5FA8")
            cell.alignment = Alignment(vertical="center", wrap_text=True)
        for values in rows:
            sheet.append([spreadsheet_cell(v) for v in values])
        sheet.freeze_panes = "A2"
        if rows:
            sheet.auto_filter.ref = sheet.dimensions
        for index, header in enumerate(headers, start=1):
            longest = max([_width(header), *(_width(r[index - 1]) for r in rows[:200])])
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = min(60, max(8, longest + 2))
        wrap = Alignment(wrap_text=True, vertical="top")
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                cell.alignment = wrap
        scale = (scales or {}).get(title)
        if scale is not None and rows:
            first = sheet.cell(row=2, column=scale.first).coordinate
            last = sheet.cell(row=len(rows) + 1, column=len(headers)).coordinate
            low, high = (colour.lstrip("#").upper() for colour in scale.colours)
            rule = ColorScaleRule(start_type="num", start_value=0, start_color=low, end_type="num",
                                  end_value=scale.maximum, end_color=high)  # fmt: skip
            sheet.conditional_formatting.add(f"{first}:{last}", rule)

    def save(handle: BinaryIO) -> None:
        book.save(handle)

    write_atomically_with(path, save)


def _width(value: Cell) -> int:
    """Display width: CJK characters take two columns."""
    text = str(value).split("\n")[0] if value is not None else ""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def sheet(title: str, rows: Sequence[Row], columns: Columns, language: Language) -> Sheet:
    return title, columns.headers(language), [[row[key] for key in columns.keys] for row in rows]
