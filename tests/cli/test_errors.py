"""The one error handler: exit 1 for rejected input, 2 for usage, 3 with a crash log for a fault of dcmm."""

from __future__ import annotations

from pathlib import Path

import pytest

import dcmm.files
from tests.cli.running import run


def _explode() -> list[str]:
    raise RuntimeError("boom")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder / "dcmm"


def test_a_user_error_is_its_problem_lines_and_exit_1() -> None:
    result = run("questionnaire", "show", "no-such-edition")
    assert result.code == 1 and result.out == ""
    assert result.err.splitlines() and all(line.startswith("error: ") for line in result.err.splitlines())
    assert "Traceback" not in result.err


def test_messages_follow_the_chosen_language() -> None:
    result = run("score", "does-not-exist.json", "--lang", "zh")
    assert result.code == 1
    assert "错误：does-not-exist.json: 文件不存在" in result.err and "已评分 0 个" in result.err


def test_usage_errors_are_exit_2() -> None:
    assert run("score", "x.json", "--no-such-option").code == 2
    result = run("score", "x.json", "--jobs", "0", "--pdf")
    assert result.code == 2 and "--jobs" in result.err
    assert run("tracker").code == 2  # a group without its command


def test_an_unexpected_error_is_one_line_naming_the_crash_log(monkeypatch: pytest.MonkeyPatch, cache: Path) -> None:
    monkeypatch.setattr(dcmm.files, "available_editions", _explode)
    result = run("questionnaire", "list")
    assert result.code == 3
    (line,) = result.err.splitlines()
    (log,) = cache.glob("crash-*.log")
    assert str(log) in line and "RuntimeError" in line and "--debug" in line
    written = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written and "RuntimeError: boom" in written


def test_debug_shows_the_traceback_instead(monkeypatch: pytest.MonkeyPatch, cache: Path) -> None:
    monkeypatch.setattr(dcmm.files, "available_editions", _explode)
    result = run("--debug", "questionnaire", "list")
    assert result.code == 3
    assert "Traceback (most recent call last)" in result.err and "RuntimeError: boom" in result.err
    assert not cache.exists()


def test_a_broken_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    def closed_pipe() -> list[str]:
        raise BrokenPipeError

    monkeypatch.setattr(dcmm.files, "available_editions", closed_pipe)
    result = run("questionnaire", "list")
    assert (result.code, result.err) == (0, "")


def test_batch_work_reports_the_bad_input_and_does_the_rest(tmp_path: Path) -> None:
    good = Path(__file__).resolve().parents[2] / "examples" / "answers" / "01-00001-gbt36073-2018.json"
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    result = run("score", str(good), str(tmp_path / "bad.json"), "--format", "json")
    assert result.code == 1 and '"results"' in result.out and "error: " in result.err
