"""A batch stopped by SIGINT (Ctrl+C) or SIGTERM stops its workers and leaves no half-written file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dcmm.cli.errors import EXIT_INTERRUPTED
from tests.conftest import EXAMPLES

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


@pytest.mark.parametrize("stop", ["SIGINT to the group", "SIGTERM"])
def test_a_stopped_batch_leaves_no_worker_and_no_partial_file(tmp_path: Path, stop: str) -> None:
    answers = tmp_path / "answers"
    answers.mkdir()
    for copy in range(3):
        for source in sorted(EXAMPLES.glob("*.json")):
            shutil.copy(source, answers / f"{copy}-{source.name}")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "dcmm", "score", str(answers), "--pdf", "--out", str(out), "--jobs", "2"]
    batch = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        wait_for(lambda: len(children_of(batch.pid)) >= 2, 60)
        workers = children_of(batch.pid)
        time.sleep(3)  # the workers are rendering their first PDFs
        if stop == "SIGTERM":
            batch.send_signal(signal.SIGTERM)
        else:
            os.killpg(batch.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
        _stdout, stderr = batch.communicate(timeout=60)
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
            batch.wait()
    assert batch.returncode == EXIT_INTERRUPTED, stderr
    assert "Traceback" not in stderr
    wait_for(lambda: not any(alive(pid) for pid in workers), 10)
    written = sorted(path.name for path in out.iterdir()) if out.exists() else []
    assert not [name for name in written if name.startswith(".") or name.endswith(".tmp")]
    assert len(written) < 12  # stopped before the end: no portfolio, not every report
    for name in written:
        data = (out / name).read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), name
