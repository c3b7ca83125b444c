"""``dcmm score --pdf`` as a consultant runs it: worker processes, duplicate organisations, the domain matrix."""

from __future__ import annotations

import os
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
