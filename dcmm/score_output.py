"""Score results as a terminal table, stable JSON, or CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from dcmm.assessments import ScoredFile
from dcmm.core.text import Language
from dcmm.files import Problem

JSON_FORMAT = "dcmm-score/1"


def result_record(scored: ScoredFile) -> dict[str, Any]:
    """One scored file as the documented JSON record (see docs/score-json.md)."""
    org = scored.answers.organisation
    return {
        "file": str(scored.path),
        "organisation": {
            "name": org.name,
            "credit_code": org.credit_code,
            "province": org.province,
            "city": org.city,
            "industry": org.industry,
            "party_type": org.party_type,
            "fictitious": org.fictitious,
        },
        "assessed_on": scored.answers.assessed_on.isoformat() if scored.answers.assessed_on else None,
        "target_level": scored.result.roadmap.target_level,
        **scored.result.model_dump(mode="json"),
    }


def problem_record(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "field": problem.field, "message": problem.message}


def to_json(scored: Sequence[ScoredFile], problems: Sequence[Problem]) -> str:
    document = {
        "format": JSON_FORMAT,
        "results": [result_record(s) for s in scored],
        "errors": [problem_record(p) for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def to_csv(scored: Sequence[ScoredFile]) -> str:
    """One row per organisation; one column per domain score, in clause order."""
    domain_ids: list[str] = []
    for s in scored:
        for d in s.result.domains:
            if d.id not in domain_ids:
                domain_ids.append(d.id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "file",
            "organisation",
            "credit_code",
            "province",
            "edition",
            "overall_score",
            "overall_level",
            "target_level",
            "points_to_target",
            "completeness_percent",
            "unanswered",
            *(f"domain_{d}" for d in domain_ids),
        ]
    )
    for s in scored:
        r = s.result
        scores = {d.id: f"{d.score:.2f}" for d in r.domains}
        writer.writerow(
            [
                s.path,
                s.answers.organisation.name,
                s.answers.organisation.credit_code or "",
                s.answers.organisation.province or "",
                r.edition,
                f"{r.overall.score:.2f}",
                r.overall.level,
                r.roadmap.target_level,
                f"{r.roadmap.points_to_target:.2f}",
                r.completeness.percent,
                r.completeness.unanswered,
                *(scores.get(d, "") for d in domain_ids),
            ]
        )
    return out.getvalue()


def print_tables(scored: Sequence[ScoredFile], console: Console, language: Language = "zh") -> None:
    """A portfolio line per file; for a single file also its domains, items and next steps."""
    en = language == "en"
    summary = Table(title="Assessment results" if en else "评估结果", title_justify="left")
    for header in (
        ("Organisation", "单位"),
        ("Edition", "版本"),
        ("Score", "得分"),
        ("Level", "等级"),
        ("Target", "目标"),
        ("To target", "差距"),
        ("Answered", "完成度"),
    ):
        summary.add_column(header[0] if en else header[1], justify="right" if header[0] != "Organisation" else "left")
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
    en = language == "en"
    q, r = scored.questionnaire, scored.result
    items = {i.id: i for i in r.items}
    table = Table(title="Domains and items" if en else "能力域与能力项", title_justify="left")
    table.add_column("ID")
    table.add_column("Name" if en else "名称")
    table.add_column("Score" if en else "得分", justify="right")
    table.add_column("Level" if en else "等级", justify="right")
    table.add_column("L1–L5", justify="left")
    for domain, dr in zip(q.domains, r.domains, strict=True):
        table.add_row(
            f"[bold]{domain.id}[/]", f"[bold]{domain.name.get(language)}[/]", f"{dr.score:.2f}", str(dr.level), ""
        )
        for item in domain.items:
            ir = items[item.id]
            table.add_row(
                item.id,
                "  " + item.name.get(language),
                f"{ir.score:.2f}",
                str(ir.level),
                " ".join(f"{s:.2f}" for s in ir.level_scores),
            )
    console.print(table)
    c = r.completeness
    console.print(
        (
            f"Answered {c.answered}/{c.total}; not applicable {c.not_applicable}; "
            f"unanswered {c.unanswered} (counted as not met); marked for review {len(c.marked_for_review_ids)}"
        )
        if en
        else (
            f"已作答 {c.answered}/{c.total}；不适用 {c.not_applicable}；"
            f"未作答 {c.unanswered}（按不满足计）；待复核 {len(c.marked_for_review_ids)}"
        )
    )
    roadmap = r.roadmap
    if roadmap.target_met:
        console.print(
            f"Target level {roadmap.target_level} reached." if en else f"已达到目标等级 {roadmap.target_level}。"
        )
        return
    console.print(
        (
            f"Target level {roadmap.target_level}: {roadmap.points_to_target:.2f} points to go; "
            f"at least {len(roadmap.shortest_path)} criteria to raise. First steps:"
        )
        if en
        else (
            f"目标等级 {roadmap.target_level}：还差 {roadmap.points_to_target:.2f} 分，"
            f"至少需提升 {len(roadmap.shortest_path)} 条条款。优先事项："
        )
    )
    for criterion_id in roadmap.shortest_path[:5]:
        criterion = q.criteria[criterion_id]
        console.print(f"  {criterion_id}  {criterion.text.get(language)}")
