"""The questionnaire model: an edition's domains, items, levels, criteria and rating scale."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Literal

from pydantic import Field, field_validator, model_validator

from dcmm.core.base import StrictModel
from dcmm.core.text import LocalizedText

GradeId = Literal["fully_met", "mostly_met", "partly_met", "not_met", "not_applicable"]
GRADE_IDS: tuple[GradeId, ...] = (
    "fully_met",
    "mostly_met",
    "partly_met",
    "not_met",
    "not_applicable",
)
NOT_APPLICABLE: GradeId = "not_applicable"
LEVELS = (1, 2, 3, 4, 5)

_DOMAIN_ID = re.compile(r"^[1-9]\d*$")
_ITEM_ID = re.compile(r"^[1-9]\d*\.[1-9]\d*$")
_CRITERION_ID = re.compile(r"^[1-9]\d*\.[1-9]\d*\.[1-5]\.[1-9]\d*$")


Dimension = Literal["organisation", "policy", "process", "technology"]
DIMENSIONS: tuple[Dimension, ...] = ("organisation", "policy", "process", "technology")
Party = Literal["甲方", "乙方"]


class Rubric(StrictModel):
    """What each grade above not met looks like for one criterion, as facts an assessor can observe."""

    fully_met: LocalizedText
    mostly_met: LocalizedText
    partly_met: LocalizedText

    def for_grade(self, grade_id: str) -> LocalizedText | None:
        return getattr(self, grade_id, None) if grade_id in ("fully_met", "mostly_met", "partly_met") else None


class Interview(StrictModel):
    """Whom an assessor would interview about an item, and what they would ask."""

    roles: list[LocalizedText] = Field(min_length=1)
    questions: list[LocalizedText] = Field(min_length=1)


class Criterion(StrictModel):
    """One rated statement (条款) of an item at one level: one checkable requirement."""

    id: str
    text: LocalizedText
    dimension: Dimension | None = Field(default=None, description="组织 / 制度 / 流程 / 技术")
    parties: list[Party] | None = Field(
        default=None, min_length=1, description="the party types it applies to, where it does not apply to both"
    )
    rubric: Rubric | None = None
    evidence: list[LocalizedText] = Field(min_length=1)

    def applies_to(self, party: str | None) -> bool:
        return self.parties is None or party is None or party in self.parties

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _CRITERION_ID.match(value):
            raise ValueError(f"criterion id {value!r} must look like 6.1.3.2 (item, level, number)")
        return value


class Level(StrictModel):
    """The criteria an item expects at one maturity level."""

    level: int = Field(ge=1, le=5)
    summary: LocalizedText
    criteria: list[Criterion] = Field(min_length=1)

    @model_validator(mode="after")
    def _criteria_belong_here(self) -> Level:
        for criterion in self.criteria:
            if criterion.id.split(".")[2] != str(self.level):
                raise ValueError(f"criterion {criterion.id} is numbered for another level than {self.level}")
        return self


class Item(StrictModel):
    """A capability item (能力项) with its five levels."""

    id: str
    name: LocalizedText
    description: LocalizedText
    interview: Interview | None = None
    levels: list[Level]

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _ITEM_ID.match(value):
            raise ValueError(f"item id {value!r} must look like 6.1 (domain, number)")
        return value

    @model_validator(mode="after")
    def _five_levels(self) -> Item:
        found = [level.level for level in self.levels]
        if found != list(LEVELS):
            raise ValueError(f"item {self.id} must have levels 1 to 5 in order, found {found}")
        for level in self.levels:
            for criterion in level.criteria:
                if not criterion.id.startswith(self.id + "."):
                    raise ValueError(f"criterion {criterion.id} does not belong to item {self.id}")
        return self

    @property
    def criteria(self) -> list[Criterion]:
        return [c for level in self.levels for c in level.criteria]


class Domain(StrictModel):
    """A capability domain (能力域)."""

    id: str
    name: LocalizedText
    description: LocalizedText
    items: list[Item] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _DOMAIN_ID.match(value):
            raise ValueError(f"domain id {value!r} must be a clause number such as 6")
        return value

    @model_validator(mode="after")
    def _items_belong_here(self) -> Domain:
        for item in self.items:
            if item.id.split(".")[0] != self.id:
                raise ValueError(f"item {item.id} does not belong to domain {self.id}")
        return self


class LevelDefinition(StrictModel):
    """What one of the five maturity levels means."""

    level: int = Field(ge=1, le=5)
    name: LocalizedText
    short: LocalizedText | None = Field(default=None, description="a short form of the name, for key bars")
    description: LocalizedText

    @property
    def short_name(self) -> LocalizedText:
        return self.short or self.name


class GradeOption(StrictModel):
    """One grade of the rating scale and its numeric value (None for not applicable)."""

    id: GradeId
    value: float | None = Field(default=None, ge=0, le=1)
    name: LocalizedText
    short: LocalizedText | None = Field(default=None, description="a short form of the name, for keys and badges")

    @property
    def short_name(self) -> LocalizedText:
        return self.short or self.name

    @model_validator(mode="after")
    def _value_fits(self) -> GradeOption:
        if (self.id == NOT_APPLICABLE) != (self.value is None):
            raise ValueError("only not_applicable has no value, and it must have none")
        if self.value is not None and abs(self.value * 100 - round(self.value * 100)) > 1e-9:
            raise ValueError(f"grade value {self.value} must have at most two decimals")
        return self

    @property
    def hundredths(self) -> int | None:
        return None if self.value is None else round(self.value * 100)


class EditionMeta(StrictModel):
    """The contents of ``edition.yaml`` before its domain files are read."""

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    data_version: str
    standard: str
    title: LocalizedText
    issued: dt.date
    in_force: dt.date
    provenance: LocalizedText
    provisional: list[str] = []
    levels: list[LevelDefinition]
    scale: list[GradeOption]
    domains: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _levels_and_scale(self) -> EditionMeta:
        if [d.level for d in self.levels] != list(LEVELS):
            raise ValueError("levels must define 1 to 5 in order")
        ids = [g.id for g in self.scale]
        if sorted(ids) != sorted(GRADE_IDS):
            raise ValueError(f"scale must define each of {', '.join(GRADE_IDS)} once, found {ids}")
        return self


class Questionnaire(StrictModel):
    """A whole edition: metadata plus its domains in clause order, with ids checked across files."""

    meta: EditionMeta
    domains: list[Domain]

    @model_validator(mode="after")
    def _unique_ids(self) -> Questionnaire:
        seen: set[str] = set()
        for domain in self.domains:
            ids = [domain.id, *(i.id for i in domain.items), *(c.id for i in domain.items for c in i.criteria)]
            for thing_id in ids:
                if thing_id in seen:
                    raise ValueError(f"id {thing_id} is used twice")
                seen.add(thing_id)
        unknown = [p for p in self.meta.provisional if p not in seen]
        if unknown:
            raise ValueError(f"provisional names unknown ids: {', '.join(unknown)}")
        return self

    @property
    def id(self) -> str:
        return self.meta.id

    @cached_property
    def items(self) -> list[Item]:
        return [item for domain in self.domains for item in domain.items]

    @cached_property
    def criteria(self) -> dict[str, Criterion]:
        return {c.id: c for item in self.items for c in item.criteria}

    @cached_property
    def criterion_slots(self) -> list[tuple[str, int]]:
        """Every criterion id with its slot ``item_index * 5 + level - 1``, in questionnaire order."""
        return [
            (criterion.id, index * 5 + level.level - 1)
            for index, item in enumerate(self.items)
            for level in item.levels
            for criterion in level.criteria
        ]

    @cached_property
    def criterion_position(self) -> dict[str, int]:
        """Criterion id to its place in clause order (domain, item, level, number)."""
        return {criterion_id: n for n, (criterion_id, _slot) in enumerate(self.criterion_slots)}

    @cached_property
    def item_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    @cached_property
    def domain_by_id(self) -> dict[str, Domain]:
        return {domain.id: domain for domain in self.domains}

    @cached_property
    def grade_values(self) -> dict[str, int | None]:
        """Grade id to value in hundredths (exact integer arithmetic for scores)."""
        return {g.id: g.hundredths for g in self.meta.scale}

    def grade(self, grade_id: str) -> GradeOption:
        return next(g for g in self.meta.scale if g.id == grade_id)

    def level_definition(self, level: int) -> LevelDefinition:
        return self.meta.levels[level - 1]
