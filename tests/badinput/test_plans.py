"""Assessment plans (YAML): malformed, hostile or impossible plans given to plan show, template --plan and merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.badinput.harness import Case, example_answers, run_case

GOOD = "edition: gbt36073-2018\nrespondents:\n- respondent: 信息安全部\n  domains: ['10']\n  items: ['8.2']\n"
SHOW = ("plan", "show", "plan.yaml")
ANSWERS = {"a.json": example_answers(1), "b.json": example_answers(1)}


def plan(text: str) -> dict[str, str]:
    return {"plan.yaml": text}


CASES = [
    Case("plan-not-yaml", SHOW, plan("edition: [\n"), names=("plan.yaml:", "not")),
    Case("plan-empty", SHOW, plan(""), names=("plan.yaml", "empty")),
    Case("plan-a-list", SHOW, plan("- a\n- b\n"), names=("plan.yaml",)),
    Case("plan-unknown-key", SHOW, plan(GOOD + "owner: 张三\n"), names=("plan.yaml:6", "owner")),
    Case("plan-unknown-edition", SHOW, plan(GOOD.replace("2018", "2030")), names=("plan.yaml:1", "gbt36073-2030")),
    Case("plan-no-respondents", SHOW, plan("edition: gbt36073-2018\nrespondents: []\n"), names=("plan.yaml:2",)),
    Case(
        "plan-respondent-twice",
        SHOW,
        plan(GOOD + "- respondent: 信息安全部\n  domains: ['6']\n"),
        names=("plan.yaml", "'信息安全部' is named twice"),
    ),
    Case(
        "plan-respondent-assigned-nothing",
        SHOW,
        plan("edition: gbt36073-2018\nrespondents:\n- respondent: 空部门\n"),
        names=("plan.yaml:3", "assigned no domain and no item"),
    ),
    Case("plan-unknown-item", SHOW, plan(GOOD.replace("8.2", "8.9")), names=("plan.yaml:5", "unknown item id '8.9'")),
    Case(
        "plan-key-twice",
        SHOW,
        plan(GOOD.replace("  items: ['8.2']\n", "  domains: ['6']\n")),
        names=("plan.yaml:5", "domains"),
    ),
    Case("plan-alias-bomb", SHOW, plan("a: &a [x]\nb: [*a, *a]\n"), names=("plan.yaml",)),
    Case(
        "plan-template-into-a-file",
        ("template", "--plan", "plan.yaml", "-o", "x.xlsx"),
        plan(GOOD),
        names=("x.xlsx", "-o names a folder"),
    ),
    Case(
        "plan-template-output-taken",
        ("template", "--plan", "plan.yaml", "-o", "out"),
        {**plan(GOOD), "out/信息安全部.xlsx": b"a department's answers"},
        names=("信息安全部.xlsx", "exists already"),
    ),
    Case(
        "plan-merge-of-another-edition",
        ("merge", "a.json", "b.json", "--plan", "plan.yaml", "-o", "m.json"),
        {**ANSWERS, **plan(GOOD.replace("2018", "2025").replace("8.2", "8.1"))},
        names=("plan.yaml", "the plan is for gbt36073-2025, the answer files for gbt36073-2018"),
    ),
    Case(
        "plan-merge-missing",
        ("merge", "a.json", "b.json", "--plan", "missing.yaml", "-o", "m.json"),
        ANSWERS,
        names=("missing.yaml",),
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
