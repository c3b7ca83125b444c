"""Self-assessments into the tracker: answer files (scored here by the core) or ``dcmm score --format json`` results."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dcmm.assessments import expand_inputs, score_file
from dcmm.core.identifiers import normalize_credit_code, province_code
from dcmm.core.scoring import ScoringRules
from dcmm.files import Problem, UserError
from dcmm.score_output import JSON_FORMAT
from dcmm.tracker.records import SelfAssessmentRecord
from dcmm.tracker.regions import parse_city


def _record(file: str, organisation: dict[str, Any], **values: Any) -> SelfAssessmentRecord:
    """A record from an organisation block; raises UserError when it cannot be tracked."""
    problems = []
    if not organisation.get("credit_code"):
        problems.append(Problem(file, "needs a credit code to be tracked", None, "organisation.credit_code"))
    if not organisation.get("province"):
        problems.append(Problem(file, "needs a province to be tracked", None, "organisation.province"))
    if values.get("assessed_on") is None:
        problems.append(Problem(file, "needs the day of the assessment to be tracked", None, "assessed_on"))
    if problems:
        raise UserError(problems)
    try:
        credit_code = normalize_credit_code(str(organisation["credit_code"]))
        province = province_code(str(organisation["province"]))
        city_code, city = parse_city(organisation["city"], province) if organisation.get("city") else (None, None)
    except ValueError as exc:
        raise UserError([Problem(file, str(exc), None, "organisation")]) from None
    return SelfAssessmentRecord(
        file=file,
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


def _from_result_file(path: Path, document: dict[str, Any]) -> tuple[list[SelfAssessmentRecord], list[Problem]]:
    records: list[SelfAssessmentRecord] = []
    problems: list[Problem] = []
    for index, result in enumerate(document.get("results") or []):
        where = f"{path}#results[{index}]"
        try:
            assessed = result.get("assessed_on")
            records.append(
                _record(
                    where,
                    result.get("organisation") or {},
                    edition=str(result["edition"]),
                    assessed_on=dt.date.fromisoformat(assessed) if assessed else None,
                    overall_score=float(result["overall"]["score"]),
                    level=int(result["overall"]["level"]),
                    target_level=result.get("target_level"),
                    rules=str((result.get("rules") or {}).get("name", "published")),
                )
            )
        except UserError as exc:
            problems.extend(exc.problems)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(Problem(where, f"not a dcmm score result: {exc}"))
    return records, problems


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
            head = json.loads(entry.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            head = None
        if isinstance(head, dict) and head.get("format") == JSON_FORMAT:
            found, bad = _from_result_file(entry, head)
            records.extend(found)
            problems.extend(bad)
            continue
        try:
            scored = score_file(entry, rules)
            records.append(
                _record(
                    str(entry),
                    scored.answers.organisation.model_dump(),
                    edition=scored.answers.edition,
                    assessed_on=scored.answers.assessed_on,
                    overall_score=scored.result.overall.score,
                    level=scored.result.overall.level,
                    target_level=scored.answers.target_level,
                    rules=scored.result.rules.name,
                )
            )
        except UserError as exc:
            problems.extend(exc.problems)
    return records, problems
