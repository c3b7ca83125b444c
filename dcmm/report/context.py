"""A scored assessment as the plain dict that report templates read (no HTML, no PDF here)."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any

from dcmm import __version__
from dcmm.assessments import ScoredFile
from dcmm.core.answers import Answer
from dcmm.core.identifiers import PROVINCE_NAMES, PROVINCE_NAMES_EN
from dcmm.core.questionnaire import NOT_APPLICABLE, Questionnaire
from dcmm.core.scoring import GapItem
from dcmm.core.text import Language
from dcmm.report.labels import labels

TOP_ACTIONS = 5
CLAIMED_GRADES = ("fully_met", "mostly_met")


@cache
def _questionnaire_digest(export: str) -> str:
    return hashlib.sha256(export.encode("utf-8")).hexdigest()


def questionnaire_sha256(questionnaire: Questionnaire) -> str:
    """SHA-256 of the edition as ``dcmm questionnaire export`` prints it, so anyone can recompute it."""
    return _questionnaire_digest(questionnaire.model_dump_json(indent=2) + "\n")


class _Namer:
    """Looks up names in the questionnaire in the report's language."""

    def __init__(self, questionnaire: Questionnaire, language: Language) -> None:
        self.q = questionnaire
        self.lang = language

    def level(self, level: int) -> str:
        return self.q.level_definition(level).name.get(self.lang)

    def level_label(self, level: int) -> str:
        """``L3 稳健级``: the number keeps levels comparable across languages."""
        return f"L{level} {self.level(level)}"

    def grade(self, grade_id: str | None) -> str:
        if grade_id is None:
            return labels(self.lang)["unanswered"]
        return self.q.grade(grade_id).name.get(self.lang)

    def item(self, item_id: str) -> str:
        return self.q.item_by_id[item_id].name.get(self.lang)

    def domain(self, domain_id: str) -> str:
        return self.q.domain_by_id[domain_id].name.get(self.lang)

    def criterion(self, criterion_id: str) -> str:
        return self.q.criteria[criterion_id].text.get(self.lang)


def _answer_record(answer: Answer | None) -> dict[str, Any]:
    if answer is None:
        return {"note": "", "evidence": [], "justification": "", "marked_for_review": False}
    return {
        "note": answer.note,
        "evidence": list(answer.evidence),
        "justification": answer.justification or "",
        "marked_for_review": answer.marked_for_review,
    }


def _gap_record(gap: GapItem, names: _Namer, scored: ScoredFile) -> dict[str, Any]:
    criterion = scored.questionnaire.criteria[gap.criterion_id]
    return {
        "id": gap.criterion_id,
        "item_id": gap.item_id,
        "item_name": names.item(gap.item_id),
        "domain_id": gap.domain_id,
        "domain_name": names.domain(gap.domain_id),
        "level": gap.level,
        "level_name": names.level(gap.level),
        "text": criterion.text.get(names.lang),
        "grade": gap.grade,
        "grade_name": names.grade(gap.grade),
        "gain_item": gap.gain_item,
        "gain_domain": gap.gain_domain,
        "gain_overall": gap.gain_overall,
        "evidence_hints": [hint.get(names.lang) for hint in criterion.evidence],
        **_answer_record(scored.answers.answers.get(gap.criterion_id)),
    }


def _organisation(scored: ScoredFile, language: Language) -> dict[str, Any]:
    org = scored.answers.organisation
    province_names = PROVINCE_NAMES if language == "zh" else PROVINCE_NAMES_EN
    region = " ".join(part for part in (province_names.get(org.province or "", ""), org.city or "") if part)
    return {
        "name": org.name,
        "credit_code": org.credit_code or "",
        "region": region,
        "industry": org.industry or "",
        "party_type": org.party_type or "",
        "fictitious": org.fictitious,
    }


def build_context(scored: ScoredFile, language: Language = "zh", previous: ScoredFile | None = None) -> dict[str, Any]:
    """Everything the report shows, as plain data: names resolved, numbers unformatted."""
    q, answers, result = scored.questionnaire, scored.answers, scored.result
    names = _Namer(q, language)
    t = labels(language)
    items_by_id = {i.id: i for i in result.items}
    gaps_by_item: dict[str, list[GapItem]] = {}
    for scored_item in result.items:
        for gap in sorted(scored_item.blockers, key=lambda g: (g.level, _id_key(g.criterion_id))):
            gaps_by_item.setdefault(scored_item.id, []).append(gap)
    for gap in result.gaps:  # gaps up to the target that are not the next level's blockers
        if gap not in gaps_by_item.get(gap.item_id, []):
            gaps_by_item.setdefault(gap.item_id, []).append(gap)
    for found in gaps_by_item.values():
        found.sort(key=lambda g: (g.level, _id_key(g.criterion_id)))

    domains = []
    for domain, domain_result in zip(q.domains, result.domains, strict=True):
        items = []
        unmet = []
        claimed = []
        for item in domain.items:
            item_result = items_by_id[item.id]
            items.append(
                {
                    "id": item.id,
                    "name": item.name.get(language),
                    "score": item_result.score,
                    "level": item_result.level,
                    "level_name": names.level(item_result.level),
                    "level_scores": item_result.level_scores,
                    "counted": [level.counted for level in item_result.levels],
                    "applicable": item_result.applicable,
                    "next_level": item_result.next_level,
                    "points_to_next": item_result.points_to_next,
                }
            )
            item_gaps = [_gap_record(g, names, scored) for g in gaps_by_item.get(item.id, [])]
            if item_gaps:
                unmet.append({"id": item.id, "name": item.name.get(language), "criteria": item_gaps})
            for criterion in item.criteria:
                answer = answers.answers.get(criterion.id)
                if answer and answer.grade in CLAIMED_GRADES and not any(e.strip() for e in answer.evidence):
                    claimed.append(
                        {
                            "id": criterion.id,
                            "item_name": item.name.get(language),
                            "text": criterion.text.get(language),
                            "grade_name": names.grade(answer.grade),
                            "note": answer.note,
                        }
                    )
        domains.append(
            {
                "id": domain.id,
                "name": domain.name.get(language),
                "description": domain.description.get(language),
                "score": domain_result.score,
                "level": domain_result.level,
                "level_name": names.level(domain_result.level),
                "items": items,
                "unmet": unmet,
                "claimed_without_evidence": claimed,
            }
        )

    roadmap = result.roadmap
    shortest = set(roadmap.shortest_path)
    gaps_by_id = {g.criterion_id: g for g in result.gaps}
    top_ids = roadmap.shortest_path[:TOP_ACTIONS]
    if not top_ids:  # target met: point at what lifts the items further
        blockers = sorted(
            (g for i in result.items for g in i.blockers), key=lambda g: (-g.gain_overall, _id_key(g.criterion_id))
        )
        top_ids = [g.criterion_id for g in blockers[:TOP_ACTIONS]]
        gaps_by_id.update({g.criterion_id: g for g in blockers})
    completeness = result.completeness
    return {
        "lang": language,
        "t": t,
        "tool": {"name": "dcmm", "version": __version__},
        "organisation": _organisation(scored, language),
        "assessors": [{"name": a.name, "role": a.role or ""} for a in answers.assessors],
        "assessed_on": answers.assessed_on.isoformat() if answers.assessed_on else "",
        "edition": {
            "id": q.id,
            "standard": q.meta.standard,
            "title": q.meta.title.get(language),
            "data_version": q.meta.data_version,
            "provenance": q.meta.provenance.get(language),
            "provisional": list(q.meta.provisional),
        },
        "overall": {
            "score": result.overall.score,
            "level": result.overall.level,
            "level_name": names.level(result.overall.level),
        },
        "target": {
            "level": roadmap.target_level,
            "level_name": names.level(roadmap.target_level),
            "met": roadmap.target_met,
            "points_to_target": roadmap.points_to_target,
        },
        "completeness": {
            "total": completeness.total,
            "answered": completeness.answered,
            "unanswered": completeness.unanswered,
            "not_applicable": completeness.not_applicable,
            "percent": completeness.percent,
            "review": len(completeness.marked_for_review_ids),
        },
        "levels": [
            {"level": d.level, "name": d.name.get(language), "description": d.description.get(language)}
            for d in q.meta.levels
        ],
        "top_actions": [_gap_record(gaps_by_id[c], names, scored) for c in top_ids],
        "domains": domains,
        "roadmap": {
            "target_level": roadmap.target_level,
            "target_met": roadmap.target_met,
            "points_to_target": roadmap.points_to_target,
            "shortest_path_count": len(roadmap.shortest_path),
            "phases": [
                {
                    "phase": phase.phase,
                    "level": phase.level,
                    "level_name": names.level(phase.level),
                    "overall_after": phase.overall_after,
                    "gaps": [
                        {**_gap_record(g, names, scored), "in_shortest_path": g.criterion_id in shortest}
                        for g in phase.gaps
                    ],
                    "by_item": _by_item(phase.gaps, names, shortest),
                }
                for phase in roadmap.phases
            ],
        },
        "answers": _answers_appendix(scored, names),
        "method": _method(scored, names),
        "verification": {
            "questionnaire_sha256": questionnaire_sha256(q),
            "answers_sha256": scored.sha256,
            "answers_file": scored.path.name,
        },
        "comparison": compare_context(previous, scored, language) if previous is not None else None,
    }


def _by_item(gaps: list[GapItem], names: _Namer, shortest: set[str]) -> list[dict[str, Any]]:
    """A phase's criteria grouped by item, the item of largest total gain first."""
    groups: dict[str, dict[str, Any]] = {}
    for g in gaps:
        group = groups.setdefault(
            g.item_id,
            {"id": g.item_id, "name": names.item(g.item_id), "gain_overall": 0.0, "criteria": []},
        )
        group["gain_overall"] = round(group["gain_overall"] + g.gain_overall, 4)
        group["criteria"].append(
            {"id": g.criterion_id, "grade": g.grade, "in_shortest_path": g.criterion_id in shortest}
        )
    return sorted(groups.values(), key=lambda group: (-group["gain_overall"], _id_key(group["id"])))


def _answers_appendix(scored: ScoredFile, names: _Namer) -> dict[str, Any]:
    """Every grade as an item-by-level grid, and every note, evidence and justification as rows."""
    given = scored.answers.answers
    domains = []
    records = []
    for domain in scored.questionnaire.domains:
        items = []
        for item in domain.items:
            levels = []
            for level in item.levels:
                cells = []
                for c in level.criteria:
                    grade = given[c.id].grade if c.id in given else None
                    cells.append(
                        {"id": c.id, "n": c.id.rsplit(".", 1)[1], "grade": grade, "grade_name": names.grade(grade)}
                    )
                    record = _answer_record(given.get(c.id))
                    if record["note"] or record["evidence"] or record["justification"] or record["marked_for_review"]:
                        records.append({"id": c.id, "grade": grade, "grade_name": names.grade(grade), **record})
                levels.append(cells)
            items.append({"id": item.id, "name": item.name.get(names.lang), "levels": levels})
        domains.append({"id": domain.id, "name": domain.name.get(names.lang), "items": items})
    return {"domains": domains, "records": records}


def _method(scored: ScoredFile, names: _Namer) -> dict[str, Any]:
    q, result = scored.questionnaire, scored.result
    rules = result.rules
    given = scored.answers.answers
    return {
        "rules_name": rules.name,
        "rules_description": rules.description,
        "gated": rules.gated,
        "gate_threshold": rules.gate_threshold,
        "scale": [
            {"name": g.name.get(names.lang), "value": g.value, "not_applicable": g.id == NOT_APPLICABLE}
            for g in q.meta.scale
        ],
        "not_applicable": [
            {"id": c, "text": names.criterion(c), "justification": given[c].justification or ""}
            for c in result.completeness.not_applicable_ids
        ],
        "unanswered": list(result.completeness.unanswered_ids),
        "marked_for_review": list(result.completeness.marked_for_review_ids),
    }


def _grade_value(scored: ScoredFile, criterion_id: str) -> float | None:
    """The grade's value; None when unanswered or not applicable."""
    grade = scored.answers.grade_of(criterion_id)
    return None if grade is None else scored.questionnaire.grade(grade).value


def compare_context(old: ScoredFile, new: ScoredFile, language: Language = "zh") -> dict[str, Any]:
    """What changed between two assessments of one organisation against the same edition."""
    q = new.questionnaire
    names = _Namer(q, language)
    old_items = {i.id: i for i in old.result.items}
    old_domains = {d.id: d for d in old.result.domains}
    improved: list[dict[str, Any]] = []
    regressed: list[dict[str, Any]] = []
    for criterion_id in q.criteria:
        before, after = old.answers.grade_of(criterion_id), new.answers.grade_of(criterion_id)
        if before == after:
            continue
        row = {
            "id": criterion_id,
            "item_name": names.item(criterion_id.rsplit(".", 2)[0]),
            "text": names.criterion(criterion_id),
            "before": names.grade(before),
            "after": names.grade(after),
        }
        old_value, new_value = _grade_value(old, criterion_id), _grade_value(new, criterion_id)
        # A change to or from not applicable is listed with the regressions only when the value fell.
        if (new_value or 0) > (old_value or 0):
            improved.append(row)
        elif (new_value or 0) < (old_value or 0) or after is None:
            regressed.append(row)
    return {
        "old": {
            "assessed_on": old.answers.assessed_on.isoformat() if old.answers.assessed_on else "",
            "score": old.result.overall.score,
            "level": old.result.overall.level,
            "level_name": names.level(old.result.overall.level),
        },
        "new": {
            "assessed_on": new.answers.assessed_on.isoformat() if new.answers.assessed_on else "",
            "score": new.result.overall.score,
            "level": new.result.overall.level,
            "level_name": names.level(new.result.overall.level),
        },
        "overall_delta": round(new.result.overall.score - old.result.overall.score, 2),
        "domains": [
            {
                "id": d.id,
                "name": names.domain(d.id),
                "before": old_domains[d.id].score,
                "after": d.score,
                "delta": round(d.score - old_domains[d.id].score, 2),
                "level_before": old_domains[d.id].level,
                "level_after": d.level,
            }
            for d in new.result.domains
        ],
        "items": [
            {
                "id": i.id,
                "name": names.item(i.id),
                "before": old_items[i.id].score,
                "after": i.score,
                "delta": round(i.score - old_items[i.id].score, 2),
                "level_before": old_items[i.id].level,
                "level_after": i.level,
            }
            for i in new.result.items
        ],
        "improved": improved,
        "regressed": regressed,
    }


def _id_key(dotted: str) -> tuple[int, ...]:
    return tuple(int(part) for part in dotted.split("."))


def check_comparable(old: ScoredFile, new: ScoredFile) -> list[str]:
    """Reasons two assessments cannot be compared item by item; empty when they can."""
    if old.questionnaire.id != new.questionnaire.id:
        return [f"editions differ ({old.questionnaire.id} and {new.questionnaire.id}): compare within one edition"]
    return []


def same_organisation(old: ScoredFile, new: ScoredFile) -> bool:
    a, b = old.answers.organisation, new.answers.organisation
    if a.credit_code and b.credit_code:
        return a.credit_code == b.credit_code
    return a.name == b.name
