"""Self-assessments into the tracker: answer files (scored here by the core) or ``dcmm score --format json`` results.

A score document is validated by the very model ``dcmm score`` writes it with
(dcmm.files.score_document); one that is not exactly such a document is reported, every problem
with its line and field, and none of its results is taken. A bad file never stops the others.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pydantic_core

from dcmm.assessments import expand_inputs, score_file
from dcmm.core.identifiers import normalize_credit_code, province_code
from dcmm.core.scoring import ScoringRules
from dcmm.files import Problem, UserError
from dcmm.files.json_source import read_bytes
from dcmm.files.limits import SCORE_RESULTS_PER_DOCUMENT
from dcmm.files.organisation import organisation_problems
from dcmm.files.problems import refusal, warn
from dcmm.files.score_document import ScoreResult, parse_score_document
from dcmm.files.yaml_source import capped, compose, line_of
from dcmm.tracker.records import SelfAssessmentRecord
from dcmm.tracker.regions import parse_city

_WHAT = "an answer file or a score document"
# A score document says so in its "format" member; escaped inside a JSON string, these bytes cannot occur.
_SCORE_FORMAT = re.compile(rb'"format"\s*:\s*"dcmm-score/')
_BOUNDS = ("recursion limit exceeded", "number out of range")
_AT = re.compile(r" at line (?P<line>\d+) column (?P<column>\d+)$")


def _record(named: str, at: str, organisation: dict[str, Any], **values: Any) -> SelfAssessmentRecord:
    """A record from an organisation block (fields under ``at`` in file ``named``), checked already as every answer
    file's is (:mod:`dcmm.files.organisation`); UserError when it lacks what the tracker needs."""
    file = named
    problems = []
    if not organisation.get("credit_code"):
        problems.append(Problem(file, "needs a credit code to be tracked", None, f"{at}organisation.credit_code"))
    if not organisation.get("province"):
        problems.append(Problem(file, "needs a province to be tracked", None, f"{at}organisation.province"))
    if values.get("assessed_on") is None:
        problems.append(Problem(file, "needs the day of the assessment to be tracked", None, f"{at}assessed_on"))
    if problems:
        raise UserError(problems)
    try:
        credit_code = normalize_credit_code(str(organisation["credit_code"]))
        province = province_code(str(organisation["province"]))
        city_code, city = parse_city(organisation["city"], province) if organisation.get("city") else (None, None)
    except ValueError as exc:
        raise UserError([Problem(file, str(exc), None, f"{at}organisation")]) from None
    return SelfAssessmentRecord(
        credit_code=credit_code,
        name=str(organisation.get("name") or credit_code),
        province=province,
        city_code=city_code,
        city=city,
        industry=" ".join(str(organisation["industry"]).split()) if organisation.get("industry") else None,
        party_type=organisation.get("party_type"),
        synthetic=bool(organisation.get("fictitious")),
        **values,
    )


def _result_record(path: Path, tree: Callable[[], Any], index: int, result: ScoreResult) -> SelfAssessmentRecord:
    """A result's record, its organisation checked as an answer file's is when read (score and ingest agree)."""
    organisation = result.organisation.model_dump()

    def line(field: str) -> int | None:
        return line_of(tree(), ("results", index, "organisation", field))

    refused, warnings = organisation_problems(organisation, str(path), f"results[{index}].", line)
    if refused:
        raise UserError(refused)
    for warning in warnings:
        warn(warning)
    return _record(
        str(path),
        f"results[{index}].",
        organisation,
        file=f"{path}#results[{index}]",
        edition=result.edition,
        assessed_on=result.assessed_on,
        overall_score=result.overall.score,
        level=result.overall.level,
        target_level=result.target_level,
        rules=result.rules.name,
    )


def _count_results(raw: bytes, file: str) -> None:
    """Refuse a document nested too deeply or holding a number out of range (the parser's bounds), or with more
    results than the tracker reads from one file, before validating it; other bad JSON is left to validation."""
    try:
        data = pydantic_core.from_json(raw)
    except ValueError as exc:
        reason, line, column = _parse_error(str(exc))
        if reason not in _BOUNDS:
            return  # the validation that follows says where the JSON is wrong
        raise refusal(file, "not_json", line, reason=reason, column=column) from None
    results = data.get("results") if isinstance(data, dict) else None
    if isinstance(results, list) and len(results) > SCORE_RESULTS_PER_DOCUMENT:
        found = len(results)
        raise refusal(file, "score_too_many_results", None, "results", found=found, limit=SCORE_RESULTS_PER_DOCUMENT)


def _parse_error(message: str) -> tuple[str, int | None, int | None]:
    """The reason, line and column of the parser's ``"<reason> at line L column C"``."""
    found = _AT.search(message)
    if found is None:
        return message, None, None
    return message[: found.start()], int(found["line"]), int(found["column"])


def _from_score_document(path: Path, raw: bytes) -> tuple[list[SelfAssessmentRecord], list[Problem]]:
    """The trackable results of a valid score document; the untrackable ones as problems."""
    _count_results(raw, str(path))
    document = parse_score_document(raw, str(path))
    records: list[SelfAssessmentRecord] = []
    problems: list[Problem] = []
    tree = functools.cache(lambda: compose(raw.decode("utf-8", errors="replace")))  # composed once, if a line is asked
    for index, result in enumerate(document.results):
        try:
            records.append(_result_record(path, tree, index, result))
        except UserError as exc:
            problems.extend(exc.problems)
    return records, problems


def _from_answer_file(path: Path, rules: ScoringRules | None) -> SelfAssessmentRecord:
    scored = score_file(path, rules)
    return _record(
        str(path),
        "",
        scored.answers.organisation.model_dump(),
        file=str(path),
        edition=scored.answers.edition,
        assessed_on=scored.answers.assessed_on,
        overall_score=scored.result.overall.score,
        level=scored.result.overall.level,
        target_level=scored.answers.target_level,
        rules=scored.result.rules.name,
    )


def _shown(file: str, problems: Sequence[Problem]) -> list[Problem]:
    """At most ``MAX_PROBLEMS_PER_FILE`` problems of one file, and a line counting the rest."""
    shown, more = capped(file, problems)
    return [*shown, *more]


def read_self_assessments(
    inputs: Iterable[str | Path], rules: ScoringRules | None = None
) -> tuple[list[SelfAssessmentRecord], list[Problem]]:
    """Records from answer files (scored with ``rules``) and score result files; bad files become Problems."""
    records: list[SelfAssessmentRecord] = []
    problems: list[Problem] = []
    for entry in expand_inputs(inputs):
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        try:
            raw = read_bytes(entry, _WHAT)
            if _SCORE_FORMAT.search(raw):
                found, bad = _from_score_document(entry, raw)
                records.extend(found)
                problems.extend(_shown(str(entry), bad))
            else:
                records.append(_from_answer_file(entry, rules))
        except UserError as exc:  # the file layer has capped these already
            problems.extend(exc.problems)
    return records, problems
