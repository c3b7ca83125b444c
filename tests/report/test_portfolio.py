"""The portfolio counts each organisation once and sets every client's domain scores side by side."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dcmm.report.batch import run_batch
from dcmm.report.build import ReportOptions
from dcmm.report.portfolio import DomainScore, PortfolioEntry, newest_per_organisation, portfolio_context
from tests.report.conftest import example_data, example_path


def entry(file: str, code: str, assessed_on: str, score: float = 2.0) -> PortfolioEntry:
    return PortfolioEntry(
        organisation=f"单位{code[-1:] or '?'}",
        credit_code=code,
        region="",
        industry="",
        edition="gbt36073-2018",
        assessed_on=assessed_on,
        score=score,
        level=int(score),
        level_name="",
        target_level=3,
        points_to_target=1.0,
        completeness=100.0,
        file=file,
        report=file.replace(".json", ".pdf"),
        gap_ids=[],
        domains=[DomainScore(id="6", score=score, level=int(score))],
    )


def test_the_newest_assessment_of_a_credit_code_is_kept() -> None:
    entries = [entry("a.json", "C1", "2027-01-01"), entry("b.json", "C1", "2026-01-01"), entry("c.json", "C2", "")]
    kept, duplicates = newest_per_organisation(entries)
    assert [e.file for e in kept] == ["a.json", "c.json"]
    assert [(d.file, d.kept_file, d.assessed_on, d.kept_assessed_on) for d in duplicates] == [
        ("b.json", "a.json", "2026-01-01", "2027-01-01")
    ]


def test_on_the_same_date_the_later_file_is_kept_and_a_dated_file_beats_an_undated_one() -> None:
    kept, duplicates = newest_per_organisation(
        [entry("a.json", "C1", "2026-05-05"), entry("b.json", "C1", "2026-05-05")]
    )
    assert [e.file for e in kept] == ["b.json"] and [d.file for d in duplicates] == ["a.json"]
    kept, _ = newest_per_organisation([entry("a.json", "C1", "2026-05-05"), entry("b.json", "C1", "")])
    assert [e.file for e in kept] == ["a.json"]


def test_files_without_a_credit_code_are_never_merged() -> None:
    kept, duplicates = newest_per_organisation([entry("a.json", "", "2026-01-01"), entry("b.json", "", "2026-01-01")])
    assert len(kept) == 2 and duplicates == []


def test_a_duplicate_counts_in_none_of_the_figures() -> None:
    entries = [entry("old.json", "C1", "2026-01-01", 1.0), entry("new.json", "C1", "2027-01-01", 3.0)]
    context = portfolio_context([*entries, entry("other.json", "C2", "2026-01-01", 2.0)], [], "en")
    assert context.count == 2 and context.mean_score == 2.5
    assert [r.count for r in context.distribution][:3] == [0, 1, 1]
    (matrix,) = context.matrices
    assert [(r.credit_code, r.scores[0]) for r in matrix.rows] == [("C1", 3.0), ("C2", 2.0)]
    assert matrix.rows[0].scores[1:] == [None] * 7  # domains the entry has no score for are empty, not 0
    assert [d.file for d in context.duplicates] == ["old.json"]


@pytest.fixture(scope="module")
def batch_with_a_duplicate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    answers = tmp_path_factory.mktemp("answers")
    shutil.copy(example_path(1), answers / "a-first.json")
    shutil.copy(example_path(2), answers / "b-other.json")
    again = example_data(1)
    again["assessed_on"] = "2027-03-01"
    for criterion in list(again["answers"])[:40]:
        again["answers"][criterion] = {"grade": "fully_met", "evidence": ["制度文件"]}
    (answers / "c-again.json").write_text(json.dumps(again, ensure_ascii=False), encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    outcome = run_batch([answers], out, ReportOptions("en", ("html",)), jobs=1)
    assert len(outcome.entries) == 3  # every file still has its own report
    return out, again


def test_the_portfolio_files_count_the_organisation_once(batch_with_a_duplicate: tuple[Path, dict[str, Any]]) -> None:
    out, _again = batch_with_a_duplicate
    table = list(csv.DictReader(io.StringIO((out / "portfolio_en.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(row["Assessed on"] for row in table) == ["2026-10-15", "2027-03-01"]
    assert [row["Answer file"].rsplit("/", 1)[-1] for row in table if row["Credit code"] == "91370100MA3C00001H"] == [
        "c-again.json"
    ]
    assert len(list(out.glob("*_2026-10-15_*_en.html"))) == 2  # the older assessment's own report is written
    html = (out / "portfolio_en.html").read_text(encoding="utf-8")
    assert 'id="duplicates"' in html and "a-first.json" in html
    assert html.count('class="chart heatmap"') == 1


def test_the_workbook_holds_the_domain_matrix_shaded(batch_with_a_duplicate: tuple[Path, dict[str, Any]]) -> None:
    out, _again = batch_with_a_duplicate
    book = load_workbook(out / "portfolio_en.xlsx")
    sheet = book["Domain scores"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Organisation", "Unified social credit code", "Overall", "Level"]
    assert header[4] == "6 Data strategy" and header[-1] == "13 Data lifecycle"
    codes = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(codes) == ["91370100MA3C00001H", "91370200MA3C00002R"]
    assert all(isinstance(value, float) for value in next(sheet.iter_rows(min_row=2, min_col=5, values_only=True)))
    (shaded,) = sheet.conditional_formatting
    assert str(shaded.sqref) == "E2:L3"
    duplicates = list(book["Duplicates"].iter_rows(min_row=2, values_only=True))
    assert [(Path(str(d[2])).name, Path(str(d[5])).name) for d in duplicates] == [("a-first.json", "c-again.json")]
