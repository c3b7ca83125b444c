"""Content checks on a questionnaire: the faults that make a criterion hard to grade or a level misleading.

Each check is a function from the questionnaire to findings; ``lint`` runs them all. The thresholds are
deliberately plain numbers here, so a reader sees what is flagged and why.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from dcmm.core.questionnaire import Criterion, Item, Questionnaire

# Words that join two requirements into one criterion. 并 inside a compound (合并, 并发…) is not a join.
_JOINERS = re.compile(r"并且|同时|以及|(?<![合兼归吞])并(?![发行购列存网表入])")
# Level markers: scope words that belong to other levels.
_ORGANISATION_WIDE = re.compile(r"组织级|全组织|组织层面|全集团|集团级")
_DEPARTMENT_ONLY = re.compile(r"本部门|部门级|部门内")
# Standards work, security certificates and awards show maturity; they are never what a level requires.
_EVIDENCE_ONLY = re.compile(r"标准(?:的)?(?:编制|制定|起草)|DSMM|获奖|奖项|行业认可|行业标杆|标杆")
_CLAUSE_SPLIT = re.compile(r"[，。；：、（）()“”]")
PHRASE_MIN = 8  # characters: a shorter run is ordinary vocabulary
PHRASE_MAX_ITEMS = 3  # a phrase in more items than this is a template
TEXT_MAX = 70  # characters of a criterion's Chinese text
LENGTH_RATIO = (1.2, 6.0)  # English characters per Chinese character, outside which the two disagree


@dataclass(frozen=True)
class Finding:
    """One content fault: a short code, where it is (an id), and what is wrong."""

    code: str
    where: str
    message: str


def _criteria(q: Questionnaire) -> Iterator[tuple[Item, int, Criterion]]:
    for item in q.items:
        for level in item.levels:
            for criterion in level.criteria:
                yield item, level.level, criterion


def joined_requirements(q: Questionnaire) -> Iterator[Finding]:
    for _item, _level, c in _criteria(q):
        match = _JOINERS.search(c.text.zh)
        if match:
            yield Finding("joined", c.id, f"joins requirements with “{match.group()}”: {c.text.zh}")


def long_texts(q: Questionnaire) -> Iterator[Finding]:
    for _item, _level, c in _criteria(q):
        if len(c.text.zh) > TEXT_MAX:
            yield Finding("long", c.id, f"{len(c.text.zh)} characters, more than {TEXT_MAX}")


def level_markers(q: Questionnaire) -> Iterator[Finding]:
    for _item, level, c in _criteria(q):
        wide = _ORGANISATION_WIDE.search(c.text.zh) if level <= 2 else None
        narrow = _DEPARTMENT_ONLY.search(c.text.zh) if level >= 3 else None
        found = wide or narrow
        if found:
            yield Finding("level", c.id, f"“{found.group()}” at level {level}: {c.text.zh}")


def missing_parts(q: Questionnaire) -> Iterator[Finding]:
    for item in q.items:
        if item.interview is None:
            yield Finding("missing", item.id, "no interview roles and questions")
    for _item, _level, c in _criteria(q):
        for part, value in (("rubric", c.rubric), ("dimension", c.dimension), ("evidence", c.evidence)):
            if not value:
                yield Finding("missing", c.id, f"no {part}")


def repeated_phrases(q: Questionnaire) -> Iterator[Finding]:
    items_of: dict[str, set[str]] = defaultdict(set)
    first: dict[str, str] = {}
    for item, _level, c in _criteria(q):
        for clause in _CLAUSE_SPLIT.split(c.text.zh):
            for start in range(len(clause) - PHRASE_MIN + 1):
                phrase = clause[start : start + PHRASE_MIN]
                items_of[phrase].add(item.id)
                first.setdefault(phrase, c.id)
    told: set[str] = set()  # one finding per criterion, for the first of the overlapping runs
    for phrase, items in sorted(items_of.items(), key=lambda pair: first[pair[0]]):
        if len(items) > PHRASE_MAX_ITEMS and first[phrase] not in told:
            told.add(first[phrase])
            yield Finding("repeated", first[phrase], f"“{phrase}” in {len(items)} items: {', '.join(sorted(items))}")


def evidence_only(q: Questionnaire) -> Iterator[Finding]:
    for _item, _level, c in _criteria(q):
        match = _EVIDENCE_ONLY.search(c.text.zh)
        if match:
            yield Finding("evidence-only", c.id, f"“{match.group()}” can be evidence, not a requirement: {c.text.zh}")


def language_lengths(q: Questionnaire) -> Iterator[Finding]:
    low, high = LENGTH_RATIO
    for _item, _level, c in _criteria(q):
        ratio = len(c.text.en) / max(len(c.text.zh), 1)
        if not low <= ratio <= high:
            yield Finding("languages", c.id, f"English is {ratio:.1f}x the Chinese length (expected {low}–{high})")


CHECKS: tuple[Callable[[Questionnaire], Iterator[Finding]], ...] = (
    missing_parts,
    joined_requirements,
    long_texts,
    level_markers,
    repeated_phrases,
    evidence_only,
    language_lengths,
)


def lint(q: Questionnaire) -> list[Finding]:
    """Every finding of every check, in check order."""
    return [finding for check in CHECKS for finding in check(q)]
