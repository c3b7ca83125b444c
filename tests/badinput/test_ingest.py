"""Tracker ingest: score documents that are not what ``dcmm score --format json`` writes, beside good inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.badinput.harness import Case, example_answers, run_case
from tests.badinput.tracker_inputs import counted, first_result, score_document

DB = ("--db", "t.db")
WRITTEN = ("t.db*",)
HEAD = '{"format": "dcmm-score/1", '


def _set(*path: str | int, to: Any) -> Any:
    """A change to a score document: the member at ``path`` becomes ``to``."""

    def change(document: dict[str, Any]) -> None:
        target: Any = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = to

    return change


def _no_credit_code(document: dict[str, Any]) -> None:
    anonymous = dict(first_result(document), organisation={**first_result(document)["organisation"]})
    anonymous["organisation"]["credit_code"] = None
    document["results"].append(anonymous)


def _bad(body: str, name: str = "bad.json", where: str = "") -> Case:
    """A one-file case of a hand-written score document (``body`` after the format member)."""
    return Case(
        f"ingest-{name}-{where or 'json'}",
        ("tracker", "ingest", name, "--dry-run", *DB),
        {name: HEAD + body + "}"},
        names=(f"{name}:", *((where,) if where else ())),
    )


def _one(case_id: str, change: Any, where: str, *more: str) -> Case:
    """One score document changed by ``change``, ingested: refused with the field named, nothing written."""
    return Case(
        case_id,
        ("tracker", "ingest", "r.json", "--dry-run", *DB),
        {"r.json": score_document(change)},
        names=("r.json:", where, *more),
    )


CASES = [
    _bad('"results": 5, "errors": []', where="results"),
    _bad('"results": [{"organisation": []}], "errors": []', "org.json", "results[0].organisation"),
    _bad('"results": [], "errors": [5]', "errors.json", "errors[0]"),
    _bad('"results": [], "errors": {"a": 1}', "errors-object.json", "errors"),
    _bad('"results": []', "no-errors.json", "errors"),
    _bad('"results": [], "errors": [], "extra": {"deep": [1, 2]}', "extra.json", "extra"),
    _bad('"results": [', "cut.json"),
    _bad('"results": ' + "[" * 100_000 + "]" * 100_000 + ', "errors": []', "deep.json", "recursion"),
    _bad('"results": [' + ",".join(["5"] * 1_000_000) + '], "errors": []', "million.json", "10000"),
    _bad('"results": [' + ",".join(["5"] * 2000) + '], "errors": []', "many.json", "1900 more problems"),
    _bad('"results": [], "errors": [], "n": ' + "9" * 5000, "bignum.json", "out of range"),
    _one("ingest-level-1e400", _set("results", 0, "overall", "level", to=1e400), "results[0].overall.level"),
    _one("ingest-located-by-line", _set("results", 0, "target_level", to="3"), "r.json:16: results[0].target_level"),
    _one("ingest-score-nan-text", _set("results", 0, "overall", "score", to="NaN"), "results[0].overall.score"),
    _one("ingest-score-negative", _set("results", 0, "overall", "score", to=-1), "results[0].overall.score"),
    _one("ingest-name-object", _set("results", 0, "organisation", "name", to={"zh": "x"}), "organisation.name"),
    _one("ingest-edition-list", _set("results", 0, "edition", to=["gbt36073-2018"]), "results[0].edition"),
    _one("ingest-day-not-a-date", _set("results", 0, "assessed_on", to="2026-13-45"), "results[0].assessed_on"),
    _one("ingest-format-version", _set("format", to="dcmm-score/9"), "format"),
    _one("ingest-results-object", _set("results", to={"0": {}}), "results"),
    _one(
        "ingest-result-city-of-another-province",
        _set("results", 0, "organisation", "province", to="41"),
        "results[0].organisation.city",
        "济南市 lies in 山东省, not in 河南省",
    ),
    _one("ingest-party-type", _set("results", 0, "organisation", "party_type", to="丙方"), "party_type"),
    Case(
        "ingest-score-nan-literal",
        ("tracker", "ingest", "nan.json", "--dry-run", *DB),
        {"nan.json": lambda path: _nan_literal(path)},
        names=("nan.json:27: ", "results[0].overall.score"),
    ),
    Case(
        "ingest-untrackable-result-beside-a-good-one",
        ("tracker", "ingest", "r.json", *DB),
        {"r.json": score_document(_no_credit_code)},
        names=("r.json", "results[1].organisation.credit_code"),
        outputs=WRITTEN,
        stdout=("1 self-assessment(s) read, 1 new",),
        check=counted("self_assessment", 1),
    ),
    Case(
        "ingest-name-longer-than-the-tracker-keeps-beside-a-good-file",
        ("tracker", "ingest", "long.json", "good.json", *DB),
        {"long.json": lambda path: _long_name(path), "good.json": example_answers(2)},
        names=("long.json:1: organisation.name", "more than the 200"),
        outputs=WRITTEN,
        stdout=("1 self-assessment(s) read, 1 new",),
        check=counted("self_assessment", 1),
    ),
    Case(
        "ingest-bad-result-file-beside-a-good-answer-file",
        ("tracker", "ingest", "bad.json", "good.json", *DB),
        {"bad.json": HEAD + '"results": 5, "errors": []}', "good.json": example_answers(2)},
        names=("bad.json:", "results"),
        outputs=WRITTEN,
        stdout=("1 self-assessment(s) read, 1 new",),
        check=counted("self_assessment", 1),
    ),
    Case(
        "ingest-folder-of-bad-and-good-files",
        ("tracker", "ingest", "in", *DB),
        {
            "in/1-bad.json": score_document(_set("results", 0, "overall", "level", to=9)),
            "in/2-good.json": example_answers(3),
            "in/3-deep.json": HEAD + '"results": ' + "[" * 5000 + "]" * 5000 + ', "errors": []}',
            "in/4-good-result.json": score_document(),
        },
        names=("1-bad.json:", "results[0].overall.level", "3-deep.json:"),
        outputs=WRITTEN,
        stdout=("2 self-assessment(s) read, 2 new",),
        check=counted("self_assessment", 2),
    ),
    Case(
        "ingest-dry-run-creates-no-database",
        ("tracker", "ingest", "bad.json", "good.json", "--dry-run", *DB),
        {"bad.json": HEAD + '"results": [{"organisation": "x"}], "errors": []}', "good.json": example_answers(1)},
        names=("bad.json:", "results[0].organisation"),
        stdout=("dry run, nothing written: 1 self-assessment(s) read, 1 new",),
        check=lambda folder, _outcome: not (folder / "t.db").exists() or pytest.fail("t.db was created"),
    ),
]


def _long_name(path: Path) -> None:
    answers = json.loads(example_answers(1))
    answers["organisation"]["name"] = "名" * 201
    path.write_text(json.dumps(answers, ensure_ascii=False), "utf-8")


def _nan_literal(path: Path) -> None:
    """A score document with its overall score as the bare NaN that Python's json module writes for float("nan")."""
    score_document()(path)
    text = path.read_text(encoding="utf-8")
    start = text.index('"score": ', text.index('"overall": ')) + len('"score": ')
    end = text.index("\n", start)
    path.write_text(text[:start] + "NaN," + text[end:], encoding="utf-8")


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
