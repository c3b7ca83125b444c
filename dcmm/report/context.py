"""A scored assessment as the typed context that report templates read (no HTML, no PDF here)."""

from __future__ import annotations

from dcmm import __version__
from dcmm.assessments import ScoredFile
from dcmm.core.answers import Answer
from dcmm.core.editions.merge import RESPONDENTS_JOINED
from dcmm.core.identifiers import PROVINCE_NAMES, PROVINCE_NAMES_EN
from dcmm.core.questionnaire import NOT_APPLICABLE
from dcmm.core.scoring import GapItem
from dcmm.core.text import Language
from dcmm.files.brand import BrandInput
from dcmm.files.evidence_check import EvidenceCheck
from dcmm.files.questionnaires import questionnaire_sha256
from dcmm.report import management
from dcmm.report.comparison import check_comparable, compare_context, same_organisation
from dcmm.report.models import (
    AnswerDomain,
    AnswerItem,
    AnswerNotes,
    AnswerRecord,
    AnswersAppendix,
    Assessor,
    ClaimedCriterion,
    Completeness,
    DomainStanding,
    Edition,
    Gap,
    GradeCell,
    ItemStanding,
    LevelStanding,
    LevelText,
    Method,
    NotApplicable,
    Organisation,
    Phase,
    PhaseCriterion,
    PhaseGap,
    PhaseItem,
    ReportContext,
    RespondentSummary,
    Roadmap,
    ScaleGrade,
    TargetStanding,
    Tool,
    UnmetItem,
    Verification,
)
from dcmm.report.names import Namer, id_key, labels, tidy_cjk
from dcmm.report.plan_models import BrandMark, SignatureMark

__all__ = ["build_context", "check_comparable", "compare_context", "questionnaire_sha256", "same_organisation"]

CLAIMED_GRADES = management.CLAIMED_GRADES
_NO_ANSWER = AnswerNotes(note="", evidence=[], justification="", marked_for_review=False)


def _answer_notes(answer: Answer | None) -> AnswerNotes:
    if answer is None:
        return _NO_ANSWER
    return AnswerNotes(
        note=answer.note,
        evidence=list(answer.evidence),
        justification=answer.justification or "",
        marked_for_review=answer.marked_for_review,
    )


def _gap(gap: GapItem, names: Namer, scored: ScoredFile, in_shortest_path: bool | None = None) -> Gap:
    criterion = scored.questionnaire.criteria[gap.criterion_id]
    fields = dict(
        id=gap.criterion_id,
        item_id=gap.item_id,
        item_name=names.item(gap.item_id),
        domain_id=gap.domain_id,
        domain_name=names.domain(gap.domain_id),
        level=gap.level,
        level_name=names.level(gap.level),
        text=criterion.text.get(names.lang),
        grade=gap.grade,
        grade_name=names.grade(gap.grade),
        gain_item=gap.gain_item,
        gain_domain=gap.gain_domain,
        gain_overall=gap.gain_overall,
        evidence_hints=[hint.get(names.lang) for hint in criterion.evidence],
        fully_met_looks=criterion.rubric.fully_met.get(names.lang) if criterion.rubric else None,
        **dict(_answer_notes(scored.answers.answers.get(gap.criterion_id))),
    )
    if in_shortest_path is None:
        return Gap(**fields)
    return PhaseGap(**fields, in_shortest_path=in_shortest_path)


def _organisation(scored: ScoredFile, language: Language) -> Organisation:
    org = scored.answers.organisation
    province_names = PROVINCE_NAMES if language == "zh" else PROVINCE_NAMES_EN
    places = (province_names.get(org.province or "", ""), org.city or "")
    region = ("" if language == "zh" else " ").join(part for part in places if part)  # 山东省济南市
    return Organisation(
        name=org.name,
        credit_code=org.credit_code or "",
        region=region,
        industry=org.industry or "",
        party_type=org.party_type or "",
        fictitious=org.fictitious,
    )


def _gaps_by_item(scored: ScoredFile) -> dict[str, list[GapItem]]:
    """Each item's next-level blockers and its gaps up to the target, by level and criterion."""
    result = scored.result
    gaps_by_item: dict[str, list[GapItem]] = {}
    for scored_item in result.items:
        gaps_by_item.setdefault(scored_item.id, []).extend(scored_item.blockers)
    for gap in result.gaps:  # gaps up to the target that are not the next level's blockers
        if gap not in gaps_by_item.get(gap.item_id, []):
            gaps_by_item.setdefault(gap.item_id, []).append(gap)
    for found in gaps_by_item.values():
        found.sort(key=lambda g: (g.level, id_key(g.criterion_id)))
    return gaps_by_item


def _domains(scored: ScoredFile, names: Namer) -> list[DomainStanding]:
    q, answers, result, language = scored.questionnaire, scored.answers, scored.result, names.lang
    items_by_id = {i.id: i for i in result.items}
    gaps_by_item = _gaps_by_item(scored)
    domains = []
    for domain, domain_result in zip(q.domains, result.domains, strict=True):
        items = []
        unmet = []
        claimed = []
        for item in domain.items:
            item_result = items_by_id[item.id]
            items.append(
                ItemStanding(
                    id=item.id,
                    name=item.name.get(language),
                    score=item_result.score,
                    level=item_result.level,
                    level_name=names.level(item_result.level),
                    level_scores=item_result.level_scores,
                    counted=[level.counted for level in item_result.levels],
                    applicable=item_result.applicable,
                    next_level=item_result.next_level,
                    points_to_next=item_result.points_to_next,
                )
            )
            item_gaps = [_gap(g, names, scored) for g in gaps_by_item.get(item.id, [])]
            if item_gaps:
                unmet.append(UnmetItem(id=item.id, name=item.name.get(language), criteria=item_gaps))
            for criterion in item.criteria:
                answer = answers.answers.get(criterion.id)
                if answer and answer.grade in CLAIMED_GRADES and not any(e.strip() for e in answer.evidence):
                    claimed.append(
                        ClaimedCriterion(
                            id=criterion.id,
                            item_name=item.name.get(language),
                            text=criterion.text.get(language),
                            grade_name=names.grade(answer.grade),
                            note=answer.note,
                        )
                    )
        domains.append(
            DomainStanding(
                id=domain.id,
                name=domain.name.get(language),
                description=domain.description.get(language),
                score=domain_result.score,
                level=domain_result.level,
                level_name=names.level(domain_result.level),
                items=items,
                unmet=unmet,
                claimed_without_evidence=claimed,
            )
        )
    return domains


def _roadmap(scored: ScoredFile, names: Namer) -> Roadmap:
    roadmap = scored.result.roadmap
    shortest = set(roadmap.shortest_path)
    return Roadmap(
        target_level=roadmap.target_level,
        target_met=roadmap.target_met,
        points_to_target=roadmap.points_to_target,
        shortest_path_count=len(roadmap.shortest_path),
        phases=[
            Phase(
                phase=phase.phase,
                level=phase.level,
                level_name=names.level(phase.level),
                time_frame=management.time_frame(phase.phase, labels(names.lang)),
                overall_after=phase.overall_after,
                gaps=[_gap(g, names, scored, g.criterion_id in shortest) for g in phase.gaps],
                by_item=_by_item(phase.gaps, names, shortest),
            )
            for phase in roadmap.phases
        ],
    )


def _brand(found: BrandInput | None) -> BrandMark | None:
    if found is None:
        return None
    brand, signature = found.brand, found.brand.signature
    return BrandMark(
        name=brand.name,
        logo=found.logo,
        logo_type=found.logo_type,
        primary=brand.primary,
        accent=brand.accent,
        contact=list(brand.contact),
        signature=None
        if signature is None
        else SignatureMark(
            signatory=signature.signatory,
            title=signature.title,
            date=signature.date.isoformat() if signature.date else "",
        ),
    )


def build_context(
    scored: ScoredFile,
    language: Language = "zh",
    previous: ScoredFile | None = None,
    brand: BrandInput | None = None,
    evidence: EvidenceCheck | None = None,
) -> ReportContext:
    """Everything the report shows: names resolved, numbers unformatted. ``brand`` is the consultancy issuing
    it; ``evidence`` what a check of the evidence folder found of the files the answers cite."""
    q, answers, result = scored.questionnaire, scored.answers, scored.result
    names = Namer(q, language)
    roadmap, completeness = result.roadmap, result.completeness
    domains = _domains(scored, names)
    plan = _roadmap(scored, names)
    target = TargetStanding(
        level=roadmap.target_level,
        level_name=names.level(roadmap.target_level),
        met=roadmap.target_met,
        points_to_target=roadmap.points_to_target,
    )
    evidence_rows = management.evidence_rows(scored, names, evidence)
    return ReportContext(
        lang=language,
        t=labels(language),
        tool=Tool(name="dcmm", version=__version__),
        organisation=_organisation(scored, language),
        assessors=[Assessor(name=a.name, role=a.role or "") for a in answers.assessors],
        assessed_on=answers.assessed_on.isoformat() if answers.assessed_on else "",
        edition=Edition(
            id=q.id,
            standard=q.meta.standard,
            title=q.meta.title.get(language),
            data_version=q.meta.data_version,
            provenance=tidy_cjk(q.meta.provenance.get(language)),
            provisional=list(q.meta.provisional),
        ),
        overall=LevelStanding(
            score=result.overall.score, level=result.overall.level, level_name=names.level(result.overall.level)
        ),
        target=target,
        completeness=Completeness(
            total=completeness.total,
            answered=completeness.answered,
            unanswered=completeness.unanswered,
            not_applicable=completeness.not_applicable,
            percent=completeness.percent,
            review=len(completeness.marked_for_review_ids),
        ),
        levels=[
            LevelText(level=d.level, name=d.name.get(language), description=d.description.get(language))
            for d in q.meta.levels
        ],
        executive=management.executive(domains, plan, target),
        domains=domains,
        roadmap=plan,
        readiness=management.readiness(scored, names, evidence_rows, evidence),
        evidence=evidence_rows,
        answers=_answers_appendix(scored, names),
        method=_method(scored, names),
        verification=Verification(
            questionnaire_sha256=questionnaire_sha256(q), answers_sha256=scored.sha256, answers_file=scored.path.name
        ),
        comparison=compare_context(previous, scored, language) if previous is not None else None,
        brand=_brand(brand),
    )


def _by_item(gaps: list[GapItem], names: Namer, shortest: set[str]) -> list[PhaseItem]:
    """A phase's criteria grouped by item, the item of largest total gain first."""
    gains: dict[str, float] = {}
    criteria: dict[str, list[PhaseCriterion]] = {}
    for g in gaps:
        gains[g.item_id] = round(gains.get(g.item_id, 0.0) + g.gain_overall, 4)
        criteria.setdefault(g.item_id, []).append(
            PhaseCriterion(
                id=g.criterion_id,
                text=names.criterion(g.criterion_id),
                grade=g.grade,
                grade_name=names.grade(g.grade),
                in_shortest_path=g.criterion_id in shortest,
            )
        )
    groups = [
        PhaseItem(id=item_id, name=names.item(item_id), gain_overall=gains[item_id], criteria=found)
        for item_id, found in criteria.items()
    ]
    return sorted(groups, key=lambda group: (-group.gain_overall, id_key(group.id)))


def _answers_appendix(scored: ScoredFile, names: Namer) -> AnswersAppendix:
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
                    grade_name = names.grade(grade)
                    cells.append(GradeCell(id=c.id, n=c.id.rsplit(".", 1)[1], grade=grade, grade_name=grade_name))
                    notes = _answer_notes(given.get(c.id))
                    who = given[c.id].respondent or "" if c.id in given else ""
                    if notes.note or notes.evidence or notes.justification or notes.marked_for_review or who:
                        records.append(
                            AnswerRecord(id=c.id, grade=grade, grade_name=grade_name, respondent=who, **dict(notes))
                        )
                levels.append(cells)
            items.append(AnswerItem(id=item.id, name=item.name.get(names.lang), levels=levels))
        domains.append(AnswerDomain(id=domain.id, name=domain.name.get(names.lang), items=items))
    return AnswersAppendix(domains=domains, records=records, respondents=_respondents(scored, names))


def _respondents(scored: ScoredFile, names: Namer) -> list[RespondentSummary]:
    """Who answered: the respondents section's respondents, then any other respondent the answers name."""
    q, answers = scored.questionnaire, scored.answers
    given: dict[str, int] = {}
    for answer in answers.answers.values():
        for name in (answer.respondent or "").split(RESPONDENTS_JOINED) if answer.grade is not None else []:
            given[name] = given.get(name, 0) + 1
    summaries = []
    for a in answers.respondents or []:
        parts = [*(f"{d} {names.domain(d)}" for d in a.domains if d in q.domain_by_id), *a.items]
        summaries.append(RespondentSummary(name=a.respondent, contact=a.contact or "", parts="; ".join(parts),
                                           answered=given.pop(a.respondent, 0)))  # fmt: skip
    summaries += [RespondentSummary(name=n, contact="", parts="", answered=count) for n, count in given.items() if n]
    return summaries


def _method(scored: ScoredFile, names: Namer) -> Method:
    q, result = scored.questionnaire, scored.result
    rules = result.rules
    given = scored.answers.answers
    return Method(
        rules_name=rules.name,
        rules_description=rules.description,
        gated=rules.gated,
        gate_threshold=rules.gate_threshold,
        scale=[
            ScaleGrade(name=g.name.get(names.lang), value=g.value, not_applicable=g.id == NOT_APPLICABLE)
            for g in q.meta.scale
        ],
        not_applicable=[
            NotApplicable(id=c, text=names.criterion(c), justification=given[c].justification or "")
            for c in result.completeness.not_applicable_ids
        ],
        unanswered=list(result.completeness.unanswered_ids),
        marked_for_review=list(result.completeness.marked_for_review_ids),
    )
