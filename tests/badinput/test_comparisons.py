"""Comparisons and portfolios: two organisations, a file that is no answer file, editions without a crosswalk,
a report in the way, and one organisation twice in a batch. Nothing is written when a comparison is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dcmm.core.answers import blank_answer_file
from dcmm.files import load_edition
from tests.badinput.harness import Case, Outcome, example_answers, run_case

FIRST = example_answers(1)
OTHER = example_answers(2)  # another organisation (another credit code)
BLANK_2025 = json.dumps(blank_answer_file(load_edition("gbt36073-2025"), "示例单位"), ensure_ascii=False)
REPORT = "示例·齐鲁精工机械有限公司(虚构)_2026-10-15_gbt36073-2018_zh.html"
SCORE_DOCUMENT = json.dumps({"format": "dcmm-score", "results": [], "problems": []})


def later(days: str) -> bytes:
    data = json.loads(FIRST)
    data["assessed_on"] = days
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def untouched(name: str, content: str) -> Callable[[Path, Outcome], None]:
    def check(folder: Path, outcome: Outcome) -> None:
        assert (folder / name).read_text(encoding="utf-8") == content, outcome.err

    return check


def one_counted(folder: Path, outcome: Outcome) -> None:
    table = (folder / "out" / "portfolio_en.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(table) == 2 and "b-2027.json" in table[1], table  # the header and the newer assessment


CASES = [
    Case(
        "compare-two-organisations",
        ("compare", "a.json", "b.json", "--html", "--out", "out"),
        {"a.json": FIRST, "b.json": OTHER},
        names=("b.json: organisation.credit_code", "another organisation", "91370200MA3C00002R"),
    ),
    Case(
        "compare-two-organisations-as-json",
        ("compare", "a.json", "b.json", "--format", "json"),
        {"a.json": FIRST, "b.json": OTHER},
        names=("b.json", "another organisation"),
    ),
    Case(
        "compare-a-score-document",
        ("compare", "a.json", "scores.json", "--format", "csv"),
        {"a.json": FIRST, "scores.json": SCORE_DOCUMENT},
        names=("scores.json",),
    ),
    Case(
        "compare-newer-edition-first",
        ("compare", "new.json", "old.json", "--pdf", "--out", "out"),
        {"new.json": BLANK_2025, "old.json": FIRST},
        names=("old.json: edition", "no crosswalk from gbt36073-2025 to gbt36073-2018"),
    ),
    Case(
        "compare-onto-an-existing-report",
        ("compare", "a.json", "b.json", "--html", "--out", "."),
        {"a.json": FIRST, "b.json": FIRST, REPORT: "<p>an earlier report</p>"},
        names=(REPORT, "--force"),
        check=untouched(REPORT, "<p>an earlier report</p>"),
    ),
    Case(
        "compare-onto-its-own-input",
        ("compare", "a.json", REPORT, "--html", "--out", ".", "--force"),
        {"a.json": FIRST, REPORT: FIRST.decode("utf-8")},
        names=(REPORT,),
        check=untouched(REPORT, FIRST.decode("utf-8")),
    ),
    Case(
        "score-one-organisation-twice",
        ("score", "in", "--html", "--out", "out", "--lang", "en", "--jobs", "1"),
        {"in/a-2026.json": FIRST, "in/b-2027.json": later("2027-03-01")},
        exit=0,
        names=("a-2026.json: same credit code 91370100MA3C00001H", "b-2027.json (2027-03-01)"),
        outputs=("out", "out/*"),
        produced=("out/portfolio_en.html",),
        check=one_counted,
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
