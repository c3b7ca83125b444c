"""Admission prerequisites of a certified assessment: the dated data, an answer file's answers, and the check.

The prerequisites gate an application for a certified DCMM assessment; they are not part of the score. The
thresholds come from secondary sources that disagree between agencies and years, so every threshold carries its
sources, whether it was verified, and, where sources disagree, every value quoted and why one is applied.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal, get_args

from pydantic import Field, model_validator

from dcmm.core.text import Language, LocalizedText, StrictModel

PartyType = Literal["甲方", "乙方"]
Number = int | float  # an int stays one: 2 staff, not 2.0
PARTY_TYPES: tuple[PartyType, ...] = ("甲方", "乙方")
Status = Literal["met", "unmet", "unknown"]
# How an answer is compared with a threshold: a count or an amount at least so large, a number of issued
# policy domains, or a declaration made.
Measure = Literal["at_least", "domains", "declared"]
# How far a figure was checked: two independent sources agree on it, or one secondary source says so.
Verification = Literal["sources_agree", "unverified"]
AnswerField = Literal[
    "data_staff",
    "policy_domains",
    "tools",
    "data_volume_declared",
    "data_volume_tb",
    "years_in_operation",
    "annual_revenue_yuan",
    "headcount",
]


class PrerequisiteAnswers(StrictModel):
    """An answer file's ``prerequisites`` section: what the organisation states it has; every field optional."""

    data_staff: int | None = Field(default=None, ge=0, description="full-time data-management staff")
    policy_domains: list[str] | None = Field(
        default=None, description="ids of the domains covered by formally issued data-management policies"
    )
    tools: int | None = Field(default=None, ge=0, description="data-management tools (owned or purchased)")
    data_volume_declared: bool | None = Field(default=None, description="a declaration of data volume is made")
    data_volume_tb: float | None = Field(default=None, ge=0, description="the data volume declared, in TB")
    years_in_operation: float | None = Field(default=None, ge=0, description="years since registration")
    annual_revenue_yuan: float | None = Field(default=None, ge=0, description="last year's revenue, in yuan")
    headcount: int | None = Field(default=None, ge=0, description="employees")
    note: str = ""

    @model_validator(mode="after")
    def _domains_once(self) -> PrerequisiteAnswers:
        domains = self.policy_domains or []
        twice = sorted({d for d in domains if domains.count(d) > 1})
        if twice:
            raise ValueError(f"policy_domains names a domain twice: {', '.join(twice)}")
        return self


class Source(StrictModel):
    """Where a threshold was read: a page, and the day it was read."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    title: LocalizedText
    location: str | None = Field(default=None, description="the page (site and path); None when not recorded")
    published: str | None = Field(default=None, description="the year or date the source states, if any")
    read_on: dt.date
    how_read: LocalizedText


class QuotedValue(StrictModel):
    """One source's figure for one level."""

    source: str
    value: float
    level: int | None = Field(default=None, ge=1, le=5, description="the level it is quoted for, when not this one")


class LevelThreshold(StrictModel):
    """The threshold of one prerequisite at one level: the value applied and, when several, every value quoted."""

    level: int = Field(ge=1, le=5)
    applied: float
    quoted: list[QuotedValue] = Field(min_length=1)
    disagreement: LocalizedText | None = Field(
        default=None, description="set when sources disagree: what they say and why the applied value was chosen"
    )


class Prerequisite(StrictModel):
    """One admission prerequisite, for some party types, at every level or at the levels a source quotes."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: LocalizedText
    shown_by: LocalizedText = Field(description="what shows it in an application")
    party_types: list[PartyType] = Field(min_length=1)
    answer: AnswerField
    measure: Measure
    unit: LocalizedText | None = None
    verification: Verification = Field(description="unverified: one secondary source's figure, not checked")
    all_levels: float | None = Field(default=None, description="the threshold at every level, when it is one")
    sources: list[str] = Field(default=[], description="the sources of all_levels")
    levels: list[LevelThreshold] = Field(default=[], description="thresholds quoted per level")
    not_counted: list[str] = Field(default=[], description="domain ids that do not count (domains measure)")

    @model_validator(mode="after")
    def _one_kind_of_threshold(self) -> Prerequisite:
        if (self.all_levels is None) == (not self.levels):
            raise ValueError("give either all_levels (with its sources) or levels, not both and not neither")
        if self.all_levels is not None and not self.sources:
            raise ValueError("all_levels needs its sources")
        return self

    def threshold(self, target: int) -> LevelThreshold | None:
        """The threshold that applies at ``target``: the one of every level, else the one quoted for the highest
        level not above the target (a higher level asks at least as much); None when no source quotes one."""
        if self.all_levels is not None:
            quoted = [QuotedValue(source=source, value=self.all_levels) for source in self.sources]
            return LevelThreshold(level=target, applied=self.all_levels, quoted=quoted)
        below = [level for level in self.levels if level.level <= target]
        return max(below, key=lambda level: level.level) if below else None


class PrerequisiteCatalogue(StrictModel):
    """The bundled prerequisite data: versioned and dated, with its sources."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    data_version: str = Field(min_length=1)
    compiled_on: dt.date
    status: LocalizedText
    party_notes: dict[PartyType, LocalizedText] = {}
    sources: list[Source] = Field(min_length=1)
    prerequisites: list[Prerequisite] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> PrerequisiteCatalogue:
        known = {source.id for source in self.sources}
        ids = [p.id for p in self.prerequisites]
        if len(set(ids)) < len(ids):
            raise ValueError("a prerequisite id is given twice")
        for item in self.prerequisites:
            named = set(item.sources) | {q.source for level in item.levels for q in level.quoted}
            if named - known:
                raise ValueError(f"{item.id}: unknown source {sorted(named - known)[0]!r}")
        return self

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources if source.id == source_id)


class PrerequisiteCheck(StrictModel):
    """One prerequisite checked: met, unmet, or unknown (not answered), with its threshold and sources."""

    id: str
    name: LocalizedText
    status: Status
    measure: Measure
    threshold: Number
    threshold_level: int = Field(description="the level whose quoted threshold applies")
    every_level: bool = Field(description="the threshold is the same at every level")
    answered: bool | Number | list[str] | None
    counted: Number | None = Field(description="the number compared with the threshold")
    unit: LocalizedText | None
    shown_by: LocalizedText
    verification: Verification
    sources: list[Source]
    quoted: list[QuotedValue]
    disagreement: LocalizedText | None


class ReadinessResult(StrictModel):
    """Whether an organisation meets the admission prerequisites of its party type at a target level."""

    data_id: str
    data_version: str
    compiled_on: dt.date
    party_type: PartyType | None
    target_level: int
    checks: list[PrerequisiteCheck]
    not_quoted: list[str] = Field(description="prerequisites no source quotes a threshold for at this level")
    party_note: LocalizedText | None

    @property
    def ready(self) -> bool:
        """True when the party type is known and every prerequisite is met."""
        return self.party_type is not None and all(check.status == "met" for check in self.checks)

    def with_status(self, status: Status) -> list[PrerequisiteCheck]:
        return [check for check in self.checks if check.status == status]


def prerequisite_answer_problems(
    answers: PrerequisiteAnswers | None, domain_ids: set[str], edition: str
) -> list[tuple[tuple[str | int, ...], str]]:
    """Domain ids the section names that the edition does not have, as (field path, message) pairs."""
    return [
        (("prerequisites", "policy_domains", n), f"unknown domain id {domain!r} for {edition}")
        for n, domain in enumerate(answers.policy_domains or [] if answers else [])
        if domain not in domain_ids
    ]


def _counted(item: Prerequisite, answered: bool | Number | list[str] | None) -> Number | None:
    if answered is None:
        return None
    if item.measure == "domains":
        assert isinstance(answered, list)
        return len([d for d in answered if d not in item.not_counted])
    if item.measure == "declared":
        return 1 if answered else 0
    assert not isinstance(answered, list)
    return answered


def check_readiness(
    catalogue: PrerequisiteCatalogue,
    party_type: PartyType | None,
    target_level: int,
    answers: PrerequisiteAnswers | None,
) -> ReadinessResult:
    """Every prerequisite of ``party_type`` at ``target_level`` compared with the answers; pure."""
    given = answers or PrerequisiteAnswers()
    checks: list[PrerequisiteCheck] = []
    not_quoted: list[str] = []
    for item in catalogue.prerequisites:
        if party_type is None or party_type not in item.party_types:
            continue
        threshold = item.threshold(target_level)
        if threshold is None:
            not_quoted.append(item.id)
            continue
        answered = getattr(given, item.answer)
        counted = _counted(item, answered)
        status: Status = "unknown" if counted is None else "met" if counted >= threshold.applied else "unmet"
        used = dict.fromkeys([*item.sources, *(q.source for q in threshold.quoted)])
        checks.append(
            PrerequisiteCheck(
                id=item.id,
                name=item.name,
                status=status,
                measure=item.measure,
                threshold=whole(threshold.applied),
                threshold_level=threshold.level,
                every_level=item.all_levels is not None,
                answered=answered,
                counted=counted,
                unit=item.unit,
                shown_by=item.shown_by,
                verification=item.verification,
                sources=[catalogue.source(source_id) for source_id in used],
                quoted=threshold.quoted,
                disagreement=threshold.disagreement,
            )
        )
    return ReadinessResult(
        data_id=catalogue.id,
        data_version=catalogue.data_version,
        compiled_on=catalogue.compiled_on,
        party_type=party_type,
        target_level=target_level,
        checks=checks,
        not_quoted=not_quoted,
        party_note=catalogue.party_notes.get(party_type) if party_type else None,
    )


def whole(value: Number) -> Number:
    """A whole number as an int (a threshold of 2 people, not 2.0)."""
    return int(value) if float(value).is_integer() else value


def shown_number(value: Number) -> str:
    """A threshold or an answer as a person writes it: no ``.0`` on a whole number, thousands grouped."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,g}"


READINESS_FORMAT = "dcmm-readiness/1"


def readiness_data(result: ReadinessResult, language: Language, file: str) -> dict[str, Any]:
    """The result as the plain data of ``dcmm readiness --format json``: names in ``language``, sources once."""
    sources = {source.id: source for check in result.checks for source in check.sources}
    return {
        "format": READINESS_FORMAT,
        "file": file,
        "data": {"id": result.data_id, "version": result.data_version, "compiled_on": str(result.compiled_on)},
        "party_type": result.party_type,
        "target_level": result.target_level,
        "ready": result.ready,
        "counts": {status: len(result.with_status(status)) for status in get_args(Status)},
        "checks": [
            {
                "id": check.id,
                "name": check.name.get(language),
                "status": check.status,
                "measure": check.measure,
                "threshold": check.threshold,
                "threshold_level": check.threshold_level,
                "every_level": check.every_level,
                "unit": check.unit.get(language) if check.unit else None,
                "answered": check.answered,
                "counted": check.counted,
                "verification": check.verification,
                "sources": [source.id for source in check.sources],
                "quoted": [quoted.model_dump() | {"value": whole(quoted.value)} for quoted in check.quoted],
                "disagreement": check.disagreement.get(language) if check.disagreement else None,
                "shown_by": check.shown_by.get(language),
            }
            for check in result.checks
        ],
        "not_quoted": result.not_quoted,
        "party_note": result.party_note.get(language) if result.party_note else None,
        "sources": [
            {
                "id": source.id,
                "title": source.title.get(language),
                "location": source.location,
                "published": source.published,
                "read_on": str(source.read_on),
                "how_read": source.how_read.get(language),
            }
            for source in sources.values()
        ],
    }


__all__ = [
    "PARTY_TYPES",
    "READINESS_FORMAT",
    "LevelThreshold",
    "Prerequisite",
    "PrerequisiteAnswers",
    "PrerequisiteCatalogue",
    "PrerequisiteCheck",
    "QuotedValue",
    "ReadinessResult",
    "Source",
    "check_readiness",
    "prerequisite_answer_problems",
    "readiness_data",
    "shown_number",
    "whole",
]
