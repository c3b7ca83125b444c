"""Batches read each answer file once, and every report file is replaced atomically."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import BinaryIO

import pytest

from dcmm import files
from dcmm.assessments import ScoredFile
from dcmm.files import answers as loading
from dcmm.report import batch
from dcmm.report.batch import JobSettings, plan_jobs, run_batch, run_job
from dcmm.report.build import ReportOptions, write_report_files
from dcmm.report.portfolio import PortfolioEntry
from tests.report.conftest import example_data, example_path


def test_each_answer_file_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for number in (1, 2):
        shutil.copy(example_path(number), answers / f"{number}.json")
    reads: list[str] = []
    real = loading.read_answers

    def counting(path: str | Path, *args: object, **kwargs: object) -> loading.AnswerInput:
        reads.append(Path(path).name)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("dcmm.assessments.read_answers", counting)
    outcome = run_batch([answers], tmp_path / "out", ReportOptions("zh", ("csv",)), jobs=1)
    assert len(outcome.entries) == 2 and sorted(reads) == ["1.json", "2.json"]


def test_the_report_carries_the_digest_of_the_bytes_scored(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    shutil.copy(example_path(1), path)
    original = hashlib.sha256(path.read_bytes()).hexdigest()
    options = ReportOptions("zh", ("html",))
    (job,), problems = plan_jobs([path], options)
    assert problems == []
    changed = example_data(1)
    changed["organisation"]["name"] = "改过的单位"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")  # changed after it was read
    entry = run_job(job, JobSettings(tmp_path, options, None, None))
    assert isinstance(entry, PortfolioEntry)
    assert entry.organisation == example_data(1)["organisation"]["name"]
    html = (tmp_path / entry.report).read_text(encoding="utf-8")
    assert original in html and "改过的单位" not in html


def test_a_failed_write_leaves_the_previous_file(
    scored_examples: list[ScoredFile], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = ReportOptions("en", ("xlsx", "csv"))
    written, _context = write_report_files(scored_examples[0], tmp_path, "org", options)
    before = {fmt: path.read_bytes() for fmt, path in written.items()}

    def broken_save(self: object, handle: BinaryIO) -> None:
        handle.write(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.Workbook.save", broken_save)
    with pytest.raises(OSError, match="disk full"):
        write_report_files(scored_examples[0], tmp_path, "org", options)
    assert {fmt: path.read_bytes() for fmt, path in written.items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written.values())  # no temp file


def test_portfolio_files_are_written_through_the_atomic_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    targets: list[str] = []
    real = files.write_atomically_with

    def recording(path: Path, write: object) -> None:
        targets.append(path.name)
        real(path, write)  # type: ignore[arg-type]

    monkeypatch.setattr("dcmm.report.rows.write_atomically_with", recording)
    monkeypatch.setattr("dcmm.report.rows.write_atomically", lambda path, data, **kw: targets.append(path.name))
    monkeypatch.setattr("dcmm.report.batch.write_atomically", lambda path, data, **kw: targets.append(path.name))
    batch.write_portfolio([], [], tmp_path, ReportOptions("en", ("html",)))
    assert sorted(targets) == ["portfolio_en.csv", "portfolio_en.html", "portfolio_en.xlsx"]
