"""The score document: results as stable JSON (docs/score-json.md) or CSV rows."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from dcmm.assessments import EstimatedFile, ScoredFile
from dcmm.files import Problem
from dcmm.files.cells import spreadsheet_row

JSON_FORMAT = "dcmm-score/1"


def result_record(scored: ScoredFile) -> dict[str, Any]:
    """One scored file as the documented JSON record (see docs/score-json.md)."""
    org = scored.answers.organisation
    return {
        "file": str(scored.path),
        "organisation": {
            "name": org.name,
            "credit_code": org.credit_code,
            "province": org.province,
            "city": org.city,
            "industry": org.industry,
            "party_type": org.party_type,
            "fictitious": org.fictitious,
        },
        "assessed_on": scored.answers.assessed_on.isoformat() if scored.answers.assessed_on else None,
        "target_level": scored.result.roadmap.target_level,
        **scored.result.model_dump(mode="json"),
    }


def problem_record(problem: Problem) -> dict[str, Any]:
    return {"file": problem.file, "line": problem.line, "field": problem.field, "message": problem.message}


def to_json(scored: Sequence[ScoredFile], problems: Sequence[Problem]) -> str:
    document = {
        "format": JSON_FORMAT,
        "results": [result_record(s) for s in scored],
        "errors": [problem_record(p) for p in problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def estimate_record(estimated: EstimatedFile) -> dict[str, Any]:
    """A quick scan's estimate, as the score document keeps it beside the results."""
    org = estimated.answers.organisation
    return {
        "file": str(estimated.path),
        "label": "ESTIMATE (quick scan) / 估算（快速自评）",
        "organisation": {"name": org.name, "credit_code": org.credit_code, "province": org.province},
        "assessed_on": estimated.answers.assessed_on.isoformat() if estimated.answers.assessed_on else None,
        **estimated.estimate.model_dump(mode="json"),
    }


def to_csv(scored: Sequence[ScoredFile]) -> str:
    """One row per organisation; one column per domain score, in clause order."""
    domain_ids: list[str] = []
    for s in scored:
        for d in s.result.domains:
            if d.id not in domain_ids:
                domain_ids.append(d.id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "file",
            "organisation",
            "credit_code",
            "province",
            "edition",
            "overall_score",
            "overall_level",
            "target_level",
            "points_to_target",
            "completeness_percent",
            "unanswered",
            *(f"domain_{d}" for d in domain_ids),
        ]
    )
    for s in scored:
        r = s.result
        scores = {d.id: f"{d.score:.2f}" for d in r.domains}
        writer.writerow(
            spreadsheet_row(
                [
                    s.path,
                    s.answers.organisation.name,
                    s.answers.organisation.credit_code or "",
                    s.answers.organisation.province or "",
                    r.edition,
                    f"{r.overall.score:.2f}",
                    r.overall.level,
                    r.roadmap.target_level,
                    f"{r.roadmap.points_to_target:.2f}",
                    r.completeness.percent,
                    r.completeness.unanswered,
                    *(scores.get(d, "") for d in domain_ids),
                ]
            )
        )
    return out.getvalue()
