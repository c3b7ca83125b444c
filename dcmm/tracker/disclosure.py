"""Disclosure control: which published counts to hide so that no group smaller than the threshold can be
read or worked out from what is shown.

Every published count is a :class:`Tally`: a sum of base counts (with coefficients, so a 12-month change
is ``now - year_ago``). Primary suppression hides each count from 1 to ``threshold - 1``;
complementary suppression hides further counts until no hidden count can be bounded, from the shown
ones and the fact that base counts are never negative, to an interval narrower than the threshold.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

CellId = tuple[str, str, str]  # (table, row key, column key)


@dataclass(frozen=True, slots=True)
class Tally:
    """A published count: the sum of ``terms`` (base count → coefficient), whose value is ``value``.

    ``primary`` says whether the count is a small group itself; None decides it from the value
    (1 to threshold - 1). A change such as ``now - year_ago`` sets it from its parts.
    """

    id: CellId
    value: int
    terms: Mapping[Hashable, int]
    primary: bool | None = None


def is_small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def protect(tallies: Sequence[Tally], threshold: int) -> frozenset[CellId]:
    """The ids of the counts to hide (primary suppression only, for now)."""
    return frozenset(t.id for t in tallies if (t.primary if t.primary is not None else is_small(t.value, threshold)))
