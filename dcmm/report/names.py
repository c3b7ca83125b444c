"""Names in a report's language: questionnaire names from the edition, fixed wording from the catalogue."""

from __future__ import annotations

import re
from functools import cache

from dcmm.core.questionnaire import Questionnaire
from dcmm.core.text import Language
from dcmm.i18n import catalogue

AREAS = ("report.", "management.", "comparison.")  # the comparison texts across editions have a catalogue of their own
# A space that folded YAML or a joined sentence leaves between two Chinese characters or punctuation marks.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_IN_CJK = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


@cache
def labels(language: Language) -> dict[str, str]:
    """Every report text in one language, keyed by its name within its catalogue (``t.key`` in templates): the report
    catalogue and the management pages' (the two name no key alike, which a test checks)."""
    found = catalogue(language)
    return {key.split(".", 1)[1]: value for key, value in found.items() if key.startswith(AREAS)}


def tidy_cjk(text: str) -> str:
    """``自行撰写， 用于`` as ``自行撰写，用于``: no space between Chinese characters; Latin words keep theirs."""
    return _SPACE_IN_CJK.sub("", text)


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
