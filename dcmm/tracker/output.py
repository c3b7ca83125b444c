"""A publication as plain data (JSON), CSV and terminal tables: each writes exactly the cells it is given.

A hidden cell is written ``<5`` (``<threshold``) in text and ``null`` in JSON, never its value; the banners
(synthetic data, the internal exact view) come first in every output.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from dcmm.files.cells import spreadsheet_row
from dcmm.i18n import vocabulary
from dcmm.tracker.published import Cell, Publication, Row, Table

JSON_FORMAT = "dcmm-tracker-progress/2"
# The columns of the CSV before the tables' own: which table, what kind of row, its key, label and subtotal.
CSV_ROW_COLUMNS = ("table", "kind", "key", "label", "parent")
# Long texts the terminal leaves to the sentence under the targets table.
# Printed under the targets table instead (a terminal has no room for a sentence in a column)
_TERMINAL_OMITS = frozenset({"source", "definition", "comparison"})


def _hidden_mark(publication: Publication) -> str:
    return vocabulary(publication.lang)("tracker.hidden_count", threshold=publication.threshold)


def _text(cell: Cell, publication: Publication) -> str | int | float | None:
    """A cell as CSV and terminal write it: a hidden cell as ``<threshold``."""
    return _hidden_mark(publication) if cell.hidden else cell.value


def _row_record(row: Row) -> dict[str, Any]:
    return {
        "kind": row.kind,
        "key": row.key,
        "label": row.label,
        "parent": row.parent,
        "cells": {column: None if cell.hidden else cell.value for column, cell in row.cells.items()},
        "hidden": [column for column, cell in row.cells.items() if cell.hidden],
    }


def _table_record(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": table.title,
        "columns": [{"key": c.key, "label": c.label, "numeric": c.numeric} for c in table.columns],
        "rows": [_row_record(row) for row in table.rows],
        "notes": table.notes,
    }


def publication_record(publication: Publication) -> dict[str, Any]:
    """The publication as the documented JSON document (docs/tracker.md): hidden counts are null."""
    return {
        "format": JSON_FORMAT,
        "title": publication.title,
        "as_of": publication.as_of.isoformat(),
        "lang": publication.lang,
        "region": publication.region,
        "region_name": publication.region_name,
        "by": publication.by,
        "small_group_threshold": publication.threshold,
        "expiring_within_days": publication.expiring_days,
        "exact": publication.exact,
        "includes_synthetic": publication.includes_synthetic,
        "banners": publication.banners,
        "tables": [_table_record(table) for table in publication.tables],
    }


def to_json(publication: Publication) -> str:
    return json.dumps(publication_record(publication), ensure_ascii=False, indent=2)


def csv_columns(publication: Publication) -> list[str]:
    """The CSV's header: the row columns, then every table's column keys in order of first appearance."""
    keys = dict.fromkeys(CSV_ROW_COLUMNS)
    for table in publication.tables:
        keys.update(dict.fromkeys(c.key for c in table.columns))
    return list(keys)


def to_csv(publication: Publication) -> str:
    """Every table in one CSV: one line per banner (``# …``), a header of column keys (the same in every
    language), then one line per row, each row once, with its table and kind (region, others, subtotal,
    total) so that a spreadsheet sums the region rows only. A hidden count is ``<threshold``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for banner in publication.banners:
        writer.writerow([f"# {banner}"])
    columns = csv_columns(publication)
    writer.writerow(columns)
    for table in publication.tables:
        for row in table.rows:
            values: dict[str, Any] = {
                "table": table.key,
                "kind": row.kind,
                "key": row.key,
                "label": row.label,
                "parent": row.parent,
            }
            values.update({column: _text(cell, publication) for column, cell in row.cells.items()})
            writer.writerow(spreadsheet_row(values.get(c) for c in columns))
    return out.getvalue()


_FIRST_COLUMN = {
    "targets": "tracker.column_region",
    "regions": "tracker.column_region",
    "industries": "tracker.column_industry",
    "years": "tracker.column_year",
}


def _terminal_table(table: Table, publication: Publication) -> RichTable:
    t = vocabulary(publication.lang)
    shown = [c for c in table.columns if not (table.key == "targets" and c.key in _TERMINAL_OMITS)]
    rich = RichTable(title=Text(table.title), title_justify="left")
    rich.add_column(t(_FIRST_COLUMN[table.key]), justify="left")
    for column in shown:
        dated = column.key in ("deadline", "counted_on")  # a date cut short reads as another date
        rich.add_column(column.label, justify="right" if column.numeric else "left", min_width=10 if dated else None)
    for row in table.rows:
        cells = [_text(row.cells[c.key], publication) if c.key in row.cells else None for c in shown]
        style = "bold" if row.kind in ("total", "subtotal") else None
        rich.add_row(Text(row.label), *(Text("" if v is None else str(v)) for v in cells), style=style)
    return rich


def print_publication(publication: Publication, console: Console) -> None:
    """The banners, then each table with its notes under it."""
    for banner in publication.banners:
        console.print(Text(banner, style="bold red"))
    for table in publication.tables:
        console.print(_terminal_table(table, publication))
        if table.key == "targets":
            t = vocabulary(publication.lang)
            for row in table.rows:
                counted = t("targets.definition_line", label=row.cells["definition"].value).strip()
                console.print(Text(f"{row.label} · {row.cells['metric'].value} · {counted}"))
        for note in table.notes:
            console.print(Text(note))
