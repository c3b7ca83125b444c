"""Names in a report's language: questionnaire names from the edition, fixed wording from the catalogue."""

from __future__ import annotations

from functools import cache

from dcmm.core.questionnaire import Questionnaire
from dcmm.core.text import Language
from dcmm.i18n import catalogue

AREA = "report."
AREAS = (AREA, "comparison.")  # the comparison chapter's texts across editions are kept in a catalogue of their own


@cache
def labels(language: Language) -> dict[str, str]:
    """Every report text in one language, keyed by its name within its catalogue (``t.key`` in templates)."""
    found: dict[str, str] = {}
    for area in AREAS:
        found |= {key.removeprefix(area): value for key, value in catalogue(language).items() if key.startswith(area)}
    return found


def id_key(dotted: str) -> tuple[int, ...]:
    """``6.1.10`` after ``6.1.9``: dotted ids ordered by number."""
    return tuple(int(part) for part in dotted.split("."))


class Namer:
    """Looks up names in the questionnaire in the report's language."""

    def __init__(self, questionnaire: Questionnaire, language: Language) -> None:
        self.q = questionnaire
        self.lang = language

    def level(self, level: int) -> str:
        return self.q.level_definition(level).name.get(self.lang)

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
