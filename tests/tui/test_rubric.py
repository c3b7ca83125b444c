"""The rating rubric and the interview questions, shown and hidden by one key."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from dcmm.tui.app import AssessApp
from dcmm.tui.screens.main_screen import MainScreen

pytestmark = pytest.mark.asyncio


async def test_r_shows_the_rubric_and_the_interview_then_hides_them(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        session = screen.session
        # The first criterion with a rubric in an item with an interview (the content is still being written).
        first = next(
            c for c in session.order if session.criterion(c).rubric is not None and session.item_of(c).interview
        )
        screen.show_criterion(first)
        await pilot.pause()
        criterion = session.criterion(first)
        item = session.item_of(first)
        assert criterion.rubric is not None and item.interview is not None

        def entry() -> str:
            return str(screen._entry(first))

        def header() -> str:
            return str(screen.query_one("#item-header", Static).render())

        fully = criterion.rubric.fully_met.zh
        assert fully[:8] not in entry() and item.interview.questions[0].zh[:8] not in header()
        await pilot.press("r")
        await pilot.pause()
        assert fully[:8] in entry().replace("\n", "") and "完全满足" in entry()
        assert item.interview.questions[0].zh[:8] in header()
        assert screen.current_id == first  # the cursor stays where it was
        await pilot.press("r")
        await pilot.pause()
        assert fully[:8] not in entry().replace("\n", "")
