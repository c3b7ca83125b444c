"""Evidence references and the evidence folder: wrong shapes, paths leaving the folder, a root that is no folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.badinput.harness import Case, run_case


def answers(evidence: list[Any], version: str = "1.2") -> dict[str, str | bytes]:
    data = {
        "format_version": version,
        "edition": "gbt36073-2018",
        "organisation": {"name": "示例单位"},
        "answers": {"6.1.1.1": {"grade": "fully_met", "evidence": evidence}},
    }
    return {"a.json": json.dumps(data, ensure_ascii=False, indent=2), "ev/制度.pdf": b"%PDF"}


CHECK = ("evidence", "check", "a.json", "--root", "ev")
CASES = [
    Case("evidence-a-number", CHECK, answers([5]), names=("a.json:11", "evidence[0]", "a text or an object")),
    Case("evidence-two-targets", CHECK, answers([{"path": "制度.pdf", "url": "https://x.cn"}]), names=("a.json",)),
    Case("evidence-object-in-1-0", CHECK, answers([{"document": "《a》"}], "1.0"), names=("a.json", '"1.2"')),
    Case(
        "evidence-path-leaves-root",
        CHECK,
        answers([{"path": "../../etc/passwd"}]),
        names=("a.json", "leaves the evidence folder"),
    ),
    Case(
        "evidence-absolute-path",
        CHECK,
        answers([{"path": "/etc/passwd"}]),
        names=("a.json", "leaves the evidence folder"),
    ),
    Case(
        "evidence-root-not-a-folder",
        ("evidence", "check", "a.json", "--root", "a.json"),
        answers(["制度.pdf"]),
        names=("--root is not a folder",),
    ),
    Case(
        "evidence-root-missing",
        ("evidence", "check", "a.json", "--root", "nowhere"),
        answers(["制度.pdf"]),
        names=("nowhere", "--root is not a folder"),
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
