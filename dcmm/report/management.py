"""The report's management pages from a scored file: executive summary, work packages, certification readiness and
the evidence list, with what an evidence check found of each referenced file."""

from __future__ import annotations

import re
from typing import Any

from dcmm.assessments import ScoredFile
from dcmm.core.evidence import EvidenceRef
from dcmm.core.prerequisites import check_readiness
from dcmm.core.text import Language
from dcmm.files.evidence_check import EvidenceCheck
from dcmm.files.prerequisites import bundled_prerequisites
from dcmm.files.readiness_text import readiness_lines
from dcmm.report.models import DomainStanding, Roadmap, TargetStanding
from dcmm.report.names import Namer, id_key
from dcmm.report.plan_models import DomainGap, EvidenceRow, Executive, Readiness, ReviewAnswer, WorkPackage

PRIORITIES = 5
STRONG_AND_WEAK = 2
CLAIMED_GRADES = ("fully_met", "mostly_met")
LAST_TIME_FRAME = 5  # the catalogue words a time frame for phases 1 to 5 (one phase per level at most)


def time_frame(phase: int, t: dict[str, str]) -> str:
    """The suggested time frame of a roadmap phase, in the report's language."""
    return t[f"time_frame_{min(phase, LAST_TIME_FRAME)}"]


def executive(domains: list[DomainStanding], roadmap: Roadmap, target: TargetStanding) -> Executive:
    gaps = [
        DomainGap(id=d.id, name=d.name, score=d.score, level=d.level, level_name=d.level_name,
                  gap=round(max(0.0, target.level - d.score), 2))
        for d in domains
    ]  # fmt: skip
    ranked = sorted(gaps, key=lambda d: (-d.score, id_key(d.id)))
    return Executive(
        strongest=ranked[:STRONG_AND_WEAK],
        weakest=list(reversed(ranked[-STRONG_AND_WEAK:])),
        domains=gaps,
        priorities=[] if roadmap.target_met else work_packages(roadmap)[:PRIORITIES],  # the plan is empty then too
    )


def work_packages(roadmap: Roadmap) -> list[WorkPackage]:
    """The roadmap's items phase by phase (lower levels first), the largest gain first within a phase."""
    return [
        WorkPackage(item_id=i.id, item_name=i.name, phase=p.phase, level=p.level, level_name=p.level_name,
                    time_frame=p.time_frame, criteria_count=len(i.criteria), gain_overall=i.gain_overall)
        for p in roadmap.phases
        for i in p.by_item
    ]  # fmt: skip


def _kind(reference: str) -> str:
    return reference.kind if isinstance(reference, EvidenceRef) else "text"


def evidence_rows(scored: ScoredFile, names: Namer, check: EvidenceCheck | None) -> list[EvidenceRow]:
    """Every evidence reference of the answers, by criterion; with ``check``, whether its file is there unchanged."""
    missing = set(check.missing) if check else set()
    changed = set(check.changed) if check else set()
    recorded = check.answers.answers if check else {}
    rows = []
    for criterion_id in sorted(scored.answers.answers, key=id_key):
        answer = scored.answers.answers[criterion_id]
        found = recorded[criterion_id].evidence if criterion_id in recorded else []
        for index, reference in enumerate(answer.evidence):
            entry = reference.entry if isinstance(reference, EvidenceRef) else None
            status = ""
            if (criterion_id, str(reference)) in missing:
                status = "missing"
            elif (criterion_id, str(reference)) in changed:
                status = "changed"
            elif index < len(found) and _kind(found[index]) == "path":  # looked up, found, unchanged
                status = "ok"
            rows.append(
                EvidenceRow(
                    criterion_id=criterion_id,
                    criterion_text=names.criterion(criterion_id),
                    grade_name=names.grade(answer.grade),
                    reference=str(reference),
                    kind=_kind(reference),
                    description=(entry.description or "") if entry else "",
                    owner=(entry.owner or "") if entry else "",
                    date=entry.date.isoformat() if entry and entry.date else "",
                    sha256=(entry.sha256 or "") if entry else "",
                    status=status,
                )
            )
    return rows


def readiness(scored: ScoredFile, names: Namer, rows: list[EvidenceRow], check: EvidenceCheck | None) -> Readiness:
    given = scored.answers.answers

    def review_answer(criterion_id: str) -> ReviewAnswer:
        answer = given[criterion_id]
        return ReviewAnswer(id=criterion_id, text=names.criterion(criterion_id), grade_name=names.grade(answer.grade),
                            respondent=answer.respondent or "", note=answer.note)  # fmt: skip

    ordered = sorted(given, key=id_key)
    claimed = [c for c in ordered if given[c].grade in CLAIMED_GRADES and not any(e.strip() for e in given[c].evidence)]
    return Readiness(
        checked=check is not None,
        missing=[r for r in rows if r.status == "missing"],
        changed=[r for r in rows if r.status == "changed"],
        claimed_without_evidence=[review_answer(c) for c in claimed],
        marked_for_review=[review_answer(c) for c in ordered if given[c].marked_for_review],
        unanswered=scored.result.completeness.unanswered,
        **admission(scored, names.lang),
    )


def admission(scored: ScoredFile, language: Language) -> dict[str, Any]:
    """The admission prerequisites for the organisation's party type and target level, line by line."""
    answers = scored.answers
    result = check_readiness(
        bundled_prerequisites(), answers.organisation.party_type, answers.target_level, answers.prerequisites
    )
    lines = [_statused(line.strip()) for line in readiness_lines(result, language, "")[2:]]
    return {"admission": [line for line in lines if line], "admission_ready": result.ready}


_STATUS = re.compile(r"^(满足|不满足|未知|met|UNMET|unknown)\s+(.*)$")


def _statused(line: str) -> str:
    """A check line with its status in brackets (the command line aligns it in a column instead)."""
    found = _STATUS.match(line)
    if found is None:
        return line
    status, rest = found.groups()
    return f"【{status}】{rest}" if status in ("满足", "不满足", "未知") else f"[{status}] {rest}"
