"""Keys typed ahead, as a fast typist or a paste sends them, land where they were meant.

``pilot.press`` waits for the app to be idle after every key, which a terminal does not: it hands over
every key it has read at once. So these tests post the whole sequence into the app's queue in one go,
as the terminal driver does, and only then let the app run.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import pytest
from textual import events
from textual.css.query import NoMatches
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from dcmm.tui.app import AssessApp
from dcmm.tui.screens.main_screen import MainScreen
from dcmm.tui.screens.na_screen import NotApplicableScreen
from dcmm.tui.screens.note_screen import NoteScreen
from dcmm.tui.screens.organisation_screen import OrganisationScreen
from dcmm.tui.screens.search_screen import SearchScreen
from tests.tui.conftest import saved_answers

pytestmark = pytest.mark.asyncio
SIZE = (100, 30)
_NAMED = {"/": "slash", " ": "space", "-": "minus", ".": "full_stop"}
_CHARACTERS = {"tab": "\t", "enter": "\r", "escape": "\x1b"}


def type_ahead(pilot: Pilot[int], *keys: str) -> None:
    """Every key into the app's queue before any of them is handled."""
    for key in keys:
        if len(key) == 1:
            pilot.app.post_message(events.Key(_NAMED.get(key, key), key))
        else:
            pilot.app.post_message(events.Key(key, _CHARACTERS.get(key)))


async def settle(pilot: Pilot[int], done: Callable[[], bool]) -> None:
    """Let the app work until ``done`` holds (or five seconds pass; the caller's assertion then says what is wrong)."""
    for _ in range(250):
        await pilot.pause(0.02)
        with contextlib.suppress(NoMatches):  # the screen asked about has not composed yet
            if done():
                return


async def test_keys_typed_after_slash_are_the_search(frozen_example: Path) -> None:
    app = AssessApp(frozen_example)
    async with app.run_test(size=SIZE) as pilot:
        type_ahead(pilot, "/", *"data")
        await settle(
            pilot, lambda: isinstance(app.screen, SearchScreen) and app.screen.query_one(Input).value == "data"
        )
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#query", Input).value == "data"


async def test_a_note_typed_after_n_and_saved_with_ctrl_s(frozen_example: Path) -> None:
    app = AssessApp(frozen_example)
    async with app.run_test(size=SIZE) as pilot:
        criterion_id = app.screen.current_id  # type: ignore[attr-defined]
        type_ahead(pilot, "n", *"checked on site", "ctrl+s")
        await settle(
            pilot, lambda: saved_answers(frozen_example).get(criterion_id, {}).get("note") == "checked on site"
        )
        assert isinstance(app.screen, MainScreen)
    assert saved_answers(frozen_example)[criterion_id]["note"] == "checked on site"


async def test_evidence_typed_after_e_lands_in_the_evidence(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        type_ahead(pilot, "e", *"policy.pdf")
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, NoteScreen) and app.screen.query_one("#evidence", TextArea).text == "policy.pdf"
            ),
        )
        assert isinstance(app.screen, NoteScreen)
        fields = {field: app.screen.query_one(f"#{field}", TextArea).text for field in ("note", "evidence")}
    assert fields == {"note": "", "evidence": "policy.pdf"}


async def test_a_reason_typed_after_0_is_the_justification(frozen_example: Path) -> None:
    app = AssessApp(frozen_example)
    async with app.run_test(size=SIZE) as pilot:
        criterion_id = app.screen.current_id  # type: ignore[attr-defined]
        type_ahead(pilot, "0", *"no such data", "enter", "1")
        following = app.session.next_criterion(criterion_id, 1)  # type: ignore[union-attr]
        assert following is not None
        await settle(pilot, lambda: saved_answers(frozen_example).get(following, {}).get("grade") == "fully_met")
        assert isinstance(app.screen, MainScreen)
    answers = saved_answers(frozen_example)
    assert (answers[criterion_id]["grade"], answers[criterion_id]["justification"]) == (
        "not_applicable",
        "no such data",
    )
    assert answers[following]["grade"] == "fully_met"  # the key after Enter graded the next criterion


async def test_escape_then_a_grade_grades_the_criterion_underneath(frozen_example: Path) -> None:
    app = AssessApp(frozen_example)
    async with app.run_test(size=SIZE) as pilot:
        criterion_id = app.screen.current_id  # type: ignore[attr-defined]
        type_ahead(pilot, "0", *"x", "escape", "3")
        await settle(pilot, lambda: saved_answers(frozen_example).get(criterion_id, {}).get("grade") == "partly_met")
        assert not isinstance(app.screen, NotApplicableScreen)
    assert saved_answers(frozen_example)[criterion_id]["grade"] == "partly_met"


async def test_fields_typed_after_tab_land_in_the_next_field(tmp_path: Path, frozen_content: None) -> None:
    app = AssessApp(tmp_path / "new.json", edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, OrganisationScreen)
        type_ahead(pilot, *"ACME", "tab", *"91350100M000100Y43", "tab", "tab", *"Xiamen")
        await settle(pilot, lambda: form.query_one("#city", Input).value == "Xiamen")
        values = {field: form.query_one(f"#{field}", Input).value for field in ("name", "credit_code", "city")}
    assert values == {"name": "ACME", "credit_code": "91350100M000100Y43", "city": "Xiamen"}
