"""The wheel carries the questionnaire's .tcss styles, and the app starts from the installed wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.tui.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import asyncio, sys
from pathlib import Path
import dcmm
from dcmm.tui.app import AssessApp
from dcmm.tui.screens.main_screen import MainScreen

async def run() -> None:
    app = AssessApp(Path(sys.argv[1]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(dcmm.__file__)
        print(type(app.screen).__name__)

asyncio.run(run())
"""


def test_the_wheel_carries_every_style_and_the_app_runs_from_it(tmp_path: Path) -> None:
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("dcmm-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    styles = {p.relative_to(ROOT).as_posix() for p in (ROOT / "dcmm" / "tui").rglob("*.tcss")}
    assert len(styles) >= 9 and styles <= names

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    answers = tmp_path / "answers.json"
    shutil.copyfile(EXAMPLE, answers)
    run = subprocess.run(
        [sys.executable, "-c", PROBE, str(answers)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    module_file, screen = run.stdout.splitlines()[-2:]
    assert module_file.startswith(str(site))
    assert screen == "MainScreen"
