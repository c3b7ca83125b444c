"""The linear programme behind disclosure control's audit: the least and greatest value of each hidden
count a reader can reach from the shown ones (HiGHS, loaded only when something is hidden)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dcmm.tracker.disclosure import _Model

Bounds = tuple[float, float]  # the tightest interval a reader can put a hidden count in (inf when unbounded)
_EPS = 1e-6


class Programme:
    """The linear programme for one set of hidden cells, with the fixed base counts taken out."""

    def __init__(self, model: _Model) -> None:
        import highspy  # the solver is loaded only when something is hidden

        np = model.np
        self.model = model
        self.np = np
        self.highspy = highspy
        hidden = model.hidden
        values = model.values
        fixed: dict[int, float] = {}
        self.reason: dict[int, int] = {}  # base count → the shown row that fixed it
        open_count = [len(terms) for terms in model.row_terms]
        residual = list(values)
        equal = [r not in hidden for r in range(model.rows)]
        pending = [r for r in range(model.rows) if equal[r] and open_count[r] == 1]
        while pending:
            r = pending.pop()
            if open_count[r] != 1:
                continue
            column, coeff = next((c, a) for c, a in model.row_terms[r] if c not in fixed)
            value = residual[r] / coeff
            if value < -_EPS:
                raise ValueError(f"the published counts contradict each other (row {r})")
            fixed[column] = value
            self.reason[column] = r
            for other in model.base_rows[column]:
                open_count[other] -= 1
                residual[other] -= value * model.row_coeff[other][column]
                if equal[other] and open_count[other] == 1:
                    pending.append(other)
        self.fixed = fixed
        # the rows left: equations with two or more open base counts, hidden counts with one or more
        lp_rows: list[int] = []
        for r in range(model.rows):
            if open_count[r] == 0:
                if equal[r] and abs(residual[r]) > 1e-6:
                    raise ValueError(f"the published counts contradict each other (row {r})")
            elif equal[r] or model.tallies[r].is_count:
                lp_rows.append(r)
        self.residual = residual
        columns: dict[int, int] = {}
        starts: list[int] = []
        indices: list[int] = []
        coefficients: list[float] = []
        lower: list[float] = []
        upper: list[float] = []
        inf = highspy.kHighsInf
        for r in lp_rows:
            starts.append(len(indices))
            for column, coeff in model.row_terms[r]:
                if column not in fixed:
                    indices.append(columns.setdefault(column, len(columns)))
                    coefficients.append(coeff)
            if equal[r]:
                lower.append(residual[r])
                upper.append(residual[r])
            else:  # a hidden count is at least 1: zeros are shown
                lower.append(1.0 - (values[r] - residual[r]) if values[r] >= 1 else -inf)
                upper.append(inf)
        self.lp_rows = lp_rows
        self.columns = columns
        self.solver = highspy._Highs()  # type: ignore[attr-defined]  # the bare solver: Highs() prints a banner
        self.solver.setOptionValue("output_flag", False)
        self.solver.setOptionValue("presolve", "off")
        # primal simplex: a new objective leaves the last solution feasible, so few iterations follow
        self.solver.setOptionValue("simplex_strategy", 4)
        self.solver.setOptionValue("random_seed", 0)
        self.inf = inf
        if columns:
            self.solver.addVars(len(columns), np.zeros(len(columns)), np.full(len(columns), inf))
        if lp_rows and columns:
            self.solver.addRows(
                len(lp_rows),
                np.array(lower),
                np.array(upper),
                len(indices),
                np.array(starts, dtype=np.int32),
                np.array(indices, dtype=np.int32),
                np.array(coefficients),
            )
        self.objective: list[int] = []
        self.hidden_rows = np.array(sorted(hidden), dtype=np.intp)
        # the hidden rows' values at a solution: a matrix over the open base counts, plus a constant
        self.hidden_matrix = np.zeros((len(self.hidden_rows), len(columns)))
        for k, r in enumerate(self.hidden_rows):
            for column, coeff in model.row_terms[r]:
                j = columns.get(column)
                if j is not None:
                    self.hidden_matrix[k, j] += coeff
        self.hidden_constants = np.array([self._constant(int(r)) for r in self.hidden_rows])

    def _constant(self, r: int) -> float:
        """The part of row ``r`` made of fixed base counts."""
        return self.model.values[r] - self.residual[r]

    def solve(self, weights: Mapping[int, float]) -> tuple[float, set[int]]:
        """The least value of ``sum(weight * row)`` (-inf when unbounded), and the rows that bind it
        (non-zero dual value)."""
        np = self.np
        model = self.model
        costs: dict[int, float] = {}
        constant = 0.0
        for r, weight in weights.items():
            constant += weight * self._constant(r)
            for column, coeff in model.row_terms[r]:
                if column not in self.fixed:
                    j = self.columns.get(column)
                    if j is None:  # in no constraint: free to grow without bound
                        return -math.inf if weight * coeff < 0 else constant, set()
                    costs[j] = costs.get(j, 0.0) + weight * coeff
        binding: set[int] = set()
        if not costs:
            return constant, binding
        if self.objective:
            self.solver.changeColsCost(
                len(self.objective), np.array(self.objective, dtype=np.int32), np.zeros(len(self.objective))
            )
        self.objective = list(costs)
        self.solver.changeColsCost(
            len(self.objective), np.array(self.objective, dtype=np.int32), np.array(list(costs.values()))
        )
        self.solver.run()
        status = self.solver.getModelStatus()
        statuses = self.highspy.HighsModelStatus
        if status == statuses.kUnbounded:
            return -math.inf, set()
        if status != statuses.kOptimal:
            raise ValueError(f"the published counts contradict each other ({self.solver.modelStatusToString(status)})")
        solution = self.solver.getSolution()
        activity = self.hidden_matrix @ np.asarray(solution.col_value) + self.hidden_constants
        rows = self.hidden_rows
        model.seen_low[rows] = np.minimum(model.seen_low[rows], activity)
        model.seen_high[rows] = np.maximum(model.seen_high[rows], activity)
        duals = np.asarray(solution.row_dual)
        binding.update(self.lp_rows[int(k)] for k in np.flatnonzero(np.abs(duals) > _EPS))
        return constant + float(self.solver.getInfo().objective_function_value), binding

    def reasons(self, columns: Iterable[int]) -> set[int]:
        """The shown rows that fixed these base counts, and the rows that fixed theirs."""
        rows: set[int] = set()
        stack = [c for c in columns if c in self.fixed]
        seen: set[int] = set()
        while stack:
            column = stack.pop()
            if column in seen:
                continue
            seen.add(column)
            r = self.reason[column]
            rows.add(r)
            stack.extend(c for c, _ in self.model.row_terms[r] if c in self.fixed and c not in seen)
        return rows


def _round_up(value: float) -> float:
    return value if math.isinf(value) else float(math.ceil(value - _EPS))


def _round_down(value: float) -> float:
    return value if math.isinf(value) else float(math.floor(value + _EPS))
