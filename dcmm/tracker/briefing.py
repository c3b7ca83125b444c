"""A publication as a briefing (:class:`dcmm.render.briefing.Briefing`): the tables an office puts in a
briefing, as XLSX or DOCX, and the tables of the PDF report.

Hidden cells become ``<threshold`` here, so no writer ever sees their value; subtotal and total rows are
marked for bold; the notes say how small groups are treated (or that the counts are exact), what the
figures mean and where they come from.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from dcmm.i18n import vocabulary
from dcmm.render.briefing import Briefing, BriefingColumn, BriefingRow, BriefingTable, Emphasis, Value
from dcmm.tracker.published import Cell, Publication, Table

BriefingFormat = Literal["xlsx", "docx"]
_EMPHASIS: dict[str, Emphasis] = {"region": "plain", "others": "plain", "subtotal": "subtotal", "total": "total"}


def cell_value(cell: Cell | None, threshold: int) -> Value:
    """What a reader sees of a cell: ``<threshold`` when it is hidden, never its value."""
    if cell is None:
        return None
    return f"<{threshold}" if cell.hidden else cell.value


def briefing_table(table: Table, publication: Publication) -> BriefingTable:
    t = vocabulary(publication.lang)
    columns = [BriefingColumn(t(f"briefing.label_{table.key}"), numeric=False)]
    for column in table.columns:
        decimals = int(any(isinstance(row.cells.get(column.key, Cell(None)).value, float) for row in table.rows))
        columns.append(BriefingColumn(column.label, column.numeric, decimals, column.key))
    rows = tuple(
        BriefingRow(
            (row.label, *(cell_value(row.cells.get(column.key), publication.threshold) for column in table.columns)),
            _EMPHASIS[row.kind],
        )
        for row in table.rows
    )
    sheet = t(f"briefing.sheet_{table.key}")
    return BriefingTable(table.title, sheet, tuple(columns), rows, tuple(table.notes), table.key)


def briefing(publication: Publication) -> Briefing:
    t = vocabulary(publication.lang)
    threshold = publication.threshold
    disclosure = t("briefing.exact_note" if publication.exact else "briefing.hidden_note", threshold=threshold)
    return Briefing(
        title=publication.title,
        subtitle=t("briefing.as_of", date=publication.as_of.isoformat()),
        language=publication.lang,
        banners=tuple(publication.banners),
        tables=tuple(briefing_table(table, publication) for table in publication.tables),
        notes=(disclosure, t("briefing.definitions"), t("briefing.sources")),
    )


def write_briefing(publication: Publication, path: Path, format: BriefingFormat) -> Path:
    """Write the publication as an XLSX workbook or a DOCX document, atomically."""
    if format == "xlsx":
        from dcmm.render.xlsx import write_xlsx

        write_xlsx(briefing(publication), path)
    else:
        from dcmm.render.word import write_docx

        write_docx(briefing(publication), path)
    return path
