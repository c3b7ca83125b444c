"""A comparison as data for machines: one JSON document, or CSV with one row per domain and item."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from dcmm.assessments import ScoredFile
from dcmm.files.cells import spreadsheet_row
from dcmm.report.models import Comparison, NamedPart, ScoreChange

COMPARISON_FORMAT = 1
CSV_COLUMNS = (
    "kind",
    "id",
    "name",
    "edition",
    "before",
    "after",
    "delta",
    "level_before",
    "level_after",
    "counterpart",
)


def comparison_document(comparison: Comparison, old: ScoredFile, new: ScoredFile) -> dict[str, Any]:
    """The JSON document of ``dcmm compare --format json`` (its shape is documented in docs/compare.md)."""

    def side(scored: ScoredFile) -> dict[str, Any]:
        org = scored.answers.organisation
        return {
            "file": str(scored.path),
            "sha256": scored.sha256,
            "edition": scored.questionnaire.id,
            "organisation": org.name,
            "credit_code": org.credit_code,
        }

    return {"comparison_format": COMPARISON_FORMAT, "old_file": side(old), "new_file": side(new)} | (
        comparison.model_dump(mode="json")
    )


def comparison_json(comparison: Comparison, old: ScoredFile, new: ScoredFile) -> str:
    return json.dumps(comparison_document(comparison, old, new), ensure_ascii=False, indent=2) + "\n"


def comparison_csv(comparison: Comparison, old: ScoredFile, new: ScoredFile) -> str:
    """One row per domain and per item of NEW's edition, then the parts that have no counterpart.

    ``counterpart`` is the older domains or items the row was compared with (across editions), ``none`` for a
    part with no counterpart, and empty within one edition.
    """
    bridge = comparison.crosswalk
    newer, older = new.questionnaire.id, old.questionnaire.id

    def changed(kind: str, change: ScoreChange, counterpart: list[str] | None) -> list[object]:
        values = (change.before, change.after, change.delta, change.level_before, change.level_after)
        return [kind, change.id, change.name, newer, *values, " ".join(counterpart or [])]

    def alone(kind: str, part: NamedPart, edition: str) -> list[object]:
        return [kind, part.id, part.name, edition, "", "", "", "", "", "none"]

    rows = [changed("domain", d, [s.id for s in bridge.sources.get(d.id, [])] if bridge else None)
            for d in comparison.domains]  # fmt: skip
    rows += [changed("item", i, bridge.item_sources.get(i.id) if bridge else None) for i in comparison.items]
    if bridge is not None:
        rows += [alone("domain", d, newer) for d in bridge.new_domains]
        rows += [alone("item", i, newer) for i in bridge.new_items]
        rows += [alone("item", i, older) for i in bridge.dropped_items]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(spreadsheet_row(row) for row in rows)
    return out.getvalue()
