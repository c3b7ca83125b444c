"""SVG snapshots of every screen at 80x24 (update with ``pytest tests/tui --snapshot-update``, then look)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from dcmm.tui.app import AssessApp
from tests.tui.conftest import FIXTURES

SIZE = (80, 24)
Snap = Any  # the snap_compare fixture of pytest-textual-snapshot
pytestmark = pytest.mark.usefixtures("frozen_content")


async def _settle(pilot: Pilot[int]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_edition_screen(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # A fixed date: the edition in force on it is named on the screen.
    assert snap_compare(AssessApp(Path("new.json"), assessed_on=dt.date(2026, 7, 1)), terminal_size=SIZE)


def test_organisation_form_with_inline_errors(
    snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def type_a_bad_code(pilot: Pilot[int]) -> None:
        await pilot.press(*"示例数据有限公司")
        pilot.app.screen.query_one("#credit_code", Input).focus()
        await pilot.press(*"91350100M000100Y4X")
        await pilot.pause(0.5)  # on a busy machine the last keys may still be on their way (dcmm.tui.typeahead)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # the pause would otherwise catch the cursor on or off by chance

    app = AssessApp(Path("new.json"), edition="gbt36073-2018")
    assert snap_compare(app, terminal_size=SIZE, run_before=type_a_bad_code)


def test_main_screen(snap_compare: Snap, frozen_example: Path) -> None:
    assert snap_compare(AssessApp(Path(frozen_example.name)), terminal_size=SIZE)


def test_main_screen_in_english(snap_compare: Snap, frozen_example: Path) -> None:
    assert snap_compare(AssessApp(Path(frozen_example.name), language="en"), terminal_size=SIZE)


def test_not_applicable_dialog(snap_compare: Snap, frozen_example: Path) -> None:
    assert snap_compare(AssessApp(Path(frozen_example.name)), terminal_size=SIZE, press=["0"])


def test_note_dialog(snap_compare: Snap, frozen_example: Path) -> None:
    assert snap_compare(AssessApp(Path(frozen_example.name)), terminal_size=SIZE, press=["n"])


def test_search_dialog(snap_compare: Snap, frozen_example: Path) -> None:
    press = ["slash", *"元数据"]
    assert snap_compare(AssessApp(Path(frozen_example.name)), terminal_size=SIZE, press=press)


def test_help(snap_compare: Snap, frozen_example: Path) -> None:
    assert snap_compare(AssessApp(Path(frozen_example.name)), terminal_size=SIZE, press=["question_mark"])


def test_summary_screen(snap_compare: Snap, frozen_example: Path) -> None:
    async def open_summary(pilot: Pilot[int]) -> None:
        await pilot.press("s")
        await _settle(pilot)

    assert snap_compare(AssessApp(Path(frozen_example.name)), terminal_size=SIZE, run_before=open_summary)


def test_problem_screen(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(FIXTURES / "invalid.json", tmp_path / "invalid.json")
    assert snap_compare(AssessApp(Path("invalid.json")), terminal_size=SIZE)
