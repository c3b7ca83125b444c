"""``dcmm score --pdf`` as a consultant runs it: worker processes, duplicate organisations, the domain matrix."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from dcmm.cli import options
from tests.cli.running import run
from tests.report.conftest import example_path


def test_cores_follow_the_affinity_mask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 3, 5}, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)
    assert options.available_cores() == 3


def test_cores_without_an_affinity_mask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "process_cpu_count", raising=False)
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: None)  # the system cannot tell
    assert options.available_cores() == 1
    monkeypatch.setattr(os, "cpu_count", lambda: 1024)
    assert options.available_cores() == 256


def test_jobs_default_to_the_cores(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    seen: list[int] = []

    def recording(inputs: object, folder: object, formats: object, jobs: int, *rest: object) -> int:
        seen.append(jobs)
        return 0

    monkeypatch.setattr(options, "available_cores", lambda: 7)
    monkeypatch.setattr("dcmm.cli.report.write_batch_reports", recording)
    assert run("score", str(example_path(1)), "--html", "--out", str(tmp_path)).code == 0
    assert run("score", str(example_path(1)), "--html", "--out", str(tmp_path), "-j", "2").code == 0
    assert seen == [7, 2]


def test_a_duplicate_credit_code_is_named_on_stderr(tmp_path: Path) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    shutil.copy(example_path(1), answers / "a.json")
    shutil.copy(example_path(1), answers / "b.json")  # the same date: the later file is counted
    result = run("score", str(answers), "--html", "--out", str(tmp_path / "out"), "--lang", "en", "-j", "1")
    assert result.code == 0
    assert f"{answers / 'a.json'}: same credit code 91370100MA3C00001H as {answers / 'b.json'}" in result.err
    assert "1 answer file(s) left out of the portfolio" in result.err
    assert len(list((tmp_path / "out").glob("*.html"))) == 3  # both reports and the portfolio
