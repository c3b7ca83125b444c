"""Scoring many answer files: expand folders, score each file, keep going past bad ones."""

from __future__ import annotations

import errno
import os
import stat
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dcmm.core.answers import AnswerFile
from dcmm.core.parties import with_party_exclusions
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.quickscan import QuickScanEstimate, estimate_quick_scan
from dcmm.core.scoring import AssessmentResult, ScoringRules, score_assessment
from dcmm.files import AnswerInput, Problem, UserError, read_answers
from dcmm.files.answer_workbook_cells import is_answer_workbook
from dcmm.files.problems import problem

_WHAT = "an answer file"


@dataclass(frozen=True)
class ScoredFile:
    """One answer file with its questionnaire and result, and the SHA-256 of the bytes that were scored."""

    path: Path
    answers: AnswerFile
    questionnaire: Questionnaire
    result: AssessmentResult
    sha256: str


@dataclass(frozen=True)
class EstimatedFile:
    """A quick-scan file with its questionnaire and estimate."""

    path: Path
    answers: AnswerFile
    questionnaire: Questionnaire
    estimate: QuickScanEstimate


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files as given, and every ``*.json`` and answer workbook below each folder, sorted; what cannot be read is a
    Problem. Other ``*.xlsx`` files in a folder (reports, lists) are left alone, as they always were.

    A missing path, a dangling or looping symbolic link, a FIFO or a device (which would block or never
    end) are each reported, given directly or found in a folder; the rest is still yielded.
    """
    for raw in inputs:
        path = Path(raw)
        found = input_problem(path)
        if found is None:
            yield path
        elif found.key != "errors.is_a_folder":
            yield found
        else:
            entries = [*path.rglob("*.json"), *filter(is_answer_workbook, path.rglob("*.xlsx"))]
            checked = ((entry, input_problem(entry)) for entry in sorted(entries))
            kept = [found or entry for entry, found in checked if found is None or found.key != "errors.is_a_folder"]
            if not kept:
                yield problem(str(path), "folder_without_answers")
            yield from kept


def input_problem(path: Path) -> Problem | None:
    """None when ``path`` is a regular file that can be read without blocking; else what is wrong with it."""
    file = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            return problem(file, "dangling_link", target=os.readlink(path))
        return problem(file, "file_not_found")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return problem(file, "link_loop")
        return problem(file, "cannot_read", reason=exc.strerror or exc)
    if stat.S_ISDIR(info.st_mode):
        return problem(file, "is_a_folder", what=_WHAT)
    if not stat.S_ISREG(info.st_mode):
        return problem(file, "not_a_regular_file", what=_WHAT)
    return None


def require_input(path: Path) -> None:
    """Raise the UserError of :func:`input_problem`, if any, before the file is opened."""
    found = input_problem(path)
    if found is not None:
        raise UserError([found])


def score_file(path: Path, rules: ScoringRules | None = None, target_level: int | None = None) -> ScoredFile:
    """Read, validate and score one file; raises UserError for bad input."""
    require_input(path)
    read = read_answers(path)
    if read.answers.quick_scan is not None:  # scoring its empty answers would report zeros, not the estimate
        message = "is a quick scan: it gives an estimate (dcmm score FILE), not a scored result"
        raise UserError([Problem(str(path), message, field="quick_scan")])
    return scored_input(read, rules, target_level)


def scored_input(read: AnswerInput, rules: ScoringRules | None = None, target_level: int | None = None) -> ScoredFile:
    """An answer file already read, scored; its digest goes with it."""
    answers = with_party_exclusions(read.answers, read.questionnaire)
    result = score_assessment(read.questionnaire, answers, rules, target_level)
    return ScoredFile(read.path, answers, read.questionnaire, result, read.sha256)


@dataclass(frozen=True)
class Failure:
    """An unexpected error (a fault of dcmm, not of the input) while one input was processed.

    Kept as text, so that it can come back from a worker process; the other inputs are still processed.
    """

    file: str
    error: str  # the exception's type name
    trace: str  # the formatted traceback

    @classmethod
    def of(cls, file: str | Path, exc: BaseException) -> Failure:
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return cls(str(file), type(exc).__name__, trace)


@dataclass
class Assessed:
    """What :func:`assess_files` found: results, quick-scan estimates, rejected input and failures."""

    scored: list[ScoredFile] = field(default_factory=list)
    estimated: list[EstimatedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


def read_answer_files(
    inputs: Iterable[str | Path], problems: list[Problem], failures: list[Failure]
) -> Iterator[AnswerInput]:
    """Every valid answer file among the inputs, read once; the problems of the others go to ``problems``,
    an unexpected error on one file to ``failures`` (the other files are still read)."""
    for entry in expand_inputs(inputs):
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        try:
            read = read_answers(entry)
        except UserError as exc:
            problems.extend(exc.problems)
            continue
        except Exception as exc:
            failures.append(Failure.of(entry, exc))
            continue
        yield read


def assess_files(
    inputs: Iterable[str | Path], rules: ScoringRules | None = None, target_level: int | None = None
) -> Assessed:
    """Read every file once: full assessments are scored, quick scans estimated, bad files reported;
    an unexpected error on one file is kept as a failure and the other files are still done."""
    found = Assessed()
    for read in read_answer_files(inputs, found.problems, found.failures):
        try:
            if read.answers.quick_scan is not None:
                estimate = estimate_quick_scan(read.questionnaire, read.answers)
                found.estimated.append(EstimatedFile(read.path, read.answers, read.questionnaire, estimate))
            else:
                found.scored.append(scored_input(read, rules, target_level))
        except UserError as exc:
            found.problems.extend(exc.problems)
        except Exception as exc:
            found.failures.append(Failure.of(read.path, exc))
    return found
