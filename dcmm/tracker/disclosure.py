"""Disclosure control: which published counts to hide so that no group smaller than the threshold can be
read or worked out from what is shown.

Every published count is a :class:`Tally`: a sum of base counts (with coefficients, so a 12-month change
is ``now - year_ago``). Primary suppression hides each count from 1 to ``threshold - 1``;
complementary suppression hides further counts until no hidden count can be bounded, from the shown
ones and the fact that base counts are never negative, to an interval narrower than the threshold.

What a reader knows, and what the audit therefore assumes of the reader:

- every shown count, and how each count is made of base counts (its ``terms``): so every equation
  between published counts (a row total, level 3 and above, a column total, the national row, the
  same figure in two tables) is known;
- ``identities``: equations between base counts that hold although no published count states them
  (the industries table's levels add up to the same national levels as the regions table);
- base counts are whole numbers and never negative;
- zeros are always shown, so a hidden count (all coefficients positive) is at least 1.

The audit bounds each hidden count by linear programming over the base counts (HiGHS, imported only
when something is hidden) and rounds the bounds inwards to whole numbers. A hidden count is safe when
its interval ``[lo, hi]`` is at least ``threshold`` wide (``hi - lo >= threshold``). Complementary
suppression hides, for each count that is not safe, the smallest shown count among those that bind
its bound (non-zero dual value), until it is safe; hiding more only widens intervals, so a count once
safe stays safe and only the failing counts and the newly hidden ones are audited again. The result
depends only on the tallies and their order, never on timing.

To state base counts so that the audit knows what a reader knows, a count that is part of another
(level 3+ of the valid ones, valid ones of the ever certified, expiring of the valid ones) is written
as the sum of the other's base counts plus (for the larger) a base count of its own: then the reader's
inequalities (expiring ≤ valid ≤ ever certified ≤ 贯标) follow from the base counts being non-negative.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from dcmm.tracker.disclosure_bounds import Bounds, Programme, _round_down, _round_up

CellId = tuple[str, str, str]  # (table, row key, column key)


@dataclass(frozen=True, slots=True)
class Tally:
    """A published count: the sum of ``terms`` (base count → coefficient), whose value is ``value``.

    ``primary`` says whether the count is a small group itself; None decides it from the value
    (1 to threshold - 1). A change such as ``now - year_ago`` sets it from its parts.
    """

    id: CellId
    value: int
    terms: Mapping[Any, int]  # base count (any hashable key) → coefficient
    primary: bool | None = None

    @property
    def is_count(self) -> bool:
        """Every coefficient positive: the count of a group, never negative."""
        return all(c > 0 for c in self.terms.values())


def is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def change_is_small(now: int, year_ago: int, threshold: int) -> bool:
    """A change ``now - year_ago`` is hidden when either part is a small group."""
    return is_small(now, threshold) or is_small(year_ago, threshold)


def is_primary(tally: Tally, threshold: int) -> bool:
    return tally.primary if tally.primary is not None else is_small(tally.value, threshold)


def _empty(tally: Tally) -> bool:
    """A zero count: every base count in it is zero, nothing to protect and nothing to hide."""
    return tally.value == 0 and tally.is_count


def _check(tallies: Sequence[Tally], threshold: int) -> None:
    if threshold < 1:
        raise ValueError(f"threshold must be at least 1, not {threshold}")
    seen: set[CellId] = set()
    for tally in tallies:
        if tally.id in seen:
            raise ValueError(f"two tallies for cell {tally.id}")
        seen.add(tally.id)


def protect(
    tallies: Sequence[Tally], threshold: int, identities: Sequence[Mapping[Any, int]] = ()
) -> frozenset[CellId]:
    """The ids of the counts to hide: every small group, and the counts hidden beside them so that no
    hidden count can be bounded to an interval narrower than ``threshold`` from what is shown.

    ``identities`` are equations ``sum(coeff * base) == 0`` a reader knows besides the published ones."""
    _check(tallies, threshold)
    primary = [i for i, tally in enumerate(tallies) if is_primary(tally, threshold)]
    if not primary:
        return frozenset()
    model = _Model(tallies, identities, threshold)
    for i in primary:
        model.hide(i)
    queue = list(primary)
    while queue:
        model.certify(queue)
        # One round: audit every queued count against the same hidden cells, then hide one count
        # for each that failed (unless a count hidden in this round already binds it).
        failing = [i for i in queue if not model.safe(i)]
        chosen: list[int] = []
        pointless: list[int] = []
        for i in failing:
            if chosen and model.binding.get(i, set()).intersection(chosen):
                continue
            choice = model.complement(i)
            if choice is None and not is_primary(tallies[i], threshold) and model.pinned(i):
                pointless.append(i)
            elif choice is None:
                raise RuntimeError(f"no count left to hide beside {tallies[i].id}")
            elif choice not in chosen:
                chosen.append(choice)
        for choice in chosen:
            model.hide(choice)
        queue = [*failing, *chosen]
        if pointless:
            # Hidden beside others, but the shown counts fix it and nothing is left to hide beside it: shown,
            # it tells the reader nothing more. Every hidden count is audited again without it.
            model.show(pointless)
            queue = sorted(model.hidden)
    return frozenset(tallies[i].id for i in sorted(model.hidden))


def audit(
    tallies: Sequence[Tally],
    hidden: Iterable[CellId],
    threshold: int,
    identities: Sequence[Mapping[Any, int]] = (),
) -> dict[CellId, Bounds]:
    """The tightest bounds a reader can put on each hidden count from the shown ones (whole numbers;
    ``inf`` when unbounded). A hidden count is safe when ``hi - lo >= threshold``."""
    _check(tallies, threshold)
    index = {tally.id: i for i, tally in enumerate(tallies)}
    rows = sorted(index[cell] for cell in set(hidden))
    if not rows:
        return {}
    model = _Model(tallies, identities, threshold)
    for i in rows:
        model.hide(i)
    return {tallies[i].id: model.bounds(i) for i in rows}


def unsafe(bounds: Mapping[CellId, Bounds], threshold: int) -> dict[CellId, Bounds]:
    """The hidden counts whose interval is narrower than ``threshold``."""
    return {cell: b for cell, b in bounds.items() if b[1] - b[0] < threshold}


class _Model:
    """The reader's linear programme: one column per base count (never negative), one row per tally
    (fixed to its value while shown; at least 1 while a hidden count) and per identity (zero).

    Before solving, every equation left with one unknown base count fixes it (and records why), so
    the programme handed to the solver holds only the base counts that hidden cells leave open.
    """

    def __init__(self, tallies: Sequence[Tally], identities: Sequence[Mapping[Any, int]], threshold: int) -> None:
        import numpy as np

        self.np = np
        self.tallies = tallies
        self.threshold = threshold
        self.hidden: set[int] = set()
        self.settled: set[int] = set()  # shown again after hiding them protected nothing: never hidden again
        columns: dict[Hashable, int] = {}
        self.row_terms: list[list[tuple[int, float]]] = []
        self.values: list[float] = []
        for n, given in enumerate([*(t.terms for t in tallies), *identities]):
            self.row_terms.append([(columns.setdefault(base, len(columns)), float(c)) for base, c in given.items()])
            self.values.append(float(tallies[n].value) if n < len(tallies) else 0.0)
        self.row_coeff = [dict(terms) for terms in self.row_terms]
        self.columns = len(columns)
        self.rows = len(self.row_terms)
        self.base_rows: list[list[int]] = [[] for _ in range(self.columns)]
        for r, row in enumerate(self.row_terms):
            for column, _ in row:
                self.base_rows[column].append(r)
        # Every point found is one the reader cannot rule out (hiding more keeps it possible): the least
        # and greatest value of each row over them are inner bounds of its interval.
        self.seen_low = np.full(self.rows, math.inf)
        self.seen_high = np.full(self.rows, -math.inf)
        self.known: dict[int, Bounds] = {}
        self.highest: dict[int, tuple[float, set[int]]] = {}
        self.binding: dict[int, set[int]] = {}
        self.lp: Programme | None = None

    def hide(self, i: int) -> None:
        self.hidden.add(i)
        self.hide_nothing()

    def show(self, rows: Iterable[int]) -> None:
        """Show hidden counts again: the points seen so far may no longer be open to the reader."""
        self.hidden.difference_update(rows)
        self.settled.update(rows)
        self.seen_low.fill(math.inf)
        self.seen_high.fill(-math.inf)
        self.hide_nothing()

    def hide_nothing(self) -> None:
        self.known.clear()
        self.highest.clear()
        self.binding.clear()
        self.lp = None

    def pinned(self, i: int) -> bool:
        """The shown counts fix hidden count ``i`` to one whole number."""
        low, high = self.bounds(i)
        return low == high

    def programme(self) -> Programme:
        if self.lp is None:
            self.lp = Programme(self)
        return self.lp

    def certify(self, rows: Sequence[int], rounds: int = 3) -> None:
        """Look for points far apart in many rows at once: minimise and maximise a sum of the rows with
        random signs, and keep the rows not yet shown to be safe for the next round."""
        import random

        rng = random.Random(0)
        left = [i for i in rows if not self._seen_safe(i)]
        lp = self.programme()
        for _ in range(rounds):
            if not left:
                return
            signs = {i: rng.choice((-1.0, 1.0)) * (1.0 + rng.random()) for i in left}
            for sense in (1.0, -1.0):
                lp.solve({i: sense * w for i, w in signs.items()})
            left = [i for i in left if not self._seen_safe(i)]

    def _seen_safe(self, i: int) -> bool:
        return _round_down(float(self.seen_high[i])) - _round_up(float(self.seen_low[i])) >= self.threshold

    def bounds(self, i: int) -> Bounds:
        if i not in self.known:
            lp = self.programme()
            high, high_binding = self.highest.pop(i) if i in self.highest else lp.solve({i: -1.0})
            low, low_binding = lp.solve({i: 1.0})
            self.known[i] = (_round_up(low), _round_down(-high))
            self.binding[i] = low_binding | high_binding
        return self.known[i]

    def safe(self, i: int) -> bool:
        if self._seen_safe(i):
            return True
        if i not in self.known:
            # the greatest value: with the least value seen so far, often enough
            self.highest[i] = self.programme().solve({i: -1.0})
            if self._seen_safe(i):
                return True
        low, high = self.bounds(i)
        return high - low >= self.threshold

    def _hideable(self, r: int) -> bool:
        return r < len(self.tallies) and r not in self.hidden and r not in self.settled and not _empty(self.tallies[r])

    def complement(self, i: int) -> int | None:
        """The shown count to hide next for row ``i``: the smallest of those that bind its bounds;
        failing those, the smallest sharing a base count with it, then with those. None when nothing is
        left to hide."""
        self.bounds(i)
        lp = self.programme()
        binding = self.binding.get(i, set())
        reasons = lp.reasons(c for r in (i, *binding) for c, _ in self.row_terms[r])
        # failing those, the rows sharing a base count with it; failing those (they may have been shown
        # again), the rows one step further; each set is built only when the one before offers nothing
        steps: tuple[Callable[[], set[int]], ...] = (
            lambda: binding | reasons,
            lambda: self._sharing({i}),
            lambda: self._sharing(self._sharing({i}) | binding),
        )
        for step in steps:
            hideable = [r for r in step() if self._hideable(r)]
            if hideable:
                return min(hideable, key=lambda r: (abs(self.tallies[r].value), r))
        return None

    def _sharing(self, rows: Iterable[int]) -> set[int]:
        """The rows sharing a base count with any of ``rows``."""
        return {r for row in rows for column, _ in self.row_terms[row] for r in self.base_rows[column]}


# The base counts of the progress tables. Publishing code states every count through these, so that
# the audit knows every relation a reader knows (docs/tracker.md, "Small groups").

Terms = dict[Any, int]
LEVEL_KEYS = ("level_1", "level_2", "level_3", "level_4", "level_5")


def merged(*maps: Mapping[Any, int]) -> Terms:
    """The sum of several counts' terms (a subtotal or total row: the sum of its rows); a base count whose
    coefficients cancel is left out."""
    result: Terms = {}
    for terms in maps:
        for base, coeff in terms.items():
            result[base] = result.get(base, 0) + coeff
    return {base: c for base, c in result.items() if c}


def region_terms(key: str) -> dict[str, Terms]:
    """The terms of every count column of one region row (a region or the others row; a subtotal or
    total row merges its rows'): levels are base counts; valid, level 3+ their sums; ever certified the
    valid plus those without a valid certificate; 贯标 the ever certified plus those never certified;
    the 12-month change the valid minus the valid a year before."""
    levels = {k: {("in_force", key, k): 1} for k in range(1, 6)}
    valid = merged(*levels.values())
    ever = merged(valid, {("ever_not_valid", key): 1})
    return {
        "certified_valid": valid,
        **{f"level_{k}": levels[k] for k in range(1, 6)},
        "level3_plus": merged(levels[3], levels[4], levels[5]),
        "ever_certified": ever,
        "guanbiao": merged(ever, {("guanbiao_not_certified", key): 1}),
        "self_assessed": {("self_assessed", key, "below_3"): 1, ("self_assessed", key, "3_plus"): 1},
        "self_assessed_level3_plus": {("self_assessed", key, "3_plus"): 1},
        "change_12_months": merged(valid, {("valid_year_ago", key): -1}),
        "expiring": {("expiring", key): 1},
    }


def region_identities(key: str) -> list[Terms]:
    """What a region row's counts say besides their terms: the expiring are some of the valid ones."""
    valid = region_terms(key)["certified_valid"]
    return [merged(valid, {("expiring", key): -1, ("valid_for_longer", key): -1})]


def level_terms(table: str, key: str) -> dict[str, Terms]:
    """The terms of a row of a table by level (industries, years): ``level_1``..``level_5`` and ``total``."""
    levels = {f"level_{k}": {(table, key, k): 1} for k in range(1, 6)}
    return {**levels, "total": merged(*levels.values())}


def same_levels(regions: Iterable[str], table: str, keys: Iterable[str]) -> list[Terms]:
    """The identities of a table by level whose rows split the regions' valid certificates another way
    (industries): for each level, the sum over its rows equals the sum over the region rows."""
    regions, keys = list(regions), list(keys)
    return [
        merged(
            *({("in_force", region, k): 1} for region in regions),
            *({(table, key, k): -1} for key in keys),
        )
        for k in range(1, 6)
    ]
