"""An attacker of published progress tables: the tightest bounds a reader can put on each hidden cell.

It knows only what a reader of any output knows: the shown cells, which cells are hidden, and the
published structure of the tables (docs/tracker.md), never the tallies behind them:

- regions table, every row: certified_valid = level_1 + … + level_5; level3_plus = level_3 + level_4 +
  level_5; certified_valid ≤ ever_certified ≤ guanbiao; expiring ≤ certified_valid;
  self_assessed_level3_plus ≤ self_assessed; change_12_months ≤ certified_valid (the count a year ago is
  not negative); rows of kind region/others add up to their parent subtotal row and to the total row;
- industries and years tables, every row: total = level_1 + … + level_5; rows add up to the total row;
  the industries total row's levels are the regions total row's levels (and its total their sum);
- targets table: a target counted on the report's day counts its region's row in the regions table, in its metric
  (certified_valid targets: the 12-month change too); a change is at most the count;
- counts are whole numbers, never negative, and a hidden count is not zero (zeros are shown).

Each hidden cell is minimised and maximised by linear programming (scipy.optimize.linprog, HiGHS).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from dcmm.tracker.published import Publication, Row, Table

CellId = tuple[str, str, str]
LEVEL_COLUMNS = tuple(f"level_{k}" for k in range(1, 6))
CHANGE_COLUMNS = {"change_12_months", "pace_per_year"}  # differences: may be negative or zero while hidden
REGION_COUNTS = (
    "certified_valid",
    *LEVEL_COLUMNS,
    "level3_plus",
    "ever_certified",
    "guanbiao",
    "self_assessed",
    "self_assessed_level3_plus",
    "change_12_months",
    "expiring",
)


@dataclass
class _System:
    """Linear relations between cells: a hidden cell is an unknown, a shown one a constant."""

    unknowns: dict[CellId, int] = field(default_factory=dict)
    changes: set[int] = field(default_factory=set)
    equations: list[tuple[dict[int, float], float]] = field(default_factory=list)  # Σ a·x + c = 0
    inequalities: list[tuple[dict[int, float], float]] = field(default_factory=list)  # Σ a·x + c ≤ 0

    def relation(self, parts: list[tuple[float, CellId, tuple[bool, object] | None]], equal: bool) -> None:
        """Σ coeff · cell (= or ≤) 0, given cells as (coeff, id, cell-or-None)."""
        coefficients: dict[int, float] = {}
        constant = 0.0
        for coeff, cell_id, cell in parts:
            if cell is None:
                return  # a cell that is not published (a column missing from the table): no relation
            if cell[0]:
                index = self.unknowns.setdefault(cell_id, len(self.unknowns))
                if cell_id[2] in CHANGE_COLUMNS:
                    self.changes.add(index)
                coefficients[index] = coefficients.get(index, 0.0) + coeff
            elif isinstance(cell[1], int | float):
                constant += coeff * float(cell[1])
        if not coefficients:
            if equal and abs(constant) > 1e-9:
                raise AssertionError(f"published cells contradict the table structure: {parts}")
            return
        (self.equations if equal else self.inequalities).append((coefficients, constant))


def _cell(table: Table, row: Row, column: str) -> tuple[CellId, tuple[bool, object] | None]:
    cell = row.cells.get(column)
    cell_id = (table.key, row.key, column)
    if cell is None or not any(c.key == column for c in table.columns):
        return cell_id, None
    return cell_id, (cell.hidden, cell.value)


def _sum(system: _System, table: Table, whole: Row, parts: list[Row], column: str) -> None:
    items = [(1.0, *_cell(table, whole, column))]
    items += [(-1.0, *_cell(table, part, column)) for part in parts]
    system.relation(items, equal=True)


def _row_relations(system: _System, table: Table, row: Row, whole: str, parts: Iterable[str]) -> None:
    items = [(1.0, *_cell(table, row, whole))] + [(-1.0, *_cell(table, row, p)) for p in parts]
    system.relation(items, equal=True)


def _at_most(system: _System, table: Table, row: Row, smaller: str, larger: str) -> None:
    system.relation([(1.0, *_cell(table, row, smaller)), (-1.0, *_cell(table, row, larger))], equal=False)


def _regions(system: _System, table: Table) -> None:
    leaves = [r for r in table.rows if r.kind in ("region", "others")]
    for row in table.rows:
        _row_relations(system, table, row, "certified_valid", LEVEL_COLUMNS)
        _row_relations(system, table, row, "level3_plus", LEVEL_COLUMNS[2:])
        _at_most(system, table, row, "certified_valid", "ever_certified")
        _at_most(system, table, row, "ever_certified", "guanbiao")
        _at_most(system, table, row, "expiring", "certified_valid")
        _at_most(system, table, row, "self_assessed_level3_plus", "self_assessed")
        _at_most(system, table, row, "change_12_months", "certified_valid")
    for column in REGION_COUNTS:
        for row in table.rows:
            if row.kind == "total":
                _sum(system, table, row, leaves, column)
            elif row.kind == "subtotal":
                _sum(system, table, row, [r for r in leaves if r.parent == row.key], column)


def _by_level(system: _System, table: Table) -> None:
    for row in table.rows:
        _row_relations(system, table, row, "total", LEVEL_COLUMNS)
    parts = [r for r in table.rows if r.kind != "total"]
    for column in (*LEVEL_COLUMNS, "total"):
        for row in table.rows:
            if row.kind == "total":
                _sum(system, table, row, parts, column)


def _same(system: _System, a: tuple[Table, Row, str], b: tuple[Table, Row, str]) -> None:
    system.relation([(1.0, *_cell(*a)), (-1.0, *_cell(*b))], equal=True)


def _targets(system: _System, table: Table, regions: Table | None, total_region: str | None, as_of: str) -> None:
    rows = {r.key: r for r in regions.rows} if regions else {}
    total = next((r for r in regions.rows if r.kind == "total"), None) if regions else None
    for row in table.rows:
        _at_most(system, table, row, "pace_per_year", "count")
        region = row.cells["region"].value if "region" in row.cells else None
        metric = row.cells["metric"].value if "metric" in row.cells else None
        if "counted_on" in row.cells and row.cells["counted_on"].value != as_of:
            continue  # counted on its deadline, not on the report's day
        target = rows.get(str(region)) or (total if total_region is not None and region == total_region else None)
        if regions is None or target is None or metric not in REGION_COUNTS:
            continue
        _same(system, (table, row, "count"), (regions, target, str(metric)))
        if metric == "certified_valid":
            _same(system, (table, row, "pace_per_year"), (regions, target, "change_12_months"))


def relations(publication: Publication, total_region: str | None = None) -> _System:
    """The reader's system of relations between the cells of ``publication``."""
    system = _System()
    tables = {t.key: t for t in publication.tables}
    regions = tables.get("regions")
    if regions:
        _regions(system, regions)
    for key in ("industries", "years"):
        if key in tables:
            _by_level(system, tables[key])
    industries = tables.get("industries")
    if regions and industries:
        region_total = next((r for r in regions.rows if r.kind == "total"), None)
        industry_total = next((r for r in industries.rows if r.kind == "total"), None)
        if region_total and industry_total:
            for column in LEVEL_COLUMNS:
                _same(system, (industries, industry_total, column), (regions, region_total, column))
            _same(system, (industries, industry_total, "total"), (regions, region_total, "certified_valid"))
    if "targets" in tables:
        _targets(system, tables["targets"], regions, total_region, publication.as_of.isoformat())
    # every hidden numeric cell is an unknown, even one no relation mentions
    for table in publication.tables:
        numeric = {c.key for c in table.columns if c.numeric}
        for row in table.rows:
            for column, cell in row.cells.items():
                if cell.hidden and column in numeric:
                    index = system.unknowns.setdefault((table.key, row.key, column), len(system.unknowns))
                    if column in CHANGE_COLUMNS:
                        system.changes.add(index)
    return system


def hidden_bounds(publication: Publication, total_region: str | None = None) -> dict[CellId, tuple[float, float]]:
    """The tightest interval of every hidden cell (whole numbers, ±inf when unbounded)."""
    import numpy as np
    from scipy.optimize import linprog

    system = relations(publication, total_region)
    n = len(system.unknowns)
    if not n:
        return {}

    def matrix(rows: list[tuple[dict[int, float], float]]) -> tuple[np.ndarray, np.ndarray] | tuple[None, None]:
        if not rows:
            return None, None
        a = np.zeros((len(rows), n))
        b = np.zeros(len(rows))
        for i, (coefficients, constant) in enumerate(rows):
            for j, coeff in coefficients.items():
                a[i, j] = coeff
            b[i] = -constant
        return a, b

    a_eq, b_eq = matrix(system.equations)
    a_ub, b_ub = matrix(system.inequalities)
    bounds = [(None, None) if j in system.changes else (1, None) for j in range(n)]
    result: dict[CellId, tuple[float, float]] = {}
    for cell_id, j in system.unknowns.items():
        ends = []
        for sense in (1.0, -1.0):
            objective = np.zeros(n)
            objective[j] = sense
            solved = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
            if solved.status == 3:
                ends.append(-sense * math.inf)
            elif solved.status == 0:
                ends.append(sense * solved.fun)
            else:
                raise AssertionError(f"the published cells admit no table ({solved.message})")
        low, high = ends
        result[cell_id] = (
            low if math.isinf(low) else float(math.ceil(low - 1e-6)),
            high if math.isinf(high) else float(math.floor(high + 1e-6)),
        )
    return result


def pinned(bounds: dict[CellId, tuple[float, float]], threshold: int) -> dict[CellId, tuple[float, float]]:
    """Hidden cells a reader can put in an interval narrower than ``threshold``."""
    return {cell: b for cell, b in bounds.items() if b[1] - b[0] < threshold}


def exact(bounds: dict[CellId, tuple[float, float]]) -> dict[CellId, float]:
    """Hidden cells a reader can work out exactly."""
    return {cell: low for cell, (low, high) in bounds.items() if low == high}
