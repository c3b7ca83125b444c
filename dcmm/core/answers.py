"""The answer file: who was assessed, against which edition, and the grade of every criterion."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import operator
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from dcmm.core.evidence import EVIDENCE_NEEDS_1_2, FORMAT_VERSION_EVIDENCE, Evidence, uses_structured_evidence
from dcmm.core.grades import Grade, grade_schema, not_applicable_schema, spellings_pattern
from dcmm.core.identifiers import normalize_credit_code, province_code
from dcmm.core.plan import Assignment
from dcmm.core.prerequisites import PrerequisiteAnswers, prerequisite_answer_problems
from dcmm.core.questionnaire import GRADE_IDS, Questionnaire
from dcmm.core.text import StrictModel

FORMAT_VERSION: Final = "1.0"
# 1.1 adds who answered: the respondents section (domains and items per respondent) and an answer's respondent.
# A file that uses neither is still written as 1.0, so that older versions of dcmm read it.
FORMAT_VERSION_RESPONDENTS: Final = "1.1"
# 1.3 adds the content version of the edition the answers were given against (content_version).
FORMAT_VERSION_CONTENT: Final = "1.3"
RESPONDENTS_NEED_1_1 = "respondents_need_1_1"  # error type
# The answer-file schema ships inside the package under this name, which is also its $id: a relative
# reference, so it resolves to the schema placed beside the answer file (dcmm schema -o ...) or to
# wherever an editor's schema mapping points that name.
ANSWER_FILE_SCHEMA_ID: Final = "answer-file.schema.json"
NA_WITHOUT_JUSTIFICATION = "na_without_justification"  # error type; the loader reports it per criterion


_PARTY_ALIASES = {
    "甲方": "甲方",
    "data_owner": "甲方",
    "乙方": "乙方",
    "solution_provider": "乙方",
}


def _party_type(value: Any) -> Any:
    if isinstance(value, str):
        party = _PARTY_ALIASES.get(value.strip())
        if party is None:
            raise ValueError(f"{value!r} is not a party type: expected 甲方 (data_owner) or 乙方 (solution_provider)")
        return party
    return value


def _credit_code(value: str) -> str:
    return normalize_credit_code(value)


def _province(value: str) -> str:
    return province_code(value)


CreditCode = Annotated[str, AfterValidator(_credit_code)]
ProvinceCode = Annotated[str, AfterValidator(_province)]
QuickScanLevel = Annotated[int, Field(ge=1, le=5)]
PartyType = Annotated[
    Literal["甲方", "乙方"],
    BeforeValidator(_party_type),
    WithJsonSchema({"type": "string", "pattern": spellings_pattern(list(_PARTY_ALIASES), ignore_case=False)}),
]


class Organisation(StrictModel):
    """The assessed organisation."""

    name: str = Field(min_length=1)
    credit_code: CreditCode | None = Field(default=None, description="统一社会信用代码 (GB 32100)")
    province: ProvinceCode | None = Field(default=None, description="GB/T 2260 code; names are accepted")
    city: str | None = None
    industry: str | None = None
    party_type: PartyType | None = Field(default=None, description="甲方 data owner or 乙方 solution provider")
    fictitious: bool = Field(default=False, description="true for made-up example organisations")


class Assessor(StrictModel):
    """A person who answered or reviewed the assessment."""

    name: str = Field(min_length=1)
    role: str | None = Field(default=None, description="role or department")
    email: str | None = None
    phone: str | None = Field(default=None, description="telephone, for questions about the answers")


_NA_NEEDS_JUSTIFICATION_SCHEMA: JsonDict = {
    "if": {"properties": {"grade": not_applicable_schema()}, "required": ["grade"]},
    "then": {"required": ["justification"], "properties": {"justification": {"type": "string", "pattern": r"\S"}}},
}


# A slotted pydantic dataclass rather than a model: it validates and builds several times faster,
# which matters for hundreds of answers per file. ``model_copy`` and ``model_dump`` keep the
# interface of the other models. The N/A justification is checked once per file by AnswerFile.
@dataclass(frozen=True, slots=True, config=ConfigDict(extra="forbid", json_schema_extra=_NA_NEEDS_JUSTIFICATION_SCHEMA))
class Answer:
    """The answer to one criterion: a grade, a note, evidence references; not applicable needs a justification."""

    grade: Annotated[Grade, WithJsonSchema(grade_schema())] | None = None
    note: str = ""
    evidence: list[Evidence] = dataclasses.field(default_factory=list)  # texts; format 1.2 also objects
    marked_for_review: bool = False
    justification: str | None = None
    respondent: str | None = None  # format 1.1: the department or person who gave this answer

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Answer:
        return dataclasses.replace(self, **(update or {}))

    def model_dump(self, mode: str = "python") -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if mode == "json" and self.grade is not None:
            data["grade"] = self.grade.value
        return data


_grade_of_answer = operator.attrgetter("grade")


class AnswerFile(StrictModel):
    """A self-assessment of one organisation against one edition of the standard."""

    schema_: str | None = Field(
        default=None,
        alias="$schema",
        description=f"the JSON Schema this file follows, for editors: {ANSWER_FILE_SCHEMA_ID}",
    )
    format_version: Literal["1.0", "1.1", "1.2", "1.3"] = FORMAT_VERSION
    edition: str = Field(pattern=r"^[a-z0-9-]+$")
    content_version: str | None = Field(
        default=None,
        pattern=r"^\d+\.\d+\.\d+$",
        description="format 1.3: the content version of the edition the answers were given against; "
        "a file without one is read as the edition's first content version",
    )
    organisation: Organisation
    assessors: list[Assessor] = []
    assessed_on: dt.date | None = None
    target_level: int = Field(default=3, ge=1, le=5)
    respondents: list[Assignment] | None = Field(
        default=None,
        description="format 1.1: who answers which domains and items (a department or a person each; dcmm plan)",
    )
    answers: dict[str, Answer] = {}
    quick_scan: dict[str, QuickScanLevel | None] | None = Field(
        default=None,
        description="quick scan only: per item id, the level (1-5) whose statement fits best, null if not chosen; "
        "a quick-scan file has no criterion answers and its score is an estimate",
    )
    prerequisites: PrerequisiteAnswers | None = Field(
        default=None,
        description="what the organisation states for the admission prerequisites of a certified assessment "
        "(dcmm readiness); every field optional",
    )

    # Only keys are worth caching: hundreds of answers repeat the same few keys, while their notes
    # and evidence are mostly distinct, and hashing them for the cache costs more than it saves.
    model_config = StrictModel.model_config | {"populate_by_name": True, "cache_strings": "keys"}

    @field_validator("answers")
    @classmethod
    def _na_needs_justification(cls, answers: dict[str, Answer]) -> dict[str, Answer]:
        not_applicable = Grade.NOT_APPLICABLE
        # Most files have few or no N/A answers: a C-level scan of the grades first, the detail only when needed.
        if not_applicable not in map(_grade_of_answer, answers.values()):
            return answers
        missing = [
            cid for cid, a in answers.items() if a.grade is not_applicable and not (a.justification or "").strip()
        ]
        if missing:
            raise PydanticCustomError(
                NA_WITHOUT_JUSTIFICATION,
                "grade not_applicable requires a justification: {ids}",
                {"ids": ", ".join(missing), "criteria": missing},
            )
        return answers

    @model_validator(mode="after")
    def _respondents_need_format_1_1(self) -> AnswerFile:
        # Only a version the file states is held to: a model built in code gets its version when written.
        if (
            self.format_version == FORMAT_VERSION
            and "format_version" in self.model_fields_set
            and self.uses_respondents()
        ):
            raise PydanticCustomError(
                RESPONDENTS_NEED_1_1,
                'format_version 1.0 has no respondents section and no respondent per answer: write "1.1"',
            )
        if (
            self.format_version < FORMAT_VERSION_EVIDENCE
            and "format_version" in self.model_fields_set
            and self.uses_structured_evidence()
        ):
            raise PydanticCustomError(
                EVIDENCE_NEEDS_1_2,
                'format_version {found} has no structured evidence references (objects): write "1.2"',
                {"found": self.format_version},
            )
        if self.content_version and "format_version" in self.model_fields_set and self.format_version < "1.3":
            raise PydanticCustomError(
                "content_version_needs_1_3",
                'format_version {found} has no content_version: write "1.3"',
                {"found": self.format_version},
            )
        names = [assignment.respondent for assignment in self.respondents or []]
        if len(set(names)) < len(names):
            twice = sorted({name for name in names if names.count(name) > 1})
            raise PydanticCustomError(
                "respondent_twice", "respondents named twice: {names}", {"names": ", ".join(twice)}
            )
        return self

    def uses_respondents(self) -> bool:
        """Whether the file records who answers what (format 1.1)."""
        return bool(self.respondents) or any(answer.respondent for answer in self.answers.values())

    def uses_structured_evidence(self) -> bool:
        """Whether any answer's evidence holds a structured reference (format 1.2)."""
        return uses_structured_evidence(answer.evidence for answer in self.answers.values())

    def grade_of(self, criterion_id: str) -> str | None:
        answer = self.answers.get(criterion_id)
        return None if answer is None else answer.grade


def answer_problems(answers: AnswerFile, questionnaire: Questionnaire) -> list[tuple[tuple[str | int, ...], str]]:
    """Problems that need the questionnaire to see: wrong edition and unknown criterion ids.

    Returns (field path, message) pairs, empty when the file fits the questionnaire.
    """
    if answers.edition != questionnaire.id:
        return [
            (
                ("edition",),
                f"edition {answers.edition!r} is not this questionnaire's ({questionnaire.id})",
            )
        ]
    known = questionnaire.criteria
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if not answers.answers.keys() <= known.keys():  # a set comparison first: most files have no stray ids
        problems = [
            (
                ("answers", criterion_id),
                f"unknown criterion id {criterion_id!r} for {questionnaire.id}",
            )
            for criterion_id in answers.answers
            if criterion_id not in known
        ]
    if answers.quick_scan is not None:
        problems += [
            (("quick_scan", item_id), f"unknown item id {item_id!r} for {questionnaire.id}")
            for item_id in answers.quick_scan
            if item_id not in questionnaire.item_by_id
        ]
        if any(answer.grade is not None for answer in answers.answers.values()):
            problems.append((("answers",), "a quick-scan file carries no criterion grades: keep answers empty"))
    domain_ids = {domain.id for domain in questionnaire.domains}
    for index, assignment in enumerate(answers.respondents or []):
        problems += [
            (("respondents", index, "domains", n), f"unknown domain id {domain!r} for {questionnaire.id}")
            for n, domain in enumerate(assignment.domains)
            if domain not in domain_ids
        ]
        problems += [
            (("respondents", index, "items", n), f"unknown item id {item!r} for {questionnaire.id}")
            for n, item in enumerate(assignment.items)
            if item not in questionnaire.item_by_id
        ]
    problems += prerequisite_answer_problems(answers.prerequisites, domain_ids, questionnaire.id)
    return problems


def answer_file_data(answer_file: AnswerFile) -> dict[str, Any]:
    """An answer file as the plain data written to disk, the one form every writer of answer files uses.

    The format version is the oldest that holds the content (1.1 when respondents are recorded, 1.2 when an
    evidence reference is structured), and
    the optional keys a file does not use are left out, as in files written by hand."""
    data = answer_file.model_dump(mode="json", by_alias=True)
    uses_respondents = answer_file.uses_respondents()
    data["format_version"] = (
        FORMAT_VERSION_CONTENT
        if answer_file.content_version
        else FORMAT_VERSION_EVIDENCE
        if answer_file.uses_structured_evidence()
        else FORMAT_VERSION_RESPONDENTS
        if uses_respondents
        else FORMAT_VERSION
    )
    for optional in ("$schema", "quick_scan", "respondents", "content_version"):
        if data.get(optional) is None:
            data.pop(optional, None)
    if data.get("prerequisites") is None:
        data.pop("prerequisites", None)
    for answer in data["answers"].values():
        if answer.get("respondent") is None:
            answer.pop("respondent", None)
    if data.get("respondents"):
        for assignment in data["respondents"]:
            for empty in [key for key, value in assignment.items() if value in (None, [])]:
                del assignment[empty]
    return data


def answer_file_json(answer_file: AnswerFile) -> str:
    """:func:`answer_file_data` as the JSON text of an answer file (UTF-8 text, two-space indent, final newline)."""
    return json.dumps(answer_file_data(answer_file), ensure_ascii=False, indent=2) + "\n"


def blank_answer_file(questionnaire: Questionnaire, organisation_name: str = "") -> dict[str, Any]:
    """A blank answer file as a plain dict, every criterion present and unanswered."""
    return {
        "$schema": ANSWER_FILE_SCHEMA_ID,
        "format_version": FORMAT_VERSION_CONTENT,
        "edition": questionnaire.id,
        "content_version": questionnaire.meta.data_version,
        "organisation": {
            "name": organisation_name or "",
            "credit_code": None,
            "province": None,
            "city": None,
            "industry": None,
            "party_type": None,
        },
        "assessors": [],
        "assessed_on": None,
        "target_level": 3,
        "answers": {
            criterion_id: {
                "grade": None,
                "note": "",
                "evidence": [],
                "marked_for_review": False,
                "justification": None,
            }
            for criterion_id in questionnaire.criteria
        },
    }


__all__ = [
    "ANSWER_FILE_SCHEMA_ID",
    "FORMAT_VERSION",
    "FORMAT_VERSION_CONTENT",
    "FORMAT_VERSION_RESPONDENTS",
    "GRADE_IDS",
    "Answer",
    "AnswerFile",
    "Assessor",
    "Grade",
    "Organisation",
    "answer_file_data",
    "answer_file_json",
    "answer_problems",
    "blank_answer_file",
]
