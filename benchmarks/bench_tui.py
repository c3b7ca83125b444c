"""The terminal questionnaire: start-up to the first interactive screen, and key press to next criterion.

    python benchmarks/bench_tui.py [--keys 420] [--runs 5]

Measured with Textual's Pilot at 80x24 on the full 2018 questionnaire (420 criteria):
- start-up, in process: from creating the app on a saved answer file to the main screen ready for
  keys (tree built, first score shown). Baseline: an empty Textual app started the same way.
- start-up, cold: ``python -m dcmm assess FILE`` in a pseudo-terminal until the main screen is drawn
  (interpreter, imports, questionnaire loading and all). Baseline: ``python -c pass``.
- key to next criterion: press "1" on every criterion of a blank assessment in turn (grade saved with
  fsync, next criterion highlighted); each press is timed from the key being posted to the first
  frame that shows the next criterion, turned into terminal output. Baselines: one
  ``score_assessment`` and one atomic save of the same file. Pilot's press()+pause() round trip is
  printed too: it adds Pilot's own idle waits, measured on an empty app for comparison.
Goals: start-up under 1 s; key to next criterion under 50 ms (median and 95th percentile).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from textual._compositor import CompositorUpdate
from textual.app import App
from textual.screen import Screen

from dcmm.core.answers import Organisation
from dcmm.files import load_edition, write_atomically
from dcmm.tui.app import AssessApp
from dcmm.tui.screens.main_screen import MainScreen
from dcmm.tui.session import AssessmentSession, NewAssessment, open_session

SIZE = (80, 24)
ROOT = Path(__file__).resolve().parent.parent


def new_assessment(folder: Path) -> Path:
    new = NewAssessment(folder / "bench.json", "gbt36073-2018", Organisation(name="示例·基准测试（虚构）"), 3)
    AssessmentSession.create(new, load_edition("gbt36073-2018"), "zh")
    return new.path


async def start_up(path: Path) -> float:
    start = time.perf_counter()
    app = AssessApp(path)
    async with app.run_test(size=SIZE) as pilot:
        while not (isinstance(app.screen, MainScreen) and app.screen.result is not None):
            await pilot.pause(0)
        await pilot.pause()
        return time.perf_counter() - start


async def start_up_empty() -> float:
    start = time.perf_counter()
    async with App[None]().run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - start


async def press_empty(presses: int = 20) -> float:
    """Pilot's own round trip for a key press on an app that does nothing with it."""
    async with App[None]().run_test(size=SIZE) as pilot:
        times = []
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("x")
            await pilot.pause()
            times.append(time.perf_counter() - start)
        return statistics.median(times)


async def key_to_next(path: Path, keys: int) -> tuple[list[float], list[float]]:
    """Per press: (key posted -> first frame showing the next criterion, the same -> Pilot done waiting)."""
    app = AssessApp(path)
    shown: list[float] = []
    harness: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        frames: list[tuple[float, str]] = []
        display = app._display

        def display_and_time(target: Screen[object], renderable: object) -> None:
            # Headless Textual composes each frame but skips turning it into terminal output; do that
            # too, so the time is what a real terminal would be sent.
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            display(target, renderable)  # type: ignore[arg-type]
            frames.append((time.perf_counter(), screen.current_id))

        app._display = display_and_time  # type: ignore[method-assign,assignment]
        for _ in range(keys):
            expected = screen.session.next_criterion(screen.current_id)
            if expected is None:
                break
            frames.clear()
            start = time.perf_counter()
            await pilot.press("1")
            await pilot.pause()
            harness.append(time.perf_counter() - start)
            assert screen.current_id == expected, (screen.current_id, expected)
            shown.append(next(t for t, current in frames if current == expected) - start)
        await app.workers.wait_for_complete()
    return shown, harness


def cold_start(path: Path) -> float:
    """Seconds from launching ``dcmm assess`` in a pseudo-terminal to the main screen's top bar."""
    controller, terminal = pty.openpty()
    environment = os.environ | {"TERM": "xterm-256color", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dcmm", "assess", str(path)],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=environment,
        start_new_session=True,
    )
    os.close(terminal)
    seen = b""
    try:
        while "已答".encode() not in seen:
            if select.select([controller], [], [], 10)[0]:
                seen += os.read(controller, 65536)
            elif process.poll() is not None or time.perf_counter() - start > 30:
                raise RuntimeError("dcmm assess did not draw its main screen")
        return time.perf_counter() - start
    finally:
        process.kill()
        process.wait()
        os.close(controller)


def cold_python() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--keys", type=int, default=420, help="criteria to grade in a row (420: all of 2018)")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs (the median is shown)")
    args = parser.parse_args()
    questionnaire = load_edition("gbt36073-2018")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = new_assessment(folder)

        ours = statistics.median(asyncio.run(start_up(path)) for _ in range(args.runs))
        empty = statistics.median(asyncio.run(start_up_empty()) for _ in range(args.runs))
        print(
            f"start-up, in process: {ours * 1000:7.1f} ms   empty Textual app {empty * 1000:6.1f} ms   "
            f"ratio {ours / empty:5.1f}x   goal < 1000 ms: {'met' if ours < 1 else 'MISSED'}"
        )
        cold = statistics.median(cold_start(path) for _ in range(args.runs))
        python = statistics.median(cold_python() for _ in range(args.runs))
        print(
            f"start-up, cold process: {cold * 1000:5.1f} ms   python -c pass {python * 1000:6.1f} ms   "
            f"ratio {cold / python:5.1f}x   goal < 1000 ms: {'met' if cold < 1 else 'MISSED'}"
        )

        empty_press = asyncio.run(press_empty())
        session = open_session(path)
        assert isinstance(session, AssessmentSession)
        answers = session.answer_file()
        start = time.perf_counter()
        for _ in range(20):
            session.score(answers)
        score = (time.perf_counter() - start) / 20
        text = session.to_json()
        start = time.perf_counter()
        for _ in range(20):
            write_atomically(folder / "save.json", text)
        save = (time.perf_counter() - start) / 20

        latencies, harness = asyncio.run(key_to_next(path, min(args.keys, len(questionnaire.criteria))))
        median, p95, worst = statistics.median(latencies), percentile(latencies, 0.95), max(latencies)
        print(
            f"key to next criterion shown, {len(latencies)} presses: median {median * 1000:5.1f} ms, "
            f"95th percentile {p95 * 1000:5.1f} ms, worst {worst * 1000:5.1f} ms   "
            f"goal < 50 ms: {'met' if p95 < 0.05 else 'MISSED'}"
        )
        print(
            f"  baselines: score_assessment {score * 1000:5.2f} ms, atomic save {save * 1000:5.2f} ms   "
            f"ratio median/(score+save) {median / (score + save):5.1f}x"
        )
        print(
            f"  Pilot's press()+pause() round trip (includes its idle waits): median "
            f"{statistics.median(harness) * 1000:5.1f} ms, empty-app round trip {empty_press * 1000:5.1f} ms"
        )


if __name__ == "__main__":
    main()
