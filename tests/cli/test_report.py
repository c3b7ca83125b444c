"""The report commands end to end: ``score --pdf`` batches, ``report``, ``compare`` and ``doctor``."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from dcmm.cli import Context, main
from dcmm.core.answers import blank_answer_file
from dcmm.files import load_edition
from dcmm.report.batch import QUICK_SCAN_MESSAGE, run_batch
from dcmm.report.build import ReportOptions
from dcmm.report.doctor import Probes, format_checks, run_checks
from tests.report.conftest import example_data, example_path


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, Context(out, err))
    return code, out.getvalue(), err.getvalue()


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, Path]:
    """Two organisations and one broken file, in English, on two worker processes."""
    answers = tmp_path_factory.mktemp("answers")
    shutil.copy(example_path(2), answers)
    shutil.copy(example_path(3), answers)
    (answers / "broken.json").write_text('{"edition": "gbt36073-2018", "organisation": ', encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    code, stdout, stderr = run(["score", str(answers), "--pdf", "--out", str(out), "--jobs", "2", "--lang", "en"])
    return code, stdout, stderr, out


def test_batch_reports_bad_files_and_does_the_rest(batch: tuple[int, str, str, Path]) -> None:
    code, stdout, stderr, out = batch
    assert code == 1
    assert "broken.json:1: not valid JSON" in stderr
    names = sorted(p.name for p in out.iterdir())
    for number in (2, 3):
        org = example_data(number)["organisation"]["name"].replace("（", "(").replace("）", ")")
        stem = f"{org}_2026-10-15_gbt36073-2018_en"
        assert {f"{stem}.pdf", f"{stem}-findings.xlsx", f"{stem}-findings.csv"} <= set(names)
        assert f"{stem}.pdf" in stdout
    assert {"portfolio_en.csv", "portfolio_en.xlsx", "portfolio_en.pdf"} <= set(names)
    assert len(names) == 9


def test_batch_report_is_in_english(batch: tuple[int, str, str, Path]) -> None:
    out = batch[3]
    (report,) = out.glob("*秦川*.pdf")
    text = pdf_text(report)
    assert "Executive summary" in text and "Appendix B: how the scores were computed" in text
    assert "Data strategy" in text and "Data lifecycle" in text
    assert example_data(3)["organisation"]["name"] in text
    assert "L3 Robust" in text


def test_portfolio_summary(batch: tuple[int, str, str, Path]) -> None:
    out = batch[3]
    text = pdf_text(out / "portfolio_en.pdf")
    for number in (2, 3):
        assert example_data(number)["organisation"]["name"] in text
    assert "Level distribution" in text and "Gaps most organisations share" in text
    assert "broken.json" in text  # the rejected file is listed
    table = list(csv.DictReader(io.StringIO((out / "portfolio_en.csv").read_text(encoding="utf-8-sig"))))
    assert [row["Organisation"] for row in table] == [example_data(n)["organisation"]["name"] for n in (3, 2)]
    assert [row["Level"] for row in table] == ["3", "2"]


def test_batch_in_one_process_gives_duplicates_unique_names(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(example_path(1), answers / "a.json")
    shutil.copy(example_path(1), answers / "b.json")
    quick_scan = {"edition": "gbt36073-2018", "organisation": {"name": "示例单位"}, "quick_scan": {"6.1": 2}}
    _write(answers / "c-quick-scan.json", quick_scan)
    outcome = run_batch([answers], tmp_path / "out", ReportOptions("zh", ("html", "csv")), jobs=1)
    assert [(Path(p.file).name, p.message) for p in outcome.problems] == [("c-quick-scan.json", QUICK_SCAN_MESSAGE)]
    assert [e.report for e in outcome.entries] == [
        "示例·齐鲁精工机械有限公司(虚构)_2026-10-15_gbt36073-2018_zh.html",
        "示例·齐鲁精工机械有限公司(虚构)_2026-10-15_gbt36073-2018_zh-2.html",
    ]
    assert sorted(outcome.portfolio) == ["csv", "html", "xlsx"]


def test_score_without_report_flags_still_prints_scores(tmp_path: Path) -> None:
    code, stdout, _err = run(["score", str(example_path(1)), "--out", str(tmp_path / "unused")])
    assert code == 0 and "1.58" in stdout
    assert not (tmp_path / "unused").exists()


def test_jobs_must_be_positive() -> None:
    assert run(["score", str(example_path(1)), "--pdf", "--jobs", "0"])[0] == 2


def test_report_command_writes_the_chosen_formats(tmp_path: Path) -> None:
    code, stdout, _err = run(
        ["report", str(example_path(4)), "--format", "html", "--format", "xlsx", "--out", str(tmp_path), "--lang", "en"]
    )
    assert code == 0
    written = [Path(line) for line in stdout.split()]
    assert [p.suffix for p in written] == [".html", ".xlsx"] and all(p.exists() for p in written)


def test_report_command_rejects_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    code, _out, err = run(["report", str(bad), "--out", str(tmp_path)])
    assert code == 1 and "bad.json:1: expected a JSON object" in err


def _write(path: Path, data: dict) -> Path:  # type: ignore[type-arg]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_compare_prints_what_changed(tmp_path: Path) -> None:
    new = example_data(1)
    improved = next(c for c, a in new["answers"].items() if a["grade"] == "not_met")
    regressed = next(c for c, a in new["answers"].items() if a["grade"] == "fully_met")
    new["answers"][improved] = {"grade": "fully_met", "evidence": ["立项书"]}
    new["answers"][regressed] = {"grade": "partly_met"}
    code, out, _err = run(["compare", str(example_path(1)), str(_write(tmp_path / "new.json", new)), "--lang", "en"])
    assert code == 0
    assert "Criteria that improved (1)" in out and improved in out
    assert "Criteria that regressed (1)" in out and regressed in out
    assert "Data strategy" in out


def test_compare_writes_the_report_with_a_comparison_chapter(tmp_path: Path) -> None:
    code, _out, _err = run(["compare", str(example_path(1)), str(example_path(1)), "--html", "--out", str(tmp_path)])
    assert code == 0
    (html,) = tmp_path.glob("*.html")
    assert 'id="comparison"' in html.read_text(encoding="utf-8")


def test_compare_refuses_two_editions_without_a_crosswalk(tmp_path: Path) -> None:
    other = blank_answer_file(load_edition("gbt36073-2025"), "示例单位")
    code, _out, err = run(["compare", str(_write(tmp_path / "2025.json", other)), str(example_path(1))])
    assert code == 1 and "no crosswalk from gbt36073-2025 to gbt36073-2018" in err


def test_doctor_passes_on_a_prepared_machine() -> None:
    code, out, _err = run(["doctor"])
    assert code == 0, out
    assert "ok       CJK fonts: Noto Sans CJK SC" in out and "ok       HarfBuzz subsetter" in out


def test_doctor_says_how_to_fix_what_is_missing() -> None:
    probes = Probes(
        font_families=lambda: {"DejaVu Sans"},
        loadable=lambda names: None if "harfbuzz" in names[0] else names[0],
        weasyprint_version=lambda: "70.0",
        which=lambda name: None,
    )
    checks = run_checks(probes)
    lines = format_checks(checks)
    assert "MISSING  CJK fonts: missing Noto Sans CJK SC, Noto Serif CJK SC" in lines[0]
    assert any("sudo apt-get install fonts-noto-cjk" in line for line in lines)
    assert any("sudo apt-get install libharfbuzz-subset0" in line for line in lines)
    assert any(line.startswith("optional pdftoppm") for line in lines)
    assert [c.ok for c in checks] == [False, False, True, True, False]


def test_help_does_not_load_weasyprint() -> None:
    probe = (
        "import io, sys; from dcmm.cli import Context, main; main(['report', '--help'], Context(io.StringIO())); "
        "print('weasyprint' in sys.modules)"
    )
    run_ = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run_.stdout.strip() == "False"
