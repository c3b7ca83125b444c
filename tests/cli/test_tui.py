"""``dcmm assess`` and ``dcmm serve`` as processes: a kill -9 loses nothing, the web server answers."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from dcmm.cli import main
from dcmm.files import read_answer_file

ROOT = Path(__file__).resolve().parents[2]


def _environment() -> dict[str, str]:
    return os.environ | {"TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24", "PYTHONPATH": str(ROOT)}


def _wait_for(condition: object, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_help_does_not_import_textual() -> None:
    code = "import sys; from dcmm.cli import main; main(['assess', '--help']); print('textual' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert run.stdout.strip().endswith("False")
    assert "FILE" in run.stdout


def test_assess_refuses_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_assess_refuses_an_unknown_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(tmp_path / "new.json"), "--edition", "gbt00000-1999"]) == 1
    assert "unknown edition" in capsys.readouterr().err
    assert not (tmp_path / "new.json").exists()


def test_kill_9_loses_nothing_already_entered(blank_file: Path) -> None:
    """Grade in a real terminal, kill the process with SIGKILL, and find every grade on disk."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "dcmm", "assess", str(blank_file)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=_environment(),
        cwd=blank_file.parent,
        start_new_session=True,
    )
    os.close(terminal)
    try:

        def graded() -> int:
            try:
                answers = json.loads(blank_file.read_text(encoding="utf-8"))["answers"]
            except (OSError, ValueError):
                return -1  # a half-written file would show up here and fail the test below
            return sum(1 for a in answers.values() if a["grade"] is not None)

        screen = bytearray()

        def started() -> bool:
            screen.extend(_drain(controller))
            return "已答".encode() in screen  # the top bar of the main screen has been drawn

        assert _wait_for(started)
        time.sleep(0.5)
        for count, key in enumerate(b"1234", start=1):
            os.write(controller, bytes([key]))
            reached = _wait_for(lambda count=count: bool(_drain(controller) or True) and graded() == count)
            assert reached, f"grade {count} never reached the file"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(controller)
    answers, _ = read_answer_file(blank_file)
    first_four = list(answers.answers.values())[:4]
    assert [a.grade for a in first_four] == ["fully_met", "mostly_met", "partly_met", "not_met"]
    assert [p.name for p in blank_file.parent.iterdir() if p.name.endswith(".tmp")] == []


def _drain(fd: int) -> bytes:
    """Read what the app has drawn so far (the pty must not fill up)."""
    import select

    data = b""
    while select.select([fd], [], [], 0)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        data += chunk
    return data


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_answers_http_on_localhost_and_runs_the_questionnaire(blank_file: Path) -> None:
    """The page answers on 127.0.0.1, and a browser's websocket drives a real questionnaire."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dcmm", "serve", blank_file.name, "--port", str(port)],
        cwd=blank_file.parent,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        page: list[str] = []

        def answers() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    page.append(response.read().decode("utf-8", errors="replace"))
                    return bool(response.status == 200)
            except OSError:
                return server.poll() is not None  # stop waiting if the server died

        assert _wait_for(answers, timeout=30)
        assert server.poll() is None, "the server exited"
        assert "dcmm" in page[-1]
        assert "ws://127.0.0.1" in page[-1]  # the page connects back to this machine only
        asyncio.run(_grade_through_the_browser_socket(port, blank_file))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=10)


async def _grade_through_the_browser_socket(port: int, answer_file: Path) -> None:
    """What the browser does: open the websocket, wait for the main screen, press 1; the file has it."""
    import aiohttp

    drawn = ""
    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24") as socket,
    ):
        deadline = time.monotonic() + 30
        while "已答" not in drawn:
            assert time.monotonic() < deadline, "the questionnaire never drew its main screen"
            message = await socket.receive(timeout=30)
            if message.type == aiohttp.WSMsgType.BINARY:
                drawn += message.data.decode("utf-8", errors="replace")
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise AssertionError(f"the socket closed: {message.type}")
        await socket.send_json(["stdin", "1"])
        while _first_grade(answer_file) != "fully_met":
            assert time.monotonic() < deadline, "the grade never reached the answer file"
            await asyncio.sleep(0.05)


def _first_grade(answer_file: Path) -> object:
    answers = json.loads(answer_file.read_text(encoding="utf-8"))["answers"]
    return next(iter(answers.values()))["grade"]


def test_serve_on_a_busy_port_is_one_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run(
            [sys.executable, "-m", "dcmm", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert run.returncode == 1
    assert f"error: 127.0.0.1:{port}: cannot listen there" in run.stderr
    assert "Traceback" not in run.stderr
