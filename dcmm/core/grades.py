"""The grades of an answer, by id, and every other way an answer file may write them (names, numbers)."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic.config import JsonDict, JsonValue


# A StrEnum rather than a Literal so that pydantic checks the ids without calling Python, and only
# an unknown value reaches ``_missing_``: an answer file holds hundreds of grades.
class Grade(StrEnum):
    """A grade of the rating scale, by id. Chinese names and the default numeric values are accepted too."""

    FULLY_MET = "fully_met"
    MOSTLY_MET = "mostly_met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"

    @classmethod
    def _missing_(cls, value: object) -> Grade | None:
        grade = None
        if isinstance(value, str):
            grade = _GRADE_ALIASES.get(value.strip().lower())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            try:
                grade = _GRADE_ALIASES.get(float(value))
            except OverflowError:  # an integer too large for a float is no grade either
                grade = None
        return None if grade is None else cls(grade)


# Grades may also be written as the scale's Chinese names or its default numeric values.
_GRADE_ALIASES: dict[str | float, str] = {
    "完全满足": "fully_met",
    "大部分满足": "mostly_met",
    "一般满足": "partly_met",
    "不满足": "not_met",
    "不适用": "not_applicable",
    "n/a": "not_applicable",
    "na": "not_applicable",
    1.0: "fully_met",
    0.7: "mostly_met",
    0.5: "partly_met",
    0.0: "not_met",
}


def spellings_pattern(spellings: list[str], *, ignore_case: bool) -> str:
    """A regular expression (in the JSON Schema dialect) for any of ``spellings``, as the model reads them:
    surrounding whitespace ignored and, with ``ignore_case``, ASCII letters in either case."""
    alternatives = []
    for spelling in spellings:
        alternatives.append(
            "".join(
                f"[{c.lower()}{c.upper()}]" if ignore_case and c.isascii() and c.isalpha() else re.escape(c)
                for c in spelling
            )
        )
    return r"^\s*(?:" + "|".join(alternatives) + r")\s*$"


def grade_schema() -> JsonDict:
    """Every way a grade may be written, as JSON Schema: ids, the scale's Chinese names, N/A, numbers."""
    spelled = [alias for alias in _GRADE_ALIASES if isinstance(alias, str)]
    numbers: list[JsonValue] = [int(v) if v.is_integer() else v for v in _GRADE_ALIASES if isinstance(v, float)]
    ids: list[JsonValue] = [grade.value for grade in Grade]
    return {
        "anyOf": [
            {"enum": ids},
            {"type": "string", "pattern": spellings_pattern(spelled, ignore_case=True)},
            {"type": "number", "enum": numbers},
        ],
        "description": "a grade id; or the scale's Chinese name (完全满足, 大部分满足, 一般满足, 不满足, 不适用), "
        "n/a or na; or the default value 1, 0.7, 0.5 or 0",
    }


def not_applicable_schema() -> JsonDict:
    spelled = [alias for alias, grade in _GRADE_ALIASES.items() if isinstance(alias, str) and grade == "not_applicable"]
    return {
        "anyOf": [
            {"const": Grade.NOT_APPLICABLE.value},
            {"type": "string", "pattern": spellings_pattern(spelled, ignore_case=True)},
        ]
    }


__all__ = ["Grade", "grade_schema", "not_applicable_schema", "spellings_pattern"]
