"""The typed contexts that report templates read: names resolved, numbers unformatted, no HTML."""

from __future__ import annotations

from pydantic import Field

from dcmm.core.text import Language, StrictModel
from dcmm.report.plan_models import BrandMark, EvidenceRow, Executive, Readiness


class Tool(StrictModel):
    name: str
    version: str


class Organisation(StrictModel):
    name: str
    credit_code: str
    region: str
    industry: str
    party_type: str
    fictitious: bool


class Assessor(StrictModel):
    name: str
    role: str


class Edition(StrictModel):
    id: str
    standard: str
    title: str
    data_version: str
    provenance: str
    provisional: list[str]


class LevelStanding(StrictModel):
    score: float
    level: int
    level_name: str


class TargetStanding(StrictModel):
    level: int
    level_name: str
    met: bool
    points_to_target: float


class Completeness(StrictModel):
    total: int
    answered: int
    unanswered: int
    not_applicable: int
    percent: float
    review: int


class LevelText(StrictModel):
    level: int
    name: str
    description: str


class AnswerNotes(StrictModel):
    note: str
    evidence: list[str]
    justification: str
    marked_for_review: bool


class Gap(AnswerNotes):
    """A criterion short of fully met, with what raising it gains."""

    id: str
    item_id: str
    item_name: str
    domain_id: str
    domain_name: str
    level: int
    level_name: str
    text: str
    grade: str | None
    grade_name: str
    gain_item: float
    gain_domain: float
    gain_overall: float
    evidence_hints: list[str]
    fully_met_looks: str | None = None  # the rubric's fully met: what it takes to close the gap


class PhaseGap(Gap):
    in_shortest_path: bool


class ItemStanding(StrictModel):
    id: str
    name: str
    score: float
    level: int
    level_name: str
    level_scores: list[float]
    counted: list[bool]
    applicable: bool
    next_level: int | None
    points_to_next: float | None


class UnmetItem(StrictModel):
    id: str
    name: str
    criteria: list[Gap]


class ClaimedCriterion(StrictModel):
    id: str
    item_name: str
    text: str
    grade_name: str
    note: str


class DomainStanding(StrictModel):
    id: str
    name: str
    description: str
    score: float
    level: int
    level_name: str
    items: list[ItemStanding]
    unmet: list[UnmetItem]
    claimed_without_evidence: list[ClaimedCriterion]


class PhaseCriterion(StrictModel):
    id: str
    text: str
    grade: str | None
    grade_name: str
    in_shortest_path: bool


class PhaseItem(StrictModel):
    id: str
    name: str
    gain_overall: float
    criteria: list[PhaseCriterion]


class Phase(StrictModel):
    phase: int
    level: int
    level_name: str
    time_frame: str  # suggested, for the plan to confirm
    overall_after: float
    gaps: list[PhaseGap]
    by_item: list[PhaseItem]


class Roadmap(StrictModel):
    target_level: int
    target_met: bool
    points_to_target: float
    shortest_path_count: int
    phases: list[Phase]


class GradeCell(StrictModel):
    id: str
    n: str
    grade: str | None
    grade_name: str


class AnswerItem(StrictModel):
    id: str
    name: str
    levels: list[list[GradeCell]]


class AnswerDomain(StrictModel):
    id: str
    name: str
    items: list[AnswerItem]


class AnswerRecord(AnswerNotes):
    id: str
    grade: str | None
    grade_name: str
    respondent: str = ""  # who gave the answer (answer files of format 1.1)


class RespondentSummary(StrictModel):
    """One respondent of the assessment: what the plan gave it, and how many answers it gave."""

    name: str
    contact: str
    parts: str  # the domains and items assigned, as 6 数据战略; 8.2 …
    answered: int


class AnswersAppendix(StrictModel):
    domains: list[AnswerDomain]
    records: list[AnswerRecord]
    respondents: list[RespondentSummary] = []  # empty unless the answer file records who answered


class ScaleGrade(StrictModel):
    name: str
    value: float | None
    not_applicable: bool


class NotApplicable(StrictModel):
    id: str
    text: str
    justification: str


class Method(StrictModel):
    rules_name: str
    rules_description: str
    gated: bool
    gate_threshold: float
    scale: list[ScaleGrade]
    not_applicable: list[NotApplicable]
    unanswered: list[str]
    marked_for_review: list[str]


class Verification(StrictModel):
    questionnaire_sha256: str
    answers_sha256: str
    answers_file: str


class Snapshot(StrictModel):
    assessed_on: str
    score: float
    level: int
    level_name: str


class ScoreChange(StrictModel):
    id: str
    name: str
    before: float
    after: float
    delta: float
    level_before: int
    level_after: int


class GradeChange(StrictModel):
    id: str
    item_name: str
    text: str
    before: str
    after: str


class NamedPart(StrictModel):
    """A domain or item of one edition, by id and name (with its score where one applies)."""

    id: str
    name: str
    score: float | None = None
    level: int | None = None


class EditionBridge(StrictModel):
    """How an older edition's assessment was set beside a newer one's: through the crosswalk."""

    source_edition: str
    target_edition: str
    original: Snapshot = Field(description="the older assessment under its own edition")
    sources: dict[str, list[NamedPart]] = Field(description="newer domain id: the older domains feeding it")
    item_sources: dict[str, list[str]] = Field(description="newer item id: the older items mapped onto it")
    new_domains: list[NamedPart] = Field(description="domains of the newer edition no older item maps into")
    new_items: list[NamedPart] = Field(description="items of the newer edition no older item maps onto")
    dropped_items: list[NamedPart] = Field(description="items of the older edition with no successor")
    criteria_not_carried: int = Field(description="older criteria answered but with no counterpart")
    criteria_without_predecessor: int = Field(description="newer criteria that nothing was carried into")


class Comparison(StrictModel):
    """What changed between two assessments of one organisation: against one edition, or across two through
    the crosswalk (``crosswalk`` set; ``old`` is then the older answers carried into the newer edition)."""

    old: Snapshot
    new: Snapshot
    overall_delta: float
    domains: list[ScoreChange]
    items: list[ScoreChange]
    improved: list[GradeChange]
    regressed: list[GradeChange]
    crosswalk: EditionBridge | None = None


class ReportContext(StrictModel):
    """Everything one organisation's gap report shows."""

    lang: Language
    t: dict[str, str]
    tool: Tool
    organisation: Organisation
    assessors: list[Assessor]
    assessed_on: str
    edition: Edition
    overall: LevelStanding
    target: TargetStanding
    completeness: Completeness
    levels: list[LevelText]
    executive: Executive
    domains: list[DomainStanding]
    roadmap: Roadmap
    readiness: Readiness
    evidence: list[EvidenceRow]  # every evidence reference, by criterion
    answers: AnswersAppendix
    method: Method
    verification: Verification
    comparison: Comparison | None
    brand: BrandMark | None = None
