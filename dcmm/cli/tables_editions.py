"""Terminal tables of migrations between editions and of conflicts between merged respondents."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from dcmm.cli.tables import titled_table
from dcmm.i18n import Language, vocabulary

if TYPE_CHECKING:
    from dcmm.core.editions.merge import MergeOutcome
    from dcmm.core.plan import PlanCoverage
    from dcmm.files.editions import BothEditions, MigrationRun
    from dcmm.report.models import Comparison


def print_migration(run: MigrationRun, output: Path, console: Console, language: Language) -> None:
    """What was carried over item by item, what was not and why, and what is left to answer."""
    t = vocabulary(language)
    m = run.migration
    table = titled_table(
        t("cli.migration_title", source=m.source_edition, target=m.target_edition),
        [(t("cli.col_item"), "left"), (t("cli.col_to"), "left")]
        + [(t(key), "right") for key in ("cli.col_answered_count", "cli.col_carried", "cli.col_not_carried")],
    )
    for row in m.items:
        name = run.source.item_by_id[row.item_id].name.get(language)
        targets = ", ".join(row.targets) or t("cli.none")
        table.add_row(f"{row.item_id} {name}", targets, str(row.answered), str(row.carried), str(row.not_carried))
    table.add_row(f"[bold]{t('cli.total')}[/]", "", str(m.answered), str(len(m.carried)), str(len(m.not_carried)))
    console.print(table)
    if m.not_carried:
        # One line per item keeps a long list readable; every id and grade is in --format json.
        from dcmm.core.editions.migrate import no_match_reason

        generic = no_match_reason(run.migration_language)
        console.print(t("cli.not_carried_heading", reason=generic))
        by_reason: dict[tuple[str, str], list[str]] = {}
        for left in m.not_carried:
            key = (left.criterion_id.rsplit(".", 2)[0] if left.criterion_id.count(".") == 3 else "", left.reason)
            by_reason.setdefault(key, []).append(left.criterion_id)
        for (item_id, reason), ids in by_reason.items():
            console.print(f"  {item_id:<6} {', '.join(ids)}" + ("" if reason == generic else f"  [dim]({reason})[/]"))
    quick = m.answer_file.quick_scan is not None
    total = len(run.target.items) if quick else len(run.target.criteria)
    console.print(
        t(
            "cli.migration_filled",
            path=output,
            filled=total - len(m.to_answer),
            total=total,
            unit=t("cli.unit_items") if quick else t("cli.unit_criteria"),
            edition=m.target_edition,
            left=len(m.to_answer),
        )
    )


def print_edition_comparison(run: MigrationRun, both: BothEditions, console: Console, language: Language) -> None:
    """Both editions' scores side by side, domain by domain."""
    t = vocabulary(language)
    c = both.comparison
    score, level = (t("cli.col_score"), "right"), (t("cli.col_level"), "right")
    table = titled_table(
        t("cli.both_editions_title"),
        [(c.target_edition, "left"), score, level, (c.source_edition, "left"), score, level],
    )
    overall = f"[bold]{t('cli.overall')}[/]"
    target_overall, source_overall = c.target_overall, c.source_overall
    table.add_row(
        overall,
        f"{target_overall[0]:.2f}",
        str(target_overall[1]),
        overall,
        f"{source_overall[0]:.2f}",
        str(source_overall[1]),
    )
    for row in c.rows:
        name = f"{row.domain_id} {run.target.domain_by_id[row.domain_id].name.get(language)}"
        if not row.sources:
            table.add_row(name, f"{row.score:.2f}", str(row.level), "–" + t("cli.new_domain"), "", "")
        for index, (source_id, source_score, source_level) in enumerate(row.sources):
            first = index == 0
            table.add_row(
                name if first else "",
                f"{row.score:.2f}" if first else "",
                str(row.level) if first else "",
                f"{source_id} {run.source.domain_by_id[source_id].name.get(language)}",
                f"{source_score:.2f}",
                str(source_level),
            )
    for source_id, source_score, source_level in c.unplaced_sources:
        source_name = f"{source_id} {run.source.domain_by_id[source_id].name.get(language)}"
        table.add_row("–", "", "", source_name, f"{source_score:.2f}", str(source_level))
    console.print(table)
    console.print(
        t(
            "cli.both_editions_note",
            target=c.target_edition,
            target_percent=f"{c.target_completeness:.0f}",
            source=c.source_edition,
            source_percent=f"{c.source_completeness:.0f}",
        )
    )


def print_conflicts(outcome: MergeOutcome, console: Console, language: Language) -> None:
    """The criteria where respondents are two or more grades apart, with every respondent's grade."""
    t = vocabulary(language)
    if not outcome.conflicts:
        console.print(t("cli.no_conflicts", respondents=len(outcome.respondents)))
        return
    table = titled_table(
        t("cli.conflicts_title", count=len(outcome.conflicts), rule=outcome.rule),
        [("ID", "left"), (t("cli.col_merged"), "left"), *((label, "left") for label in outcome.respondents)],
    )
    for conflict in outcome.conflicts:
        grades = (conflict.grades.get(label) or "-" for label in outcome.respondents)
        table.add_row(conflict.id, conflict.merged or "-", *grades)
    console.print(table)
    console.print(t("cli.conflicts_note"))


def print_coverage(coverage: PlanCoverage, console: Console, language: Language, shown: int = 8) -> None:
    """By the plan: each respondent's criteria, how many have a grade, and the first of those still missing."""
    t = vocabulary(language)
    table = titled_table(
        t("cli.coverage_title", missing=len(coverage.unanswered)),
        [(t("cli.col_respondent"), "left"), (t("cli.col_assigned"), "right"), (t("cli.col_graded"), "right"),
         (t("cli.col_missing"), "left")],
    )  # fmt: skip
    for r in coverage.respondents:
        missing = ", ".join(r.unanswered[:shown]) + (" …" if len(r.unanswered) > shown else "")
        table.add_row(r.respondent, str(r.assigned), str(r.answered), missing or "-")
    console.print(table)
    if coverage.unassigned:
        first = ", ".join(coverage.unassigned[:shown]) + (" …" if len(coverage.unassigned) > shown else "")
        console.print(t("cli.coverage_unassigned", count=len(coverage.unassigned), first=first))


def print_comparison_bridge(comparison: Comparison, console: Console, language: Language) -> None:
    """How a comparison across editions was made, and what has no counterpart on either side."""
    t = vocabulary(language)
    bridge = comparison.crosswalk
    if bridge is None:
        return
    source, target = bridge.source_edition, bridge.target_edition
    console.print(f"[bold]{t('compare.bridge_title', source=source, target=target)}[/]")
    original = bridge.original
    carried = comparison.old
    console.print(t("compare.bridge_original", source=source, target=target, score=f"{original.score:.2f}",
                    level=original.level, name=original.level_name, carried=f"{carried.score:.2f}",
                    carried_level=carried.level), markup=False)  # fmt: skip
    for domain_id, parts in bridge.sources.items():
        feeding = ", ".join(f"{p.id} {p.name} ({p.score:.2f})" for p in parts)
        console.print("  " + t("compare.bridge_sources", domain=f"{target} {domain_id}", sources=feeding), markup=False)
    none = t("compare.bridge_none")
    for key, parts in (
        ("compare.bridge_new_domains", bridge.new_domains),
        ("compare.bridge_new_items", bridge.new_items),
        ("compare.bridge_dropped_items", bridge.dropped_items),
    ):
        named = ", ".join(f"{p.id} {p.name}" for p in parts) or none
        console.print(t(key, source=source, target=target, parts=named), markup=False)
    console.print(t("compare.bridge_criteria", source=source, target=target, not_carried=bridge.criteria_not_carried,
                    without=bridge.criteria_without_predecessor), markup=False)  # fmt: skip
