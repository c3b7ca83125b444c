"""An attacker of published progress tables: the tightest bounds a reader can put on each hidden cell.

It reads what ``dcmm tracker progress`` writes (the JSON document or the CSV, :func:`read_json`,
:func:`read_csv`) and knows nothing else but the published structure of the tables (docs/tracker.md):

- regions table, every row: certified_valid = level_1 + … + level_5; level3_plus = level_3 + level_4 +
  level_5; certified_valid ≤ ever_certified = guanbiao (贯标 by its default definition, ever certified);
  expiring ≤ certified_valid; self_assessed_level3_plus ≤ self_assessed; the valid count a year before
  (certified_valid − change_12_months) is at least 0 and at most ever_certified; rows of kind
  region/others add up to their parent subtotal row and to the total row;
- industries and years tables, every row: total = level_1 + … + level_5; rows add up to the total row;
  the industries total row's levels are the national valid levels (the regions total row's); every
  certificate in force, and every organisation ever certified, holds a certificate the years table
  counts (national valid level k ≤ years total level k, ever certified ≤ years total);
- targets table (key ``region:metric:deadline``): a target counted on the report's day counts its
  region's rows in its metric (certified_valid targets: the 12-month change too), at most the national
  count; its change is at most its count, and never negative for a cumulative metric; a target of a
  definition of its own counts at least the certificates in force it names (from its level, in its
  industry: exactly those when it counts certificates in force only) and, counting certificates only, at
  most the ever certified (cumulative) or the certificates in force from its level;
- certificates are valid for three years: the national valid count at each level is at most the years
  table's certificates of that level issued in the last three calendar years;
- counts are never negative, and a hidden count is not zero (zeros are shown).

Each hidden cell is minimised and maximised by linear programming (HiGHS through highspy).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import math
from dataclasses import dataclass, field
from typing import Any

from dcmm.tracker.definitions import TargetDefinition
from dcmm.tracker.published import Cell, Column, Publication, Row, Table
from dcmm.tracker.rules import CERTIFICATE_YEARS

CellId = tuple[str, str, str]
Bounds = tuple[float, float]
LEVELS = tuple(f"level_{k}" for k in range(1, 6))
CHANGES = {"change_12_months"}  # differences: negative or zero while hidden
COUNT_COLUMNS = {
    "regions": ("certified_valid", *LEVELS, "level3_plus", "ever_certified", "guanbiao", "self_assessed",
                "self_assessed_level3_plus", "change_12_months", "expiring"),
    "industries": (*LEVELS, "total"),
    "years": (*LEVELS, "total"),
    "targets": ("count", "change_12_months"),
}  # fmt: skip
CUMULATIVE = {"ever_certified", "guanbiao"}
Term = tuple[float, CellId]
Definitions = dict[str, TargetDefinition]


# reading what the writers wrote -------------------------------------------------------------------------


def _publication(as_of: str, threshold: int, by: str, region: str, tables: list[Table]) -> Publication:
    return Publication("", dt.date.fromisoformat(as_of), "zh", threshold, False, [], tables, region=region, by=by)


def read_json(text: str) -> Publication:
    """The tables of a progress document as its reader sees them: a hidden cell is null and listed hidden."""
    document = json.loads(text)
    tables = []
    for t in document["tables"]:
        columns = [Column(c["key"], c["label"], c["numeric"]) for c in t["columns"]]
        rows = []
        for r in t["rows"]:
            hidden = set(r["hidden"])
            assert all(r["cells"][c] is None for c in hidden), "a hidden cell's value is written"
            cells = {k: Cell(v, hidden=k in hidden) for k, v in r["cells"].items()}
            rows.append(Row(r["kind"], r["key"], r["label"], r["parent"], cells))
        tables.append(Table(t["key"], t["title"], columns, rows))
    return _publication(
        document["as_of"], document["small_group_threshold"], document["by"], document["region"], tables
    )


def _number(text: str) -> int | float | str | None:
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def read_csv(text: str, as_of: str, threshold: int, by: str, region: str) -> Publication:
    """The tables of the progress CSV as its reader sees them: ``<threshold`` is hidden."""
    marker = f"<{threshold}"
    lines = [line for line in csv.reader(io.StringIO(text)) if line and not line[0].startswith("# ")]
    header, *body = lines
    tables: dict[str, Table] = {}
    for line in body:
        values = dict(zip(header, line, strict=True))
        key = values["table"]
        table = tables.setdefault(key, Table(key, key, [], []))  # type: ignore[arg-type]
        cells = {
            c: Cell(None, hidden=True) if values[c] == marker else Cell(_number(values[c]))
            for c in COUNT_COLUMNS[key]
            if c in values and values[c] != ""
        }
        table.rows.append(Row(values["kind"], values["key"], values["label"], values["parent"] or None, cells))  # type: ignore[arg-type]
    for table in tables.values():
        present = {c for row in table.rows for c in row.cells}
        table.columns = [Column(c, c) for c in COUNT_COLUMNS[table.key] if c in present]
    return _publication(as_of, threshold, by, region, list(tables.values()))


def view(publication: Publication) -> dict[CellId, Any]:
    """Every count cell as its reader sees it: its value, or "hidden"."""
    return {
        (t.key, r.key, c): "hidden" if r.cells[c].hidden else r.cells[c].value
        for t in publication.tables
        for r in t.rows
        for c in COUNT_COLUMNS[t.key]
        if c in r.cells
    }


# the reader's relations ---------------------------------------------------------------------------------


@dataclass
class _System:
    """Linear relations between cells: a hidden cell is an unknown, a shown one a constant."""

    cells: dict[CellId, Cell]
    unknowns: dict[CellId, int] = field(default_factory=dict)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)  # lo ≤ Σ a·x ≤ hi

    def add(self, terms: list[Term], low: float, high: float) -> None:
        """low ≤ Σ coeff · cell ≤ high; nothing when a cell is not published."""
        coefficients: dict[int, float] = {}
        constant = 0.0
        for coeff, cell_id in terms:
            cell = self.cells.get(cell_id)
            if cell is None or (not cell.hidden and not isinstance(cell.value, int)):
                return
            if cell.hidden:
                j = self.unknowns.setdefault(cell_id, len(self.unknowns))
                coefficients[j] = coefficients.get(j, 0.0) + coeff
            else:
                constant += coeff * float(cell.value)  # type: ignore[arg-type]
        if not coefficients:
            assert low - 1e-9 <= constant <= high + 1e-9, f"published cells contradict the structure: {terms}"
            return
        self.rows.append((coefficients, low - constant, high - constant))

    def equal(self, left: list[Term], right: list[Term]) -> None:
        self.add([*left, *((-c, i) for c, i in right)], 0.0, 0.0)

    def at_most(self, smaller: list[Term], larger: list[Term]) -> None:
        self.add([*smaller, *((-c, i) for c, i in larger)], -math.inf, 0.0)


def _cells(table: Table, row: Row, *columns: str) -> list[Term]:
    return [(1.0, (table.key, row.key, c)) for c in columns]


def _sum_rows(system: _System, table: Table, whole: Row, parts: list[Row], column: str) -> None:
    system.equal(_cells(table, whole, column), [t for p in parts for t in _cells(table, p, column)])


def _regions(system: _System, table: Table) -> None:
    leaves = [r for r in table.rows if r.kind in ("region", "others")]
    for row in table.rows:
        cell = functools.partial(_cells, table, row)
        system.equal(cell("certified_valid"), cell(*LEVELS))
        system.equal(cell("level3_plus"), cell(*LEVELS[2:]))
        system.at_most(cell("certified_valid"), cell("ever_certified"))
        system.equal(cell("ever_certified"), cell("guanbiao"))
        system.at_most(cell("expiring"), cell("certified_valid"))
        system.at_most(cell("self_assessed_level3_plus"), cell("self_assessed"))
        year_ago = [*cell("certified_valid"), (-1.0, (table.key, row.key, "change_12_months"))]
        system.add(year_ago, 0.0, math.inf)
        system.at_most(year_ago, cell("ever_certified"))
        for column in COUNT_COLUMNS["regions"]:
            if row.kind == "total":
                _sum_rows(system, table, row, leaves, column)
            elif row.kind == "subtotal":
                _sum_rows(system, table, row, [r for r in leaves if r.parent == row.key], column)


def _by_level(system: _System, table: Table) -> None:
    parts = [r for r in table.rows if r.kind != "total"]
    for row in table.rows:
        system.equal(_cells(table, row, "total"), _cells(table, row, *LEVELS))
        if row.kind == "total":
            for column in (*LEVELS, "total"):
                _sum_rows(system, table, row, parts, column)


def _total(table: Table | None) -> Row | None:
    return next((r for r in table.rows if r.kind == "total"), None) if table else None


class _National:
    """The report region's count of a metric, as the tables show it."""

    def __init__(self, tables: dict[str, Table], as_of: dt.date) -> None:
        self.regions, self.industries, self.years = (tables.get(k) for k in ("regions", "industries", "years"))
        self.as_of = as_of

    def levels(self, levels: tuple[str, ...]) -> list[Term] | None:
        if (row := _total(self.regions)) and self.regions:
            return _cells(self.regions, row, *levels)
        if (row := _total(self.industries)) and self.industries:
            return _cells(self.industries, row, *levels)
        return None

    def metric(self, metric: str) -> list[Term] | None:
        if metric == "certified_valid":
            return self.levels(LEVELS)
        if metric == "level3_plus":
            return self.levels(LEVELS[2:])
        if metric in CUMULATIVE and (row := _total(self.regions)) and self.regions:
            return _cells(self.regions, row, metric)
        return None


def _national(system: _System, national: _National) -> None:
    if national.industries and national.regions and (row := _total(national.industries)):
        system.equal(_cells(national.industries, row, "total"), national.levels(LEVELS) or [])
        for level in LEVELS:
            system.equal(_cells(national.industries, row, level), national.levels((level,)) or [])
    if national.years and (row := _total(national.years)):
        since = national.as_of.year - CERTIFICATE_YEARS  # valid for three years: issued in the last three
        recent = [r for r in national.years.rows if r.kind != "total" and int(r.key) >= since]
        for level in LEVELS:
            system.at_most(
                national.levels((level,)) or [], [t for r in recent for t in _cells(national.years, r, level)]
            )
        for metric in CUMULATIVE:
            system.at_most(national.metric(metric) or [], _cells(national.years, row, "total"))


def _targets(
    system: _System, table: Table, national: _National, publication: Publication, definitions: Definitions
) -> None:
    regions = national.regions
    leaves = [r for r in regions.rows if r.kind in ("region", "others")] if regions else []
    for row in table.rows:
        region, metric, _deadline = row.key.split(":")
        count, change = _cells(table, row, "count"), _cells(table, row, "change_12_months")
        system.at_most(change, count)
        if metric in CUMULATIVE:
            system.add(change, 0.0, math.inf)
        if row.cells["counted_on"].value != publication.as_of.isoformat():
            continue  # counted on its deadline, not on the report's day
        if row.key in definitions:
            columns: tuple[str, ...] = ()
        elif metric == "level3_plus":
            columns = ("level3_plus",)
        elif metric in ("certified_valid", *CUMULATIVE):
            columns = (metric,)
        else:
            columns = ()
        if region == publication.region:
            members = [r for r in regions.rows if r.kind == "total"] if regions else []
        else:
            members = [r for r in leaves if r.key == region or (len(region) == 2 and r.key[:2] == region)]
        if not columns:  # a definition of its own
            if (definition := definitions.get(row.key)) and members and regions:
                _defined(
                    system, national, definition, count, [(regions, m) for m in members], region == publication.region
                )
            continue
        if members and regions:
            cells = [t for m in members for t in _cells(regions, m, *columns)]
            system.equal(count, cells)
            if metric == "certified_valid":
                system.equal(change, [t for m in members for t in _cells(regions, m, "change_12_months")])
        elif (whole := national.metric(metric)) is not None:
            system.at_most(count, whole)
            if region == publication.region:
                system.equal(count, whole)


def _defined(system: _System, national: _National, definition: TargetDefinition, count: list[Term],
             members: list[tuple[Table, Row]], whole_region: bool) -> None:  # fmt: skip
    """A target of a definition of its own counts at least the certificates in force it names (from its level,
    in its industry) and, counting certificates only, at most the ever certified or those in force."""
    levels = LEVELS[definition.min_level - 1 :]
    in_force = [t for table, m in members for t in _cells(table, m, *levels)]
    part: list[Term] | None = in_force if definition.industry is None else None
    industries = national.industries
    if definition.industry is not None and whole_region and industries:
        row = next((r for r in industries.rows if r.kind == "region" and r.key == definition.industry), None)
        part = _cells(industries, row, *levels) if row else None
    certified_only = definition.counts == ("certified",)
    if part is not None and certified_only and not definition.cumulative:
        system.equal(count, part)
    elif part is not None:
        system.at_most(part, count)
    if certified_only and definition.cumulative:
        system.at_most(count, [t for table, m in members for t in _cells(table, m, "ever_certified")])
    elif certified_only:
        system.at_most(count, in_force)


def relations(publication: Publication, definitions: Definitions | None = None) -> _System:
    """The reader's system of relations between the cells of ``publication``; ``definitions`` are the
    definitions of targets that count by a definition of their own, by target key (the targets table
    says them in words)."""
    cells: dict[CellId, Cell] = {
        (t.key, r.key, c): cell for t in publication.tables for r in t.rows for c, cell in r.cells.items()
    }
    system = _System(cells)
    tables: dict[str, Table] = {t.key: t for t in publication.tables}
    if "regions" in tables:
        _regions(system, tables["regions"])
    for key in ("industries", "years"):
        if key in tables:
            _by_level(system, tables[key])
    national = _National(tables, publication.as_of)
    _national(system, national)
    if "targets" in tables:
        _targets(system, tables["targets"], national, publication, definitions or {})
    for cell_id, cell in cells.items():  # every hidden count is an unknown, even one no relation mentions
        if cell.hidden and cell_id[2] in COUNT_COLUMNS[cell_id[0]]:
            system.unknowns.setdefault(cell_id, len(system.unknowns))
    return system


def hidden_bounds(publication: Publication, definitions: Definitions | None = None) -> dict[CellId, Bounds]:
    """The tightest interval of every hidden count (whole numbers, ±inf when unbounded)."""
    import highspy
    import numpy as np

    system = relations(publication, definitions)
    n = len(system.unknowns)
    if not n:
        return {}
    inf = highspy.kHighsInf
    solver = highspy._Highs()  # type: ignore[attr-defined]  # the bare solver: Highs() prints a banner
    solver.setOptionValue("output_flag", False)
    lower = [-inf if cell[2] in CHANGES else 1.0 for cell in system.unknowns]
    solver.addVars(n, np.array(lower), np.full(n, inf))
    for coefficients, low, high in system.rows:
        solver.addRow(
            -inf if math.isinf(low) else low,
            inf if math.isinf(high) else high,
            len(coefficients),
            np.array(list(coefficients), dtype=np.int32),
            np.array(list(coefficients.values())),
        )
    result: dict[CellId, Bounds] = {}
    for cell_id, j in system.unknowns.items():
        ends = []
        for sense in (1.0, -1.0):
            solver.changeColsCost(1, np.array([j], dtype=np.int32), np.array([sense]))
            solver.run()
            status = solver.getModelStatus()
            if status == highspy.HighsModelStatus.kUnbounded:
                ends.append(-sense * math.inf)
            elif status == highspy.HighsModelStatus.kOptimal:
                ends.append(sense * solver.getInfo().objective_function_value)
            else:
                raise AssertionError(f"the published cells admit no table ({solver.modelStatusToString(status)})")
            solver.changeColsCost(1, np.array([j], dtype=np.int32), np.array([0.0]))
        low, high = ends
        result[cell_id] = (
            low if math.isinf(low) else float(math.ceil(low - 1e-6)),
            high if math.isinf(high) else float(math.floor(high + 1e-6)),
        )
    return result


def pinned(bounds: dict[CellId, Bounds], threshold: int) -> dict[CellId, Bounds]:
    """Hidden cells a reader can put in an interval narrower than ``threshold``."""
    return {cell: b for cell, b in bounds.items() if b[1] - b[0] < threshold}


def exact(bounds: dict[CellId, Bounds]) -> dict[CellId, float]:
    """Hidden cells a reader can work out exactly."""
    return {cell: low for cell, (low, high) in bounds.items() if low == high}


def view_of_grids(grids: list[list[list[Any]]], like: Publication) -> dict[CellId, Any]:
    """The count cells of the tables of an XLSX workbook or a DOCX document, read back as grids of values
    (one grid per table, in order), keyed as in :func:`view` by the rows and columns of ``like``: a cell that
    reads ``<threshold`` is hidden. Fails when a grid's header or row labels are not those of ``like``."""
    marker = f"<{like.threshold}"
    assert len(grids) == len(like.tables), "one table per table"
    seen: dict[CellId, Any] = {}
    for grid, table in zip(grids, like.tables, strict=True):
        labels = [c.label for c in table.columns]
        header = next(i for i, line in enumerate(grid) if [str(v) for v in line[1:]] == labels)
        body = grid[header + 1 : header + 1 + len(table.rows)]
        assert [line[0] for line in body] == [r.label for r in table.rows], f"{table.key}: the rows differ"
        for line, row in zip(body, table.rows, strict=True):
            for column, value in zip(table.columns, line[1:], strict=True):
                if column.key in COUNT_COLUMNS[table.key] and column.key in row.cells:
                    seen[(table.key, row.key, column.key)] = "hidden" if value == marker else _number(str(value))
    return seen
