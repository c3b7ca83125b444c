"""Scoring many answer files: expand folders, score each file, keep going past bad ones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dcmm.core.answers import AnswerFile
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.quickscan import QuickScanEstimate, estimate_quick_scan
from dcmm.core.scoring import AssessmentResult, ScoringRules, score_assessment
from dcmm.files import Problem, UserError, read_answer_file


@dataclass(frozen=True)
class ScoredFile:
    """One answer file with its questionnaire and result."""

    path: Path
    answers: AnswerFile
    questionnaire: Questionnaire
    result: AssessmentResult


@dataclass(frozen=True)
class EstimatedFile:
    """A quick-scan file with its questionnaire and estimate."""

    path: Path
    answers: AnswerFile
    questionnaire: Questionnaire
    estimate: QuickScanEstimate


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files as given, and every ``*.json`` below each folder, sorted; a missing path is a Problem."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                yield Problem(str(path), "folder holds no *.json answer files")
            yield from found
        elif path.exists():
            yield path
        else:
            yield Problem(str(path), "file not found")


def score_file(path: Path, rules: ScoringRules | None = None, target_level: int | None = None) -> ScoredFile:
    """Read, validate and score one file; raises UserError for bad input."""
    answers, questionnaire = read_answer_file(path)
    if answers.quick_scan is not None:  # scoring its empty answers would report zeros, not the estimate
        message = "is a quick scan: it gives an estimate (dcmm score FILE), not a scored result"
        raise UserError([Problem(str(path), message, field="quick_scan")])
    result = score_assessment(questionnaire, answers, rules, target_level)
    return ScoredFile(path, answers, questionnaire, result)


def read_answer_files(
    inputs: Iterable[str | Path], problems: list[Problem]
) -> Iterator[tuple[Path, AnswerFile, Questionnaire]]:
    """Every valid answer file among the inputs; the problems of the others are added to ``problems``."""
    for entry in expand_inputs(inputs):
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        try:
            answers, questionnaire = read_answer_file(entry)
        except UserError as exc:
            problems.extend(exc.problems)
            continue
        yield entry, answers, questionnaire


def assess_files(
    inputs: Iterable[str | Path], rules: ScoringRules | None = None, target_level: int | None = None
) -> tuple[list[ScoredFile], list[EstimatedFile], list[Problem]]:
    """Read every file once: full assessments are scored, quick scans estimated, bad files reported."""
    scored: list[ScoredFile] = []
    estimated: list[EstimatedFile] = []
    problems: list[Problem] = []
    for entry, answers, questionnaire in read_answer_files(inputs, problems):
        if answers.quick_scan is not None:
            estimated.append(EstimatedFile(entry, answers, questionnaire, estimate_quick_scan(questionnaire, answers)))
        else:
            scored.append(
                ScoredFile(entry, answers, questionnaire, score_assessment(questionnaire, answers, rules, target_level))
            )
    return scored, estimated, problems
