"""Scoring: from a questionnaire and an answer file to levels, gaps and a roadmap.

The arithmetic is exact: grade values are held in hundredths and every mean is rounded half
up to two decimals, as the published method reports every score with two decimals.

The work is split by job: ``rules`` (the rules and their arithmetic), ``tallies`` (integer counts
per item and level), ``results`` (the result models) and ``gaps`` (gaps, blockers and roadmap).
"""

from __future__ import annotations

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.scoring.gaps import GapAnalysis
from dcmm.core.scoring.results import (
    AssessmentResult,
    Completeness,
    DomainResult,
    GapItem,
    ItemResult,
    LevelResult,
    OverallResult,
    Roadmap,
    RoadmapPhase,
    completeness_of,
)
from dcmm.core.scoring.rules import FULL, SCORING_RULES, ScoringRules, level_for_score, points
from dcmm.core.scoring.tallies import Tallies

__all__ = [
    "FULL",
    "SCORING_RULES",
    "AssessmentResult",
    "Completeness",
    "DomainResult",
    "GapItem",
    "ItemResult",
    "LevelResult",
    "OverallResult",
    "Roadmap",
    "RoadmapPhase",
    "ScoringRules",
    "level_for_score",
    "score_assessment",
]


def score_assessment(
    questionnaire: Questionnaire,
    answers: AnswerFile,
    rules: ScoringRules | None = None,
    target_level: int | None = None,
) -> AssessmentResult:
    """Score one answer file. ``target_level`` defaults to the answer file's own target."""
    rules = rules or SCORING_RULES["published"]
    state = Tallies(questionnaire, answers, rules)
    analysis = GapAnalysis(questionnaire, state, target_level or answers.target_level)
    overall = state.overall()
    items = [
        ItemResult(analysis, index, item.id, state.item_scores[index], state.applicable_item(index))
        for index, item in enumerate(questionnaire.items)
    ]
    domains = []
    for index, domain in enumerate(questionnaire.domains):
        score = state.domain_score(index)
        domains.append(DomainResult(domain.id, points(score), level_for_score(score), [i.id for i in domain.items]))
    return AssessmentResult(
        analysis,
        edition=questionnaire.id,
        rules=rules,
        overall=OverallResult(points(overall), level_for_score(overall)),
        domains=domains,
        items=items,
        completeness=completeness_of(answers, state),
    )
