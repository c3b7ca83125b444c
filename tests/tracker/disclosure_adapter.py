"""A progress report as published tables, protected by disclosure control, and written and read back.

It stands in for the publication step of the progress outputs: it builds the tables of a
:class:`~dcmm.tracker.published.Publication` from a :class:`~dcmm.tracker.progress.ProgressReport`,
gives every count its tally (base counts: region × level, expiring and valid for longer, the ever certified that
hold no valid certificate, the 贯标 units never certified, self-assessments below and from level 3,
the valid count a year ago, industry × level, year × level), lets
:func:`dcmm.tracker.disclosure.protect` choose the hidden cells, and writes JSON and CSV, which
:func:`read_json` and :func:`read_csv` read back as a reader would.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from dcmm.tracker.disclosure import (
    Tally,
    change_is_small,
    level_terms,
    merged,
    protect,
    region_identities,
    region_terms,
    same_levels,
)
from dcmm.tracker.progress import LEVELS, OTHERS, ProgressReport, RegionRow
from dcmm.tracker.published import Cell, Column, Publication, Row, RowKind, Table, TableKey
from dcmm.tracker.publishing import LEVEL_COLUMNS, REGION_COLUMNS

Terms = dict[Any, int]
BY_LEVEL_COLUMNS = LEVEL_COLUMNS
TARGET_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("region", False),
    ("metric", False),
    ("number", True),
    ("counted_on", False),
    ("count", True),
    ("percent", True),
    ("pace_per_year", True),
    ("projected_at_deadline", True),
    ("status", False),
)


def _region_values(row: RegionRow) -> dict[str, int]:
    return {
        "certified_valid": row.certified_valid,
        **{f"level_{k}": row.levels[k] for k in LEVELS},
        "level3_plus": row.level3_plus,
        "ever_certified": row.ever_certified,
        "guanbiao": row.guanbiao,
        "self_assessed": row.self_assessed,
        "self_assessed_level3_plus": row.self_assessed_level3_plus,
        "change_12_months": row.certified_valid - row.certified_valid_year_ago,
        "expiring": row.expiring,
    }


def _count_cell(table: str, row: str, column: str, value: int, terms: Terms, primary: bool | None = None) -> Cell:
    return Cell(value, Tally((table, row, column), value, terms, primary))


def _regions_table(report: ProgressReport) -> tuple[Table, dict[str, dict[str, Terms]]]:
    threshold = report.threshold
    leaves: list[tuple[RegionRow, RowKind, str | None]] = []
    for region in report.rows:
        kind: RowKind = "others" if region.region == OTHERS else "region"
        parent = region.region[:2] + "0000" if report.by == "city" and kind == "region" else None
        leaves.append((region, kind, parent))
    terms_of: dict[str, dict[str, Terms]] = {}
    rows: list[Row] = []

    def add(key: str, label: str, kind: RowKind, parent: str | None, values: dict[str, int], ya: int) -> None:
        terms = terms_of[key]
        row = Row(kind, key, label, parent)
        for column in REGION_COLUMNS:
            primary = (
                change_is_small(values["certified_valid"], ya, threshold) if column == "change_12_months" else None
            )
            row.cells[column] = _count_cell("regions", key, column, values[column], terms[column], primary)
        rows.append(row)

    subtotals: dict[str, RegionRow] = {}
    for region, _kind, parent in leaves:
        terms_of[region.region] = region_terms(region.region)
        if parent is not None:
            if parent not in subtotals:
                subtotals[parent] = RegionRow(parent, f"{parent}小计")
            subtotals[parent].add(region)
    for region, kind, parent in leaves:
        add(region.region, region.name, kind, parent, _region_values(region), region.certified_valid_year_ago)
    for parent, subtotal in subtotals.items():
        terms_of[parent] = {
            column: merged(*(terms_of[r.region][column] for r, _, p in leaves if p == parent))
            for column in REGION_COLUMNS
        }
        add(parent, subtotal.name, "subtotal", None, _region_values(subtotal), subtotal.certified_valid_year_ago)
    terms_of["total"] = {
        column: merged(*(terms_of[r.region][column] for r, _, _ in leaves)) for column in REGION_COLUMNS
    }
    add("total", "合计", "total", None, _region_values(report.total), report.total.certified_valid_year_ago)
    columns = [Column(c, c) for c in REGION_COLUMNS]
    return Table("regions", "regions", columns, rows), terms_of


def _by_level_table(key: TableKey, items: list[tuple[str, dict[int, int]]], others: str | None) -> Table:
    rows: list[Row] = []
    totals: dict[str, Terms] = {c: {} for c in BY_LEVEL_COLUMNS}
    for name, levels in items:
        kind: RowKind = "others" if name == others else "region"
        row = Row(kind, name, name)
        terms = level_terms(key, name)
        values = {**{f"level_{k}": levels[k] for k in LEVELS}, "total": sum(levels.values())}
        for column in BY_LEVEL_COLUMNS:
            row.cells[column] = _count_cell(key, name, column, values[column], terms[column])
            totals[column] = merged(totals[column], terms[column])
        rows.append(row)
    total = Row("total", "total", "合计")
    for column in BY_LEVEL_COLUMNS:
        value = sum(int(r.cells[column].value or 0) for r in rows)
        total.cells[column] = _count_cell(key, "total", column, value, totals[column])
    rows.append(total)
    return Table(key, key, [Column(c, c) for c in BY_LEVEL_COLUMNS], rows)


def _targets_table(report: ProgressReport, terms_of: dict[str, dict[str, Terms]]) -> Table:
    rows: list[Row] = []
    threshold = report.threshold
    for tp in report.targets:
        key = str(tp.target.id)
        region = tp.target.region
        metric = tp.target.metric
        same_day = tp.counted_on == report.as_of  # a target past its deadline is counted on the deadline
        row_terms = terms_of.get("total" if region == report.region else region) if same_day else None
        count_terms = row_terms[metric] if row_terms else {("target", key): 1}
        if row_terms and metric == "certified_valid":
            pace_terms = row_terms["change_12_months"]
        else:
            pace_terms = merged(count_terms, {("target_year_ago", key): -1})
        row = Row("region", key, tp.region_name)
        row.cells["region"] = Cell(region)
        row.cells["metric"] = Cell(metric)
        row.cells["number"] = Cell(tp.target.number)
        row.cells["counted_on"] = Cell(tp.counted_on.isoformat())
        row.cells["count"] = _count_cell("targets", key, "count", tp.count, count_terms)
        row.cells["percent"] = Cell(tp.percent)
        primary = change_is_small(tp.count, tp.count_year_ago, threshold)
        row.cells["pace_per_year"] = _count_cell("targets", key, "pace_per_year", tp.pace_per_year, pace_terms, primary)
        row.cells["projected_at_deadline"] = Cell(tp.projected)
        row.cells["status"] = Cell(tp.status)
        rows.append(row)
    columns = [Column(k, k, numeric) for k, numeric in TARGET_COLUMNS]
    return Table("targets", "targets", columns, rows)


def tallies(publication: Publication) -> list[Tally]:
    return [c.tally for t in publication.tables for r in t.rows for c in r.cells.values() if c.tally is not None]


def publish(report: ProgressReport, exact: bool = False) -> tuple[Publication, list[dict[Any, int]]]:
    """The report's tables with every hidden cell marked, and the identities given to disclosure control."""
    regions, terms_of = _regions_table(report)
    tables = [regions]
    leaves = [r.region for r in report.rows]
    identities = [identity for leaf in leaves for identity in region_identities(leaf)]
    if report.industries:
        others = report.industries[-1][0] if report.industries[-1][0].startswith("其他") else None
        tables.append(_by_level_table("industries", report.industries, others))
        identities += same_levels(leaves, "industries", [name for name, _ in report.industries])
    if report.years:
        tables.append(_by_level_table("years", [(str(y), lv) for y, lv in report.years], None))
    if report.targets:
        tables.insert(0, _targets_table(report, terms_of))
    publication = Publication("progress", report.as_of, "zh", report.threshold, exact, [], tables)
    hidden = frozenset() if exact else protect(tallies(publication), report.threshold, identities)
    for table in publication.tables:
        for row in table.rows:
            for cell in row.cells.values():
                cell.hidden = cell.tally is not None and cell.tally.id in hidden
            if table.key == "targets":
                count, pace = row.cells["count"].hidden, row.cells["pace_per_year"].hidden
                row.cells["percent"].hidden = count
                row.cells["projected_at_deadline"].hidden = count or pace
    return publication, identities


def _shown(cell: Cell) -> Any:
    return None if cell.hidden else cell.value


def write_json(publication: Publication) -> str:
    return json.dumps(
        {
            "threshold": publication.threshold,
            "as_of": publication.as_of.isoformat(),
            "tables": [
                {
                    "key": t.key,
                    "columns": [{"key": c.key, "numeric": c.numeric} for c in t.columns],
                    "rows": [
                        {
                            "kind": r.kind,
                            "key": r.key,
                            "label": r.label,
                            "parent": r.parent,
                            "cells": {k: _shown(c) for k, c in r.cells.items()},
                        }
                        for r in t.rows
                    ],
                }
                for t in publication.tables
            ],
        },
        ensure_ascii=False,
    )


def write_csv(publication: Publication) -> dict[str, str]:
    """One CSV per table: row kind, key, parent, label, then the table's columns; hidden cells ``<5``."""
    files: dict[str, str] = {}
    hidden = f"<{publication.threshold}"
    for table in publication.tables:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["kind", "key", "parent", "label", *(c.key for c in table.columns)])
        for row in table.rows:
            cells = [hidden if row.cells[c.key].hidden else row.cells[c.key].value for c in table.columns]
            writer.writerow([row.kind, row.key, row.parent or "", row.label, *cells])
        files[table.key] = out.getvalue()
    return files


def _publication(threshold: int, as_of: dt.date, tables: list[Table]) -> Publication:
    return Publication("progress", as_of, "zh", threshold, False, [], tables)


def read_json(text: str) -> Publication:
    """The published tables as a reader of the JSON document sees them: null is hidden."""
    document = json.loads(text)
    tables = []
    for t in document["tables"]:
        columns = [Column(c["key"], c["key"], c["numeric"]) for c in t["columns"]]
        numeric = {c.key for c in columns if c.numeric}
        rows = []
        for r in t["rows"]:
            cells = {k: Cell(v, hidden=v is None and k in numeric) for k, v in r["cells"].items()}
            rows.append(Row(r["kind"], r["key"], r["label"], r["parent"], cells))
        tables.append(Table(t["key"], t["key"], columns, rows))
    return _publication(document["threshold"], dt.date.fromisoformat(document["as_of"]), tables)


def _number(text: str) -> int | float | str | None:
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def read_csv(files: dict[str, str], threshold: int, as_of: dt.date, numeric: dict[str, set[str]]) -> Publication:
    """The published tables as a reader of the CSV files sees them: ``<5`` is hidden."""
    tables = []
    marker = f"<{threshold}"
    for key, text in files.items():
        reader = csv.reader(io.StringIO(text))
        header = next(reader)
        column_keys = header[4:]
        columns = [Column(c, c, c in numeric[key]) for c in column_keys]
        rows = []
        for line in reader:
            kind, row_key, parent, label, *values = line
            cells = {
                c: Cell(None, hidden=True) if v == marker else Cell(_number(v) if c in numeric[key] else v)
                for c, v in zip(column_keys, values, strict=True)
            }
            rows.append(Row(kind, row_key, label, parent or None, cells))  # type: ignore[arg-type]
        tables.append(Table(key, key, columns, rows))  # type: ignore[arg-type]
    return _publication(threshold, as_of, tables)


def numeric_columns(publication: Publication) -> dict[str, set[str]]:
    return {t.key: {c.key for c in t.columns if c.numeric} for t in publication.tables}


def shown_and_hidden(publication: Publication) -> dict[tuple[str, str, str], Any]:
    """Every cell as a reader sees it: its value, or "hidden"."""
    return {
        (t.key, r.key, k): "hidden" if c.hidden else c.value
        for t in publication.tables
        for r in t.rows
        for k, c in r.cells.items()
    }
