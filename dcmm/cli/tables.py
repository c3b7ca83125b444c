"""Terminal tables of scores, quick-scan estimates, the quick-scan sheet, comparisons and batch reports."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table

from dcmm.i18n import Language, vocabulary

if TYPE_CHECKING:
    from dcmm.assessments import EstimatedFile, ScoredFile
    from dcmm.core.questionnaire import Questionnaire
    from dcmm.report.models import Comparison
    from dcmm.report.portfolio import PortfolioEntry


def titled_table(title: str, columns: Sequence[tuple[str, str]]) -> Table:
    """A left-titled table with (heading, justify) columns."""
    table = Table(title=title, title_justify="left")
    for heading, justify in columns:
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    return table


def print_scores(scored: Sequence[ScoredFile], console: Console, language: Language = "zh") -> None:
    """A portfolio line per file; for a single file also its domains, items and next steps."""
    t = vocabulary(language)
    summary = titled_table(
        t("cli.scores_title"),
        [(t("cli.col_organisation"), "left")]
        + [
            (t(key), "right")
            for key in (
                "cli.col_edition",
                "cli.col_score",
                "cli.col_level",
                "cli.col_target",
                "cli.col_to_target",
                "cli.col_answered",
            )
        ],
    )
    for s in scored:
        r = s.result
        level_name = s.questionnaire.level_definition(r.overall.level).name.get(language)
        summary.add_row(
            s.answers.organisation.name,
            r.edition,
            f"{r.overall.score:.2f}",
            f"{r.overall.level} {level_name}",
            str(r.roadmap.target_level),
            f"{r.roadmap.points_to_target:.2f}",
            f"{r.completeness.percent:.0f}%",
        )
    console.print(summary)
    if len(scored) == 1:
        _print_detail(scored[0], console, language)


def _print_detail(scored: ScoredFile, console: Console, language: Language) -> None:
    t = vocabulary(language)
    q, r = scored.questionnaire, scored.result
    items = {i.id: i for i in r.items}
    table = titled_table(
        t("cli.detail_title"),
        [
            ("ID", "left"),
            (t("cli.col_name"), "left"),
            (t("cli.col_score"), "right"),
            (t("cli.col_level"), "right"),
            ("L1–L5", "left"),
        ],
    )
    for domain, dr in zip(q.domains, r.domains, strict=True):
        table.add_row(
            f"[bold]{domain.id}[/]", f"[bold]{domain.name.get(language)}[/]", f"{dr.score:.2f}", str(dr.level), ""
        )
        for item in domain.items:
            ir = items[item.id]
            scores = " ".join(f"{s:.2f}" for s in ir.level_scores)
            table.add_row(item.id, "  " + item.name.get(language), f"{ir.score:.2f}", str(ir.level), scores)
    console.print(table)
    c = r.completeness
    console.print(
        t(
            "cli.completeness_line",
            answered=c.answered,
            total=c.total,
            not_applicable=c.not_applicable,
            unanswered=c.unanswered,
            review=len(c.marked_for_review_ids),
        )
    )
    roadmap = r.roadmap
    if roadmap.target_met:
        console.print(t("cli.target_reached", level=roadmap.target_level))
        return
    console.print(
        t(
            "cli.target_to_go",
            level=roadmap.target_level,
            points=f"{roadmap.points_to_target:.2f}",
            criteria=len(roadmap.shortest_path),
        )
    )
    for criterion_id in roadmap.shortest_path[:5]:
        console.print(f"  {criterion_id}  {q.criteria[criterion_id].text.get(language)}")


def _estimate(value: float | None) -> str:
    return "–" if value is None else f"≈{value:.2f}"


def print_estimates(estimated: Sequence[EstimatedFile], console: Console, language: Language = "zh") -> None:
    """The estimates, labelled as such in the title, every score and the footnote."""
    t = vocabulary(language)
    label = t("cli.estimate_label")
    table = titled_table(
        t("cli.estimates_title", label=label),
        [
            (t("cli.col_organisation"), "left"),
            (t("cli.col_edition"), "left"),
            (t("cli.col_estimate_score", label=label), "left"),
            (t("cli.col_level"), "right"),
            (t("cli.col_items_chosen"), "right"),
        ],
    )
    for e in estimated:
        level = e.estimate.overall_level
        level_text = "–" if level is None else f"≈{level} {e.questionnaire.level_definition(level).name.get(language)}"
        table.add_row(
            e.answers.organisation.name,
            e.estimate.edition,
            _estimate(e.estimate.overall_score),
            level_text,
            f"{e.estimate.chosen}/{e.estimate.total}",
        )
    console.print(table)
    if len(estimated) == 1:
        e = estimated[0]
        detail = titled_table(
            t("cli.estimate_domains_title"),
            [("ID", "left"), (t("cli.col_name"), "left"), (label, "right"), (t("cli.col_items_chosen"), "right")],
        )
        for domain, d in zip(e.questionnaire.domains, e.estimate.domains, strict=True):
            detail.add_row(domain.id, domain.name.get(language), _estimate(d.score), f"{d.chosen}/{d.items}")
        console.print(detail)
    console.print(t("cli.estimate_footnote"))


def print_questions(questionnaire: Questionnaire, console: Console, language: Language = "zh") -> None:
    """The quick-scan sheet: per item, the five statements to choose from."""
    from dcmm.core.quickscan import quick_scan_questions

    console.print(vocabulary(language)("cli.quick_scan_sheet_intro", edition=questionnaire.id))
    for question in quick_scan_questions(questionnaire):
        console.print(f"\n[bold]{question.item_id} {question.name.get(language)}[/]")
        for level, statement in enumerate(question.statements, start=1):
            console.print(f"  {level}. {statement.get(language)}")


def _delta(value: float) -> str:
    if value > 0:
        return f"[green]+{value:.2f}[/]"
    if value < 0:
        return f"[red]{value:.2f}[/]"
    return "0.00"


def print_comparison(comparison: Comparison, console: Console, language: Language = "zh") -> None:
    """Overall and per-domain changes, the items whose score moved, and the criteria that moved."""
    t = vocabulary(language)
    old, new = comparison.old, comparison.new
    console.print(
        t(
            "cli.compare_overall",
            old_score=f"{old.score:.2f}",
            old_level=old.level,
            old_name=old.level_name,
            old_on=old.assessed_on or "?",
            new_score=f"{new.score:.2f}",
            new_level=new.level,
            new_name=new.level_name,
            new_on=new.assessed_on or "?",
        ),
        _delta(comparison.overall_delta),
    )
    columns = [(t("cli.col_id"), "left"), (t("cli.col_name"), "left")] + [
        (t(key), "right") for key in ("cli.col_before", "cli.col_after", "cli.col_change", "cli.col_level")
    ]
    for title, rows, only_moved in (
        (t("cli.compare_domains"), comparison.domains, False),
        (t("cli.compare_items"), comparison.items, True),
    ):
        table = titled_table(title, columns)
        for row in rows:
            if only_moved and not row.delta:
                continue
            table.add_row(
                row.id,
                row.name,
                f"{row.before:.2f}",
                f"{row.after:.2f}",
                _delta(row.delta),
                f"L{row.level_before} → L{row.level_after}",
            )
        console.print(table)
    for title, changes in (
        (t("cli.compare_improved"), comparison.improved),
        (t("cli.compare_regressed"), comparison.regressed),
    ):
        console.print(f"[bold]{title}[/] ({len(changes)})")
        for change in changes:
            console.print(f"  {change.id:<10} {change.before} → {change.after}  {change.text}", markup=False)


def print_batch_reports(entries: Sequence[PortfolioEntry], console: Console, language: Language = "zh") -> None:
    """One line per organisation reported by ``dcmm score --pdf``."""
    t = vocabulary(language)
    table = titled_table(
        t("cli.reports_title"),
        [(t("cli.col_organisation"), "left"), (t("cli.col_score"), "left"), (t("cli.col_level"), "left")],
    )
    for entry in entries:
        table.add_row(entry.organisation, f"{entry.score:.2f}", f"L{entry.level} {entry.level_name}")
    console.print(table)
