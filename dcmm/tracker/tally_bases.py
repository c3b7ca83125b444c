"""The base counts a progress report's published cells sum: the terms of their tallies, and the relations
between them that no single cell states (the identities given to disclosure control).

The metrics are nested, and a reader knows it (docs/tracker.md, "Small groups"): level 3+ is part of the
valid certificates; the valid ones are part of the ever certified, and 贯标 (by its default definition)
is the ever certified; the expiring are part of the valid ones; the valid ones a year before are at most
the ever certified; a cumulative count a year before is at most today's; the certificates the years
table counts include every one in force and one of every organisation ever certified. A part is stated
as a sum of the whole's base counts, or the whole as the part plus a base count of its own (the slack),
so that each inequality follows from base counts being never negative.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from dcmm.tracker.definitions import PRESETS
from dcmm.tracker.disclosure import merged
from dcmm.tracker.progress import LEVELS, ProgressReport, RegionRow, TargetProgress
from dcmm.tracker.rules import CERTIFICATE_YEARS, add_years

Terms = dict[Hashable, int]
CUMULATIVE = frozenset({"ever_certified", "guanbiao"})  # counts that never fall: a year ago ≤ today


def _minus(terms: Terms) -> Terms:
    return {base: -c for base, c in terms.items()}


def _at_most(part: Terms, whole: Terms, slack: Hashable, part_value: int, whole_value: int) -> list[Terms]:
    """``whole = part + slack``: the identity saying part ≤ whole, when the counts agree it holds."""
    return [merged(whole, _minus(part), {slack: -1})] if part_value <= whole_value else []


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
        # 贯标 by its default definition is the ever certified; a report that says otherwise for a row (made
        # by hand, or by another definition) has 贯标 units never certified there.
        self.beyond_certified = {
            region
            for row in report.rows
            if row.guanbiao != row.ever_certified
            for region in (row.pooled_regions or [row.region])
        }

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

    def ever(self, regions: Sequence[str]) -> Terms:
        """The ever certified: the valid ones and those without a valid certificate."""
        return merged(self.in_force(regions, LEVELS), self.each("ever_not_valid", regions))

    def guanbiao(self, regions: Sequence[str]) -> Terms:
        """贯标 units: the ever certified, and those never certified where a row counts any."""
        beyond = [region for region in regions if region in self.beyond_certified]
        return merged(self.ever(regions), self.each("guanbiao_not_certified", beyond))

    def metric(self, metric: str, regions: Sequence[str]) -> Terms | None:
        """The terms of a target's metric in ``regions``; None for a metric the regions table does not count."""
        if metric == "certified_valid":
            return self.in_force(regions, LEVELS)
        if metric == "level3_plus":
            return self.in_force(regions, [lv for lv in LEVELS if lv >= 3])
        if metric in CUMULATIVE:
            return self.ever(regions) if metric == "ever_certified" else self.guanbiao(regions)
        return None

    def year_ago(self, metric: str, regions: Sequence[str]) -> Terms:
        """A metric's count a year before: 贯标 by its default definition is the ever certified's."""
        if metric == "guanbiao" and not self.beyond_certified.intersection(regions):
            metric = "ever_certified"
        return self.each(f"{metric}@year_ago", regions)

    def target_terms(self, report: ProgressReport, progress: TargetProgress) -> tuple[Terms, Terms]:
        """The terms of a target's count and of its count a year before: the regions table's bases when the
        target counts a metric of that table by its preset in its regions on the report's day, or certificates
        in force from a level in an industry that the breakdown counts; else its own."""
        target = progress.target
        regions = _target_regions(report, progress)
        own = ("target", report.target_key(target))
        if regions and target.definition == PRESETS.get(target.metric):
            now = self.metric(target.metric, regions)
            if now is not None:
                return now, self.year_ago(target.metric, regions)
        elif regions and target.definition.counts == ("certified",) and not target.definition.cumulative:
            part, value = self.valid_part(report, progress, regions)
            if part and value == progress.count:  # its count a year before is a count of its own
                return part, {(*own, "year_ago"): 1}
        return {(*own, "now"): 1}, {(*own, "year_ago"): 1}

    def valid_part(self, report: ProgressReport, progress: TargetProgress, regions: Sequence[str]) -> tuple[Terms, int]:
        """The certificates in force that a target's definition counts (from its level, in its industry), and how
        many they are; empty when the report does not hold them."""
        definition = progress.target.definition
        levels = [lv for lv in LEVELS if lv >= definition.min_level]
        if definition.industry is not None and not report.in_force_cells:
            return {}, -1
        if not report.in_force_cells:
            rows = [row for row in report.rows if set(row.pooled_regions or [row.region]) <= set(regions)]
            if {r for row in rows for r in (row.pooled_regions or [row.region])} != set(regions):
                return {}, -1
            return self.in_force(regions, levels), sum(row.levels[lv] for row in rows for lv in levels)
        chosen = {
            cell: count
            for cell, count in report.in_force_cells.items()
            if cell[0] in regions and cell[2] in levels and definition.industry in (None, cell[1])
        }
        return {("in_force", *cell): 1 for cell in chosen}, sum(chosen.values())

    def defined_identities(self, report: ProgressReport, progress: TargetProgress, now: Terms) -> list[Terms]:
        """A target counted by a definition of its own, on the report's day, counts at least the certificates
        in force it counts, and (counting certificates only) at most the ever certified, or the certificates
        in force from its level."""
        regions = _target_regions(report, progress)
        definition, key = progress.target.definition, report.target_key(progress.target)
        if not regions or set(now) != {("target", key, "now")}:
            return []
        part, value = self.valid_part(report, progress, regions)
        identities = _at_most(part, now, ("target_not_valid", key), value, progress.count) if part else []
        if definition.counts != ("certified",):
            return identities
        if definition.cumulative:
            rows = [row for row in report.rows if set(row.pooled_regions or [row.region]) <= set(regions)]
            whole, whole_value = self.ever(regions), sum(row.ever_certified for row in rows)
            if {r for row in rows for r in (row.pooled_regions or [row.region])} != set(regions):
                return identities
        else:
            levels = [lv for lv in LEVELS if lv >= definition.min_level]
            whole = self.in_force(regions, levels)
            whole_value = sum(
                c for cell, c in report.in_force_cells.items() if cell[0] in regions and cell[2] in levels
            )
            if not report.in_force_cells:
                return identities
        return identities + _at_most(now, whole, ("target_beyond", key), progress.count, whole_value)

    # identities -------------------------------------------------------------------------------------------

    def row_identities(self, key: str, regions: Sequence[str], row: RegionRow) -> list[Terms]:
        """A region row's relations: the expiring are some of the valid ones; the valid a year before are
        at most the ever certified."""
        valid = self.in_force(regions, LEVELS)
        return [
            *_at_most(self.each("expiring", regions), valid, ("valid_for_longer", key), row.expiring,
                      row.certified_valid),
            *_at_most(self.year_ago("certified_valid", regions), self.ever(regions), ("ever_not_valid@year_ago", key),
                      row.certified_valid_year_ago, row.ever_certified),
        ]  # fmt: skip

    @staticmethod
    def target_identities(key: str, progress: TargetProgress, now: Terms, before: Terms) -> list[Terms]:
        """A cumulative target's count a year before is at most today's."""
        if not progress.target.definition.cumulative:
            return []
        return _at_most(before, now, ("target_new", key), progress.count_year_ago, progress.count)

    def years_identities(self, report: ProgressReport) -> list[Terms]:
        """Every certificate in force, and a certificate of every organisation ever certified, is one the
        years table counts (revoked ones excluded from both)."""
        regions = [region for row in report.rows for region in (row.pooled_regions or [row.region])]
        issued: dict[int, Terms] = {lv: {("issued", year, lv): 1 for year, _ in report.years} for lv in LEVELS}
        totals = {lv: sum(levels[lv] for _, levels in report.years) for lv in LEVELS}
        # A certificate is valid for three years: one in force was issued in the last three years' rows.
        since = add_years(report.as_of, -CERTIFICATE_YEARS).year
        recent = [(year, levels) for year, levels in report.years if year >= since]
        identities = [
            identity
            for lv in LEVELS
            for identity in _at_most(
                self.in_force(regions, [lv]),
                {("issued", year, lv): 1 for year, _ in recent},
                ("issued_not_valid", lv),
                report.total.levels[lv],
                sum(levels[lv] for _, levels in recent),
            )
        ]
        every = merged(*issued.values())
        return identities + _at_most(
            self.ever(regions), every, ("issued_beyond_first",), report.total.ever_certified, sum(totals.values())
        )


def _target_regions(report: ProgressReport, progress: TargetProgress) -> list[str]:
    """The row regions (before pooling) a target counting on the report's day counts; none for a target
    counted on another day."""
    target = progress.target
    if progress.counted_on != report.as_of:
        return []
    return [
        region
        for row in report.rows
        for region in (row.pooled_regions or [row.region])
        if target.region in (report.region, region) or (len(target.region) == 2 and region[:2] == target.region)
    ]
