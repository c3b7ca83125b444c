"""In a browser (dcmm serve) an export is written to disk and handed over as a download on the user's key or click."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

import dcmm.tui.app
from dcmm.tui.app import AssessApp
from dcmm.tui.screens.summary_screen import SummaryScreen

pytestmark = pytest.mark.asyncio
SIZE = (100, 30)


class BrowserApp(AssessApp):
    """The app as textual-serve runs it, recording what it hands to the browser."""

    CSS_PATH = str(Path(dcmm.tui.app.__file__).with_name("app.tcss"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.delivered: list[tuple[Path, str | None]] = []

    @property
    def is_web(self) -> bool:
        return True

    def deliver_binary(self, path_or_file: Any, **kwargs: Any) -> str | None:
        self.delivered.append((Path(path_or_file), kwargs.get("save_filename")))
        return "key"


async def _export_json(app: AssessApp, pilot: Pilot[int]) -> SummaryScreen:
    await pilot.press("s")
    screen = app.screen
    assert isinstance(screen, SummaryScreen)
    await app.workers.wait_for_complete()
    await pilot.press("j")
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_in_a_browser_the_export_waits_for_d_then_downloads(example_file: Path, tmp_path: Path) -> None:
    app = BrowserApp(example_file, export_folder=tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _export_json(app, pilot)
        exported = tmp_path / "out" / "example.score.json"
        assert exported.is_file()
        assert app.delivered == []  # not on its own, when the browser would block it
        assert screen.query_one("#download", Button).display
        assert "按 d" in str(screen.query_one("#export-status", Static).render())
        await pilot.press("d")
        assert app.delivered == [(exported, "example.score.json")]
        await pilot.click("#download")
        assert len(app.delivered) == 2


async def test_in_a_terminal_the_export_is_only_written(example_file: Path, tmp_path: Path) -> None:
    app = AssessApp(example_file, export_folder=tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        screen = await _export_json(app, pilot)
        assert (tmp_path / "out" / "example.score.json").is_file()
        assert not screen.query_one("#download", Button).display
        assert "按 d" not in str(screen.query_one("#export-status", Static).render())
