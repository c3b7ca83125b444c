"""One input that meets a fault of dcmm does not stop the others, and a write that fails loses nothing.

The faults are injected (no honest input makes dcmm fail once the corpus has been fixed): a scorer that
raises for one file, a reader that raises, a file system that fills up during an atomic write.
"""

from __future__ import annotations

import csv
import errno
import importlib
import io
import json
import os
import shutil
from pathlib import Path
from typing import BinaryIO

import pytest

from dcmm.assessments import ScoredFile, scored_input
from dcmm.core.errors import UserError
from dcmm.files import AnswerInput, write_atomically, write_atomically_with
from dcmm.files.writing import NotWritten
from tests.cli.running import run
from tests.conftest import EXAMPLES

BROKEN = "02-"  # the example whose processing is made to fail


@pytest.fixture
def answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of the four examples; crash logs go to a cache folder of the test's own."""
    folder = tmp_path / "answers"
    folder.mkdir()
    for example in sorted(EXAMPLES.glob("0*.json")):
        shutil.copy(example, folder / example.name)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def _crash_logs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").rglob("crash-*.log"))


def _failing_scorer(*modules: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for module in modules:  # imported before the patch, or it would import the patched name and keep it
        importlib.import_module(module)

    def scorer(read: AnswerInput, *args: object, **kwargs: object) -> ScoredFile:
        if BROKEN in read.path.name:
            raise KeyError("injected fault")
        return scored_input(read, *args, **kwargs)  # type: ignore[arg-type]

    for module in modules:
        monkeypatch.setattr(f"{module}.scored_input", scorer)


def test_score_reports_the_failed_file_and_scores_the_others(
    answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_scorer("dcmm.assessments", monkeypatch=monkeypatch)
    result = run("score", str(answers), "--format", "csv")
    assert result.code == 3, result.err
    scored = [row["file"] for row in csv.DictReader(io.StringIO(result.out))]
    assert len(scored) == 3 and not any(BROKEN in name for name in scored)
    (line,) = [line for line in result.err.splitlines() if "internal error" in line]
    assert line.startswith(f"error: {answers / '02-'}") and "(KeyError)" in line
    (log,) = _crash_logs(tmp_path)
    assert str(log) in line and "injected fault" in log.read_text(encoding="utf-8")


def test_a_reader_that_fails_on_one_file_stops_nothing(
    answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dcmm.files import read_answers

    def reader(path: Path, *args: object) -> AnswerInput:
        if BROKEN in Path(path).name:
            raise RuntimeError("injected fault")
        return read_answers(path)

    monkeypatch.setattr("dcmm.assessments.read_answers", reader)
    result = run("score", str(answers), "--format", "json", "--lang", "en")
    assert result.code == 3
    assert len(json.loads(result.out)["results"]) == 3 and "(RuntimeError)" in result.err
    assert len(_crash_logs(tmp_path)) == 1


# HTML only: the PDF renderer in worker processes, past a bad file, is covered by tests/cli/test_report.py's batch.
@pytest.mark.parametrize(("fmt", "jobs"), [("html", "1"), ("html", "2")])
def test_a_batch_of_reports_finishes_past_a_failed_file(
    fmt: str, jobs: str, answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing_scorer("dcmm.assessments", "dcmm.report.batch", monkeypatch=monkeypatch)  # workers fork with it
    out = tmp_path / "reports"
    result = run("score", str(answers), f"--{fmt}", "--out", str(out), "--jobs", jobs, "--lang", "en")
    assert result.code == 3, result.err
    assert len(list(out.glob(f"示例*_en.{fmt}"))) == 3 and (out / "portfolio_en.xlsx").exists()
    assert "(KeyError)" in result.err and str(answers / BROKEN) in result.err
    portfolio = (out / "portfolio_en.csv").read_text(encoding="utf-8-sig")
    assert portfolio.count("\n") == 4  # the header and the three good files
    assert len(_crash_logs(tmp_path)) == 1


def test_a_write_error_is_one_line_and_the_batch_goes_on(
    answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dcmm.report import rows

    real, calls = rows.write_csv, []

    def full_disk(path: Path, *args: object) -> None:
        calls.append(path)
        if len(calls) == 1:  # the first organisation's findings
            raise NotWritten(path, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)))
        real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(rows, "write_csv", full_disk)
    out = tmp_path / "reports"
    result = run("score", str(answers), "--html", "--out", str(out), "--lang", "en", "--jobs", "1")
    assert result.code == 1, result.err
    (line,) = [line for line in result.err.splitlines() if line.startswith("error:")]
    assert "No space left on device" in line and "internal error" not in result.err
    assert str(calls[0]) in line and not _crash_logs(tmp_path)
    assert (out / "portfolio_en.csv").read_text(encoding="utf-8-sig").count("\n") == 4  # header and three files


def test_a_full_disk_during_an_atomic_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "kept.json"
    target.write_text("old\n", encoding="utf-8")

    def half_then_full(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(NotWritten) as raised:
        write_atomically_with(target, half_then_full)
    assert isinstance(raised.value, UserError) and raised.value.errno == errno.ENOSPC
    assert str(raised.value.problems[0]).startswith(f"{target}: cannot be written: No space left on device")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kept.json"]


def test_a_full_disk_under_a_command_is_one_line(
    answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "scores.json"
    target.write_text("old\n", encoding="utf-8")

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("dcmm.files.writing.os.fsync", fsync)
    result = run(
        "score", str(answers / "01-00001-gbt36073-2018.json"), "--format", "json", "-o", str(target), "--force"
    )
    assert result.code == 1
    assert (
        result.err
        == f"error: {target}: cannot be written: No space left on device; nothing already there was changed\n"
    )
    assert target.read_text(encoding="utf-8") == "old\n" and sorted(os.listdir(tmp_path)) == ["answers", "scores.json"]


def test_a_name_just_under_the_limit_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 250 + ".json")  # 255 bytes: the temporary file beside it must be shorter
    write_atomically(target, "{}\n")
    assert target.read_text(encoding="utf-8") == "{}\n" and len(os.listdir(tmp_path)) == 1
