"""The portfolio summary of a batch: every organisation's level and score, the level distribution,
and the gaps most organisations share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from dcmm import __version__
from dcmm.core.text import Language
from dcmm.files import Problem, load_edition
from dcmm.report import rows
from dcmm.report.labels import labels

SHARED_GAPS = 15


def portfolio_entry(context: dict[str, Any], answer_file: str, report_file: str) -> dict[str, Any]:
    """What the portfolio keeps of one organisation's report context (small, cheap to send between processes)."""
    return {
        "organisation": context["organisation"]["name"],
        "credit_code": context["organisation"]["credit_code"],
        "region": context["organisation"]["region"],
        "industry": context["organisation"]["industry"],
        "edition": context["edition"]["id"],
        "assessed_on": context["assessed_on"],
        "score": context["overall"]["score"],
        "level": context["overall"]["level"],
        "level_name": context["overall"]["level_name"],
        "target_level": context["target"]["level"],
        "points_to_target": context["target"]["points_to_target"],
        "completeness": context["completeness"]["percent"],
        "file": answer_file,
        "report": report_file,
        "gap_ids": [g["id"] for phase in context["roadmap"]["phases"] for g in phase["gaps"]],
    }


def portfolio_context(
    entries: Sequence[dict[str, Any]], problems: Sequence[Problem], language: Language = "zh"
) -> dict[str, Any]:
    """The portfolio as plain data; organisations with the highest score first."""
    ordered = sorted(entries, key=lambda e: (-e["score"], e["organisation"], e["file"]))
    editions = sorted({e["edition"] for e in entries}) or ["gbt36073-2018"]
    first = load_edition(editions[0])
    levels = Counter(e["level"] for e in entries)
    shared: Counter[tuple[str, str]] = Counter()
    for entry in entries:
        shared.update((entry["edition"], criterion_id) for criterion_id in set(entry["gap_ids"]))
    common = sorted(shared.items(), key=lambda pair: (-pair[1], pair[0][0], _id_key(pair[0][1])))[:SHARED_GAPS]
    shared_gaps = []
    for (edition_id, criterion_id), count in common:
        q = load_edition(edition_id)
        item_id = criterion_id.rsplit(".", 2)[0]
        shared_gaps.append(
            {
                "id": criterion_id,
                "edition": edition_id,
                "level": int(criterion_id.split(".")[2]),
                "item": f"{item_id} {q.item_by_id[item_id].name.get(language)}",
                "text": q.criteria[criterion_id].text.get(language),
                "count": count,
                "percent": round(100 * count / len(entries), 1),
            }
        )
    scores = [e["score"] for e in entries]
    return {
        "lang": language,
        "t": labels(language),
        "tool": {"name": "dcmm", "version": __version__},
        "count": len(entries),
        "editions": editions,
        "mean_score": round(sum(scores) / len(scores), 2) if scores else 0.0,
        "organisations": ordered,
        "distribution": [
            {"level": d.level, "name": d.name.get(language), "count": levels.get(d.level, 0)} for d in first.meta.levels
        ],
        "shared_gaps": shared_gaps,
        "rejected": [{"file": p.file, "message": str(p)} for p in problems],
    }


def portfolio_sheets(context: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    lang: Language = context["lang"]
    zh = lang == "zh"
    t = context["t"]
    return [
        rows.sheet("各单位" if zh else "Organisations", context["organisations"], rows.PORTFOLIO_COLUMNS, lang),
        (
            "等级分布" if zh else "Levels",
            [t["level"], t["organisations"]],
            [[f"L{d['level']} {d['name']}", d["count"]] for d in context["distribution"]],
        ),
        (
            "共有差距" if zh else "Shared gaps",
            [t["criterion"], t["item"], t["level"], t["criterion"], t["share"], "%"],
            [[g["id"], g["item"], g["level"], g["text"], g["count"], g["percent"]] for g in context["shared_gaps"]],
        ),
        (
            "未处理文件" if zh else "Rejected",
            [t["answers_file"], t["rejected"]],
            [[r["file"], r["message"]] for r in context["rejected"]],
        ),
    ]


def _id_key(dotted: str) -> tuple[int, ...]:
    return tuple(int(part) for part in dotted.split("."))
