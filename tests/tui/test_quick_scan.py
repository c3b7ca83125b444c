"""The quick scan in the terminal: keys choose levels, each choice is on disk at once, the estimate is shown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from dcmm.core.quickscan import blank_quick_scan_file
from dcmm.files import load_edition
from dcmm.tui.app import AssessApp
from dcmm.tui.screens.help_screen import HelpScreen
from dcmm.tui.screens.organisation_screen import OrganisationScreen
from dcmm.tui.screens.quick_scan_screen import QuickScanScreen
from dcmm.tui.session import QuickScanSession, read_cursor
from tests.tui.conftest import FROZEN_EDITION, _frozen_questionnaire

SIZE = (80, 24)
Snap = Any  # the snap_compare fixture of pytest-textual-snapshot


def write_quick_scan(path: Path, edition: str = "gbt36073-2018", /, **chosen: int) -> Path:
    data = blank_quick_scan_file(load_edition(edition), "示例·快速自评有限公司（虚构）")
    data["quick_scan"].update(chosen)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def saved_levels(path: Path) -> dict[str, int | None]:
    levels: dict[str, int | None] = json.loads(path.read_text(encoding="utf-8"))["quick_scan"]
    return levels


def quick_screen(pilot: Pilot[int]) -> QuickScanScreen:
    screen = pilot.app.screen
    assert isinstance(screen, QuickScanScreen)
    return screen


def shown(pilot: Pilot[int], widget_id: str) -> str:
    return str(pilot.app.screen.query_one(widget_id, Static).render())


@pytest.fixture
def quick_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return write_quick_scan(tmp_path / "quick.json")


@pytest.mark.asyncio
async def test_level_keys_save_at_once_move_on_and_update_the_estimate(quick_file: Path) -> None:
    app = AssessApp(quick_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = quick_screen(pilot)
        items = [q.item_id for q in screen.session.questions]
        assert "估算" in shown(pilot, "#qs-topbar") and f"0/{len(items)}" in shown(pilot, "#qs-topbar")
        await pilot.press("3")
        assert saved_levels(quick_file)[items[0]] == 3
        assert screen.session.question.item_id == items[1]
        await pilot.press("5")
        assert saved_levels(quick_file)[items[1]] == 5
        # Both items are in the first domain: the estimate is their mean, 4.00, level 4.
        assert "≈4.00 · 4" in shown(pilot, "#qs-topbar")
        assert f"2/{len(items)}" in shown(pilot, "#qs-topbar")
        await pilot.press("k", "delete")
        assert saved_levels(quick_file)[items[1]] is None
        assert "≈3.00 · 3" in shown(pilot, "#qs-topbar")
        await pilot.press("j", "j", "up")
        assert screen.session.question.item_id == items[2]
        await pilot.press("f2")
        assert "ESTIMATE" in shown(pilot, "#qs-topbar")
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        await pilot.press("escape", "q")
    assert read_cursor(quick_file).language == "en"
    assert saved_levels(quick_file)[items[0]] == 3


@pytest.mark.asyncio
async def test_a_quick_scan_resumes_at_its_first_unanswered_item(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    questionnaire = load_edition("gbt36073-2018")
    first, second, third = (item.id for item in questionnaire.items[:3])
    path = write_quick_scan(tmp_path / "quick.json", **{first: 2, second: 4})
    async with AssessApp(path).run_test(size=SIZE) as pilot:
        assert quick_screen(pilot).session.question.item_id == third
        assert "≈3.00 · 3" in shown(pilot, "#qs-topbar")
        assert third in shown(pilot, "#qs-item")


@pytest.mark.asyncio
async def test_the_quick_scan_flag_starts_a_new_file_as_a_quick_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = AssessApp(Path("new.json"), edition="gbt36073-2018", quick_scan=True)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, OrganisationScreen)
        await pilot.press(*"示例数据有限公司", "ctrl+s")
        await pilot.pause()
        screen = quick_screen(pilot)
        assert isinstance(screen.session, QuickScanSession)
        await pilot.press("2")
    levels = saved_levels(tmp_path / "new.json")
    assert list(levels.values())[:2] == [2, None]
    assert len(levels) == len(load_edition("gbt36073-2018").items)


def test_a_failed_save_leaves_the_choice_unmade(quick_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dcmm.tui import session as session_module

    session = QuickScanSession(quick_file, *_read(quick_file))
    item_id = session.question.item_id

    def full_disk(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session_module, "write_atomically", full_disk)
    with pytest.raises(OSError):
        session.choose(item_id, 4)
    assert session.chosen(item_id) is None
    assert saved_levels(quick_file)[item_id] is None


def _read(path: Path) -> tuple[Any, Any, Any]:
    from dcmm.files import read_answer_file
    from dcmm.tui.session import Cursor

    answers, questionnaire = read_answer_file(path)
    return questionnaire, answers, Cursor()


@pytest.mark.usefixtures("frozen_content")
def test_quick_scan_screen_snapshot(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    items = [item.id for item in _frozen_questionnaire().items]
    data = blank_quick_scan_file(_frozen_questionnaire(), "示例·快速自评有限公司（虚构）")
    data["quick_scan"].update({items[0]: 2, items[1]: 3})
    assert data["edition"] == FROZEN_EDITION
    Path("quick.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert snap_compare(AssessApp(Path("quick.json")), terminal_size=SIZE, press=["k"])
