"""Migrating, merging and comparing answer files on disk: read, check, write, and never touch the inputs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dcmm.core.answers import AnswerFile, answer_file_json
from dcmm.core.editions.crosswalk import Crosswalk
from dcmm.core.editions.merge import MergeOutcome, MergeRule, Respondent, merge_answers, respondent_label
from dcmm.core.editions.migrate import EditionComparison, Migration, compare_editions, migrate_answers
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.scoring import AssessmentResult, ScoringRules, score_assessment
from dcmm.core.text import Language
from dcmm.files.answers import AnswerInput, answers_from_bytes, read_answers
from dcmm.files.crosswalk import find_crosswalk, load_crosswalk
from dcmm.files.questionnaires import load_edition
from dcmm.files.writing import write_atomically


def answer_file_text(answers: AnswerFile) -> str:
    """An answer file as JSON text (see :func:`dcmm.core.answers.answer_file_data`)."""
    return answer_file_json(answers)


def write_checked(answers: AnswerFile, output: Path, questionnaire: Questionnaire) -> AnswerInput:
    """Write an answer file atomically, its very bytes validated by the loader first.

    Only a file that reads back as valid is ever left behind; what is returned is what a later
    :func:`dcmm.files.read_answers` of ``output`` gives, digest included.
    """
    payload = answer_file_text(answers).encode("utf-8")
    written = answers_from_bytes(payload, output, questionnaire)
    write_atomically(output, payload)
    return written


def default_migration_output(path: Path, source_edition: str, target_edition: str) -> Path:
    """``x-gbt36073-2018.json`` becomes ``x-gbt36073-2025.json``; other names get ``.<edition>`` added."""
    if source_edition in path.name:
        return path.with_name(path.name.replace(source_edition, target_edition))
    return path.with_name(f"{path.stem}.{target_edition}{path.suffix or '.json'}")


@dataclass(frozen=True)
class MigrationRun:
    """A migration with everything it was made from."""

    source_path: Path
    source: Questionnaire
    target: Questionnaire
    crosswalk: Crosswalk
    original: AnswerFile
    migration: Migration
    migration_language: Language = "zh"


def migrate_file(
    path: str | Path,
    target_edition: str,
    crosswalk_path: str | Path | None = None,
    language: Language = "zh",
) -> MigrationRun:
    """Read an answer file and carry it to ``target_edition`` (in memory; nothing is written)."""
    read = read_answers(path)
    original, source = read.answers, read.questionnaire
    if original.edition == target_edition:
        raise UserError([Problem(str(path), f"is already for {target_edition}", field="edition")])
    target = load_edition(target_edition)
    crosswalk = load_crosswalk(
        crosswalk_path if crosswalk_path is not None else find_crosswalk(source.id, target.id),
        source,
        target,
    )
    migration = migrate_answers(original, source, target, crosswalk, language)
    return MigrationRun(Path(path), source, target, crosswalk, original, migration, language)


@dataclass(frozen=True)
class BothEditions:
    """One organisation scored under both editions: the original answers and their migrated copy."""

    source_result: AssessmentResult
    target_result: AssessmentResult
    comparison: EditionComparison


def score_both_editions(run: MigrationRun, rules: ScoringRules | None = None) -> BothEditions:
    """Score the original and the migrated answers and set them side by side."""
    source_result = score_assessment(run.source, run.original, rules)
    target_result = score_assessment(run.target, run.migration.answer_file, rules)
    return BothEditions(source_result, target_result, compare_editions(source_result, target_result, run.crosswalk))


def read_respondents(paths: Sequence[str | Path]) -> tuple[list[Respondent], Questionnaire]:
    """Read every respondent's file; UserError with every problem of every file."""
    respondents: list[Respondent] = []
    questionnaires: list[Questionnaire] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            read = read_answers(path)
        except UserError as exc:
            problems.extend(exc.problems)
            continue
        respondents.append(Respondent(respondent_label(read.answers, Path(path).name), str(path), read.answers))
        questionnaires.append(read.questionnaire)
    if problems:
        raise UserError(problems)
    if not respondents:
        raise UserError([Problem("<merge>", "no answer files given")])
    return respondents, questionnaires[0]


def merge_files(paths: Sequence[str | Path], rule: MergeRule, plan: str | Path | None = None) -> MergeOutcome:
    """Merge the answer files of several respondents (see dcmm.core.editions.merge), by an assessment plan's
    file when given (its edition must be the files')."""
    respondents, questionnaire = read_respondents(paths)
    if plan is None:
        return merge_answers(respondents, questionnaire, rule)
    from dcmm.files.plan import read_plan

    assessment_plan, _ = read_plan(plan, questionnaire)
    if assessment_plan.edition != questionnaire.id:
        message = f"the plan is for {assessment_plan.edition}, the answer files for {questionnaire.id}"
        raise UserError([Problem(str(plan), message, field="edition")])
    return merge_answers(respondents, questionnaire, rule, assessment_plan)
