"""Writes the example answer files in examples/answers/ (fictitious organisations, fixed seed).

Run again after the questionnaire changes: ``python examples/make_examples.py``.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from dcmm.core.identifiers import credit_code_check_character
from dcmm.files import load_edition

HERE = Path(__file__).parent / "answers"

# name, credit code stem (17 chars), province, city, industry, party, target, ability per level 1..5, seed
ORGANISATIONS = [
    (
        "示例·齐鲁精工机械有限公司（虚构）",
        "91370100MA3C00001",
        "37",
        "济南市",
        "制造业",
        "甲方",
        3,
        (0.6, 0.2, 0.05, 0.0, 0.0),
        1,
    ),
    (
        "示例·海岱城市商业银行（虚构）",
        "91370200MA3C00002",
        "37",
        "青岛市",
        "金融业",
        "甲方",
        3,
        (0.95, 0.75, 0.35, 0.05, 0.0),
        2,
    ),
    (
        "示例·秦川能源集团有限公司（虚构）",
        "91610100MA6U00003",
        "61",
        "西安市",
        "能源",
        "甲方",
        4,
        (1.0, 0.97, 0.88, 0.35, 0.08),
        3,
    ),
    (
        "示例·云岭数智科技股份有限公司（虚构）",
        "91530100MA6K00004",
        "53",
        "昆明市",
        "信息传输、软件和信息技术服务业",
        "乙方",
        4,
        (1.0, 1.0, 1.0, 0.97, 0.75),
        4,
    ),
]
# What an organisation states for the admission prerequisites (dcmm readiness), by credit code stem.
PREREQUISITES = {
    "91610100MA6U00003": {
        "data_staff": 6,
        "policy_domains": ["6", "7", "8", "10", "11", "12"],
        "tools": 3,
        "data_volume_declared": True,
        "data_volume_tb": 420,
        "years_in_operation": 23,
        "annual_revenue_yuan": 3200000000,
        "headcount": 8600,
        "note": "数据管理部 6 人专职；制度以集团发文为准（示例）。",
    },
}
GRADES = ["fully_met", "mostly_met", "partly_met", "not_met"]


def grade_for(rng: random.Random, ability: float) -> str:
    """Draw a grade: higher ability makes fully met more likely."""
    roll = rng.random()
    if roll < ability * 0.75:
        return "fully_met"
    if roll < ability:
        return "mostly_met"
    if roll < ability + (1 - ability) * 0.4:
        return "partly_met"
    return "not_met"


def build(org: tuple, questionnaire) -> dict:  # type: ignore[no-untyped-def]
    name, stem, province, city, industry, party, target, ability, seed = org
    rng = random.Random(seed)
    answers: dict[str, dict] = {}
    for item in questionnaire.items:
        for level in item.levels:
            for criterion in level.criteria:
                if rng.random() < 0.015:
                    continue  # a few left unanswered, as real drafts have
                answer: dict = {"grade": grade_for(rng, ability[level.level - 1])}
                if item.id == "9.2" and seed == 1 and level.level >= 3:
                    answer = {
                        "grade": "not_applicable",
                        "justification": "本单位不对外开放数据，也不引入外部数据（示例）。",
                    }
                elif answer["grade"] in ("fully_met", "mostly_met"):
                    answer["evidence"] = [f"{criterion.evidence[0].zh}（示例编号 EV-{criterion.id}）"]
                if rng.random() < 0.04:
                    answer["marked_for_review"] = True
                    answer["note"] = "证据需由数据管理部门复核（示例）。"
                answers[criterion.id] = answer
    return {
        "format_version": "1.3",
        "edition": questionnaire.id,
        "content_version": questionnaire.meta.data_version,
        "organisation": {
            "name": name,
            "credit_code": stem + credit_code_check_character(stem),
            "province": province,
            "city": city,
            "industry": industry,
            "party_type": party,
            "fictitious": True,
        },
        "assessors": [{"name": "示例评估员（虚构）", "role": "数据管理部"}],
        "assessed_on": "2026-10-15",
        "target_level": target,
        **({"prerequisites": PREREQUISITES[stem]} if stem in PREREQUISITES else {}),
        "answers": answers,
    }


def main() -> None:
    questionnaire = load_edition("gbt36073-2018")
    HERE.mkdir(parents=True, exist_ok=True)
    for index, org in enumerate(ORGANISATIONS, start=1):
        path = HERE / f"{index:02d}-{org[1][-5:]}-{questionnaire.id}.json"
        path.write_text(json.dumps(build(org, questionnaire), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
