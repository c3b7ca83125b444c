"""Answer files: malformed, hostile or ambiguous JSON given to score, report and the other answer commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.badinput.harness import Case, run_case

CASES = [
    Case("answers-not-json", ("score", "bad.json"), {"bad.json": "{"}, names=("bad.json:1",)),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
