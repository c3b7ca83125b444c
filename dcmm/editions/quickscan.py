"""Quick-scan files on disk: telling them apart from full assessments, estimating them, and showing the estimate."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

from dcmm.assessments import EstimatedFile
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.quickscan import quick_scan_questions
from dcmm.core.text import Language

ESTIMATE_LABEL = {"zh": "估算", "en": "ESTIMATE"}


def estimate_record(estimated: EstimatedFile) -> dict[str, Any]:
    org = estimated.answers.organisation
    return {
        "file": str(estimated.path),
        "label": "ESTIMATE (quick scan) / 估算（快速自评）",
        "organisation": {"name": org.name, "credit_code": org.credit_code, "province": org.province},
        "assessed_on": estimated.answers.assessed_on.isoformat() if estimated.answers.assessed_on else None,
        **estimated.estimate.model_dump(mode="json"),
    }


def _score(value: float | None) -> str:
    return "–" if value is None else f"≈{value:.2f}"


def print_estimates(estimated: Sequence[EstimatedFile], console: Console, language: Language = "zh") -> None:
    """The estimates, labelled as such in the title, every score and the footnote."""
    en = language == "en"
    label = ESTIMATE_LABEL[language]
    table = Table(
        title=f"{label}: quick-scan estimates" if en else f"{label}：快速自评的估算结果", title_justify="left"
    )
    for header in (("Organisation", "单位"), ("Edition", "版本"), (f"Score ({label})", f"得分（{label}）")):
        table.add_column(header[0] if en else header[1])
    table.add_column("Level" if en else "等级", justify="right")
    table.add_column("Items chosen" if en else "已选能力项", justify="right")
    for e in estimated:
        level = e.estimate.overall_level
        level_text = "–" if level is None else f"≈{level} {e.questionnaire.level_definition(level).name.get(language)}"
        table.add_row(
            e.answers.organisation.name,
            e.estimate.edition,
            _score(e.estimate.overall_score),
            level_text,
            f"{e.estimate.chosen}/{e.estimate.total}",
        )
    console.print(table)
    if len(estimated) == 1:
        e = estimated[0]
        detail = Table(title="Domains (estimate)" if en else "能力域（估算）", title_justify="left")
        detail.add_column("ID")
        detail.add_column("Name" if en else "名称")
        detail.add_column(label, justify="right")
        detail.add_column("Items chosen" if en else "已选能力项", justify="right")
        for domain, d in zip(e.questionnaire.domains, e.estimate.domains, strict=True):
            detail.add_row(domain.id, domain.name.get(language), _score(d.score), f"{d.chosen}/{d.items}")
        console.print(detail)
    console.print(
        "ESTIMATE from a quick scan (one statement chosen per item), not an assessment result: "
        "item = chosen level, domain and overall = means. Answer the full questionnaire for a score."
        if en
        else "以上为快速自评的估算（每个能力项选择一条最符合的描述），不是评估结果："
        "能力项取所选等级，能力域和总体取平均。完整作答问卷后才能得到评估得分。"
    )


def print_questions(questionnaire: Questionnaire, console: Console, language: Language = "zh") -> None:
    """The quick-scan sheet: per item, the five statements to choose from."""
    en = language == "en"
    console.print(
        f"Quick scan of {questionnaire.id}: for each item choose the ONE statement that describes you best "
        "and write its number (1-5) into the file's quick_scan entry."
        if en
        else f"{questionnaire.id} 快速自评：为每个能力项选择一条最符合本单位现状的描述，"
        "把它的编号（1-5）填入文件的 quick_scan。"
    )
    for question in quick_scan_questions(questionnaire):
        console.print(f"\n[bold]{question.item_id} {question.name.get(language)}[/]")
        for level, statement in enumerate(question.statements, start=1):
            console.print(f"  {level}. {statement.get(language)}")
