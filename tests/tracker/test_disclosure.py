"""Disclosure control on hand-made tallies: what is hidden, what is shown, and what the audit says."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dcmm.tracker.disclosure import Tally, audit, change_is_small, is_primary, protect, unsafe

T = 5


def _grid(values: dict[str, dict[int, int]]) -> list[Tally]:
    """A table of rows × levels with row totals, level 3+ and a total row, as published tallies."""
    tallies = []
    for key, levels in values.items():
        base = {k: {(key, k): 1} for k in levels}
        tallies += [Tally(("t", key, f"level_{k}"), v, base[k]) for k, v in levels.items()]
        tallies.append(Tally(("t", key, "total"), sum(levels.values()), {(key, k): 1 for k in levels}))
        tallies.append(
            Tally(("t", key, "level3_plus"), sum(levels[k] for k in (3, 4, 5)), {(key, k): 1 for k in (3, 4, 5)})
        )
    for k in (1, 2, 3, 4, 5):
        tallies.append(
            Tally(("t", "total", f"level_{k}"), sum(v[k] for v in values.values()), {(r, k): 1 for r in values})
        )
    total = sum(sum(v.values()) for v in values.values())
    tallies.append(Tally(("t", "total", "total"), total, {(r, k): 1 for r in values for k in (1, 2, 3, 4, 5)}))
    return tallies


TABLE = {
    "11": {1: 1, 2: 7, 3: 9, 4: 4, 5: 1},
    "31": {1: 6, 2: 30, 3: 20, 4: 9, 5: 5},
    "37": {1: 0, 2: 12, 3: 3, 4: 0, 5: 8},
    "44": {1: 9, 2: 40, 3: 25, 4: 6, 5: 0},
}


def test_small_groups_and_enough_beside_them_are_hidden() -> None:
    tallies = _grid(TABLE)
    hidden = protect(tallies, T)
    primary = {t.id for t in tallies if is_primary(t, T)}
    assert primary < hidden  # complementary cells too
    assert ("t", "11", "level_1") in hidden and ("t", "37", "level_3") in hidden
    assert not unsafe(audit(tallies, hidden, T), T)
    assert unsafe(audit(tallies, primary, T), T)  # primary suppression alone gives cells away


def test_zeros_are_shown_and_the_result_is_the_same_every_time() -> None:
    tallies = _grid(TABLE)
    hidden = protect(tallies, T)
    assert not any(t.value == 0 and t.id in hidden for t in tallies)
    assert all(protect(tallies, T) == hidden for _ in range(3))


def test_nothing_small_nothing_hidden_and_no_solver_loaded() -> None:
    code = (
        "import sys\n"
        "from dcmm.tracker.disclosure import Tally, protect\n"
        "assert protect([Tally(('t', 'a', 'x'), 7, {'a': 1}), Tally(('t', 'b', 'x'), 0, {'b': 1})], 5) == frozenset()\n"
        "assert 'highspy' not in sys.modules and 'numpy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_change_is_hidden_when_either_count_is_small() -> None:
    assert change_is_small(40, 3, T) and change_is_small(3, 40, T)
    assert not change_is_small(40, 0, T) and not change_is_small(40, 12, T)
    now = {("37", "now"): 1}
    change = {("37", "now"): 1, ("37", "year_ago"): -1}
    tallies = [
        Tally(("t", "37", "valid"), 40, now),
        Tally(("t", "37", "change"), 37, change, primary=change_is_small(40, 3, T)),
    ]
    hidden = protect(tallies, T)
    assert ("t", "37", "change") in hidden  # else the year-ago 3 would be 40 - 37
    low, high = audit(tallies, hidden, T)[("t", "37", "change")]
    assert high - low >= T


def test_identities_known_to_the_reader_are_protected_too() -> None:
    # two views of the same five organisations: by region (a: 3, b: 2 hidden) and by industry (shown 5, 0)
    tallies = [
        Tally(("r", "a", "n"), 3, {"ra": 1}),
        Tally(("r", "b", "n"), 2, {"rb": 1}),
        Tally(("i", "x", "n"), 5, {"ix": 1}),
        Tally(("i", "y", "n"), 0, {"iy": 1}),
    ]
    identity = {"ra": 1, "rb": 1, "ix": -1, "iy": -1}
    assert audit(tallies, [("r", "a", "n"), ("r", "b", "n")], T, [identity])[("r", "a", "n")] == (1.0, 4.0)
    hidden = protect(tallies, T, [identity])
    assert ("i", "x", "n") in hidden
    assert not unsafe(audit(tallies, hidden, T, [identity]), T)


def test_counts_that_contradict_their_terms_are_refused() -> None:
    tallies = [
        Tally(("t", "a", "x"), 3, {"a": 1}),
        Tally(("t", "a", "y"), 7, {"a": 1, "b": 1}),
        Tally(("t", "a", "z"), 6, {"a": 1, "b": 1}),  # the same base counts, another value
    ]
    with pytest.raises(ValueError, match="contradict"):
        protect(tallies, T)
    with pytest.raises(ValueError, match="two tallies"):
        protect([tallies[0], tallies[0]], T)
