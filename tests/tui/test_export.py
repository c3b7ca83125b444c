"""Exports from the summary: written whole, never over the answer file, with the digest of what was saved."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from dcmm.core.errors import InternalError
from dcmm.files import UserError
from dcmm.tui.export import STEPS, export_assessment
from tests.tui.conftest import an_unanswered_criterion, gap_report, open_assessment


def _no_progress(_done: int, _steps: int) -> None:
    pass


def test_a_json_export_replaces_an_earlier_one_whole(example_file: Path, tmp_path: Path) -> None:
    session = open_assessment(example_file)
    steps: list[int] = []
    first = export_assessment(session, tmp_path / "out", "json", "zh", lambda done, _all: steps.append(done))
    assert steps == list(range(1, STEPS + 1))
    session.set_grade(an_unanswered_criterion(example_file), "fully_met")
    again = export_assessment(session, tmp_path / "out", "json", "zh", _no_progress)
    assert again == first
    document = json.loads(again.read_text(encoding="utf-8"))
    assert document["results"][0]["overall"]["score"] == session.score().overall.score
    assert sorted(p.name for p in again.parent.iterdir()) == [again.name]  # no temporary file left behind


def test_an_export_never_replaces_the_answer_file_through_a_link(example_file: Path, tmp_path: Path) -> None:
    session = open_assessment(example_file)
    before = example_file.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{example_file.stem}.score.json").symlink_to(example_file)
    with pytest.raises(UserError, match="input"):
        export_assessment(session, out, "json", "zh", _no_progress)
    assert example_file.read_bytes() == before


def test_an_html_export_never_replaces_the_answer_file_and_carries_the_saved_digest(
    example_file: Path, tmp_path: Path
) -> None:
    session = open_assessment(example_file)
    target = an_unanswered_criterion(example_file)
    session.set_grade(target, "mostly_met")  # saved: the file on disk is what the session holds
    report = export_assessment(session, tmp_path / "out", "html", "zh", _no_progress, gap_report)
    assert hashlib.sha256(example_file.read_bytes()).hexdigest() in report.read_text(encoding="utf-8")
    assert sorted(p.name for p in report.parent.iterdir()) == [report.name]  # the draft folder is gone
    report.unlink()
    os.link(example_file, report)
    before = example_file.read_bytes()
    with pytest.raises(UserError, match="input"):
        export_assessment(session, tmp_path / "out", "html", "zh", _no_progress, gap_report)
    assert example_file.read_bytes() == before


def test_a_report_export_without_a_report_writer_is_a_fault_of_the_caller(example_file: Path, tmp_path: Path) -> None:
    with pytest.raises(InternalError, match="report writer"):
        export_assessment(open_assessment(example_file), tmp_path / "out", "pdf", "en", _no_progress)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", ["json", "html"])
@pytest.mark.parametrize("where", ["file.txt", "file.txt/sub"], ids=["a file", "under a file"])
def test_an_export_folder_that_is_or_lies_under_a_file_is_one_line(
    kind: str, where: str, example_file: Path, tmp_path: Path
) -> None:
    session = open_assessment(example_file)
    (tmp_path / "file.txt").write_text("kept\n", encoding="utf-8")
    with pytest.raises(UserError) as raised:
        export_assessment(session, tmp_path / where, kind, "zh", _no_progress, gap_report)  # type: ignore[arg-type]
    (problem,) = raised.value.problems
    assert "file.txt" in str(problem) and ("folder" in str(problem) or "Not a directory" in str(problem))
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "kept\n"
