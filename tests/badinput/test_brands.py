"""Brand files (YAML) given to report --brand: unknown keys, bad colours, a logo that is missing or no picture."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.badinput.harness import Case, example_answers, run_case

GOOD = "name: 某某咨询\nprimary: '#1F5FA8'\n"
REPORT = ("report", "a.json", "--format", "docx", "--brand", "brand.yaml", "--out", "out")


def brand(text: str, **more: bytes) -> dict[str, str | bytes]:
    return {"a.json": example_answers(1), "brand.yaml": text, **more}


CASES = [
    Case("brand-unknown-key", REPORT, brand(GOOD + "slogan: 最好\n"), names=("brand.yaml:3", "slogan")),
    Case(
        "brand-bad-colour",
        REPORT,
        brand("name: 某某咨询\naccent: red\n"),
        names=("brand.yaml:2", "accent", "not a colour"),
    ),
    Case("brand-logo-missing", REPORT, brand(GOOD + "logo: logo.png\n"), names=("brand.yaml:3", "logo", "logo.png")),
    Case(
        "brand-logo-not-a-picture",
        REPORT,
        brand(GOOD + "logo: logo.png\n", **{"logo.png": b"not a picture at all"}),
        names=("brand.yaml:3", "logo", "not a PNG or JPEG"),
    ),
    Case("brand-not-yaml", REPORT, brand("name: [\n"), names=("brand.yaml",)),
    Case("brand-missing", REPORT, {"a.json": example_answers(1)}, names=("brand.yaml",)),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
