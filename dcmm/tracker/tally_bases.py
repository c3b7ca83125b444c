"""The base counts a progress report's published cells sum: the terms of their tallies."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

from dcmm.tracker.progress import LEVELS, ProgressReport

Terms = dict[Hashable, int]


def merged(*parts: Mapping[Hashable, int]) -> Terms:
    merged: Terms = {}
    for part in parts:
        for base, coefficient in part.items():
            merged[base] = merged.get(base, 0) + coefficient
    return {base: c for base, c in merged.items() if c}


class Bases:
    """The base counts a report's cells sum, named so that equal groups have equal names across tables.

    Certificates in force are counted by (region, industry, level) when the industry breakdown was read,
    else by (region, level): the industries table sums the same bases by industry, so its total row and
    the regions table's total row are visibly the same counts. ``region`` is a row region of the report
    (a province, a city, or a province's certificates without a city), before pooling.
    """

    def __init__(self, report: ProgressReport) -> None:
        # Without the breakdown a region's certificates at a level are one base count.
        self.unbroken: list[str | None] = [] if report.in_force_cells else [None]
        self.by_region: dict[tuple[str, int], list[str | None]] = {}
        self.by_industry: dict[tuple[str, int], list[str]] = {}
        for region, industry, level in report.in_force_cells:
            self.by_region.setdefault((region, level), []).append(industry)
            self.by_industry.setdefault((industry, level), []).append(region)

    def in_force(self, regions: Sequence[str], levels: Sequence[int]) -> Terms:
        return {
            ("in_force", region, industry, level): 1
            for region in regions
            for level in levels
            for industry in self.by_region.get((region, level), self.unbroken)
        }

    def in_force_of_industries(self, industries: Sequence[str], level: int) -> Terms:
        return {
            ("in_force", region, industry, level): 1
            for industry in industries
            for region in self.by_industry.get((industry, level), [])
        }

    @staticmethod
    def each(name: str, regions: Sequence[str], *detail: object) -> Terms:
        return {(name, region, *detail): 1 for region in regions}

    def metric(self, metric: str, regions: Sequence[str]) -> Terms | None:
        """The terms of a target's metric in ``regions``; None for a metric the regions table does not count."""
        if metric == "certified_valid":
            return self.in_force(regions, LEVELS)
        if metric == "level3_plus":
            return self.in_force(regions, [lv for lv in LEVELS if lv >= 3])
        if metric in ("ever_certified", "guanbiao"):
            return self.each(metric, regions)
        return None
