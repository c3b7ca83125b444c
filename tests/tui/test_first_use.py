"""Pilot tests of a first-time user's path: going back from the form, the evidence key, the marker, the roadmap."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from dcmm.tui.app import AssessApp
from dcmm.tui.screens.confirm_screen import DiscardScreen
from dcmm.tui.screens.edition_screen import EditionScreen
from dcmm.tui.screens.note_screen import NoteScreen
from dcmm.tui.screens.organisation_screen import OrganisationScreen
from dcmm.tui.screens.summary_screen import SummaryScreen
from dcmm.tui.widgets import MARKER, CriteriaList, KeyBar
from tests.tui.conftest import saved_answers

pytestmark = pytest.mark.asyncio
SIZE = (80, 24)


async def _to_form(app: AssessApp, pilot: object) -> OrganisationScreen:
    assert isinstance(app.screen, EditionScreen)
    options = app.screen.query_one("#editions", OptionList)
    ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
    options.highlighted = ids.index("gbt36073-2018")
    await pilot.press("enter")  # type: ignore[attr-defined]
    assert isinstance(app.screen, OrganisationScreen)
    return app.screen


async def test_esc_on_an_untouched_form_goes_back_to_the_editions(tmp_path: Path) -> None:
    app = AssessApp(tmp_path / "new.json")
    async with app.run_test(size=SIZE) as pilot:
        await _to_form(app, pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, EditionScreen)
        assert app.is_running
    assert not (tmp_path / "new.json").exists()


async def test_esc_after_typing_asks_first_and_keeps_the_form_when_told(tmp_path: Path) -> None:
    app = AssessApp(tmp_path / "new.json")
    async with app.run_test(size=SIZE) as pilot:
        form = await _to_form(app, pilot)
        await pilot.press(*"ACME")
        await pilot.press("escape")
        assert isinstance(app.screen, DiscardScreen)
        await pilot.press("escape")  # keep editing
        assert app.screen_stack[-1] is form
        assert form.query_one("#name", Input).value == "ACME"
        await pilot.press("escape", "y")  # discard
        assert isinstance(app.screen, EditionScreen)
        assert app.is_running


async def test_esc_with_the_edition_given_leaves_without_writing(tmp_path: Path) -> None:
    app = AssessApp(tmp_path / "new.json", edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OrganisationScreen)
        await pilot.press(*"ACME", "escape")
        assert isinstance(app.screen, DiscardScreen)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert not (tmp_path / "new.json").exists()


async def test_e_opens_the_evidence_and_n_the_note(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        criterion_id = app.screen.current_id  # type: ignore[attr-defined]
        await pilot.press("e")
        assert isinstance(app.screen, NoteScreen)
        assert app.focused is app.screen.query_one("#evidence", TextArea)
        await pilot.press(*"policy.pdf", "ctrl+s")
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        assert app.focused is app.screen.query_one("#note", TextArea)
        await pilot.press(*"ok", "ctrl+s")
        footer = str(app.screen.query_one(KeyBar).render())
        assert " e 证据" in footer and " n 备注" in footer
    answer = saved_answers(blank_file)[criterion_id]
    assert (answer["evidence"], answer["note"]) == (["policy.pdf"], "ok")


async def test_the_current_criterion_is_marked_in_text_not_only_in_colour(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        criteria = app.screen.query_one("#criteria", CriteriaList)

        def marked() -> str:
            """The marked entry's first two lines: its grade badge, then its id."""
            lines = [criteria.render_line(y).text for y in range(criteria.scrollable_content_region.height)]
            starts = [y for y, line in enumerate(lines) if line.startswith(MARKER)]
            assert len(starts) == 1
            return lines[starts[0]] + lines[starts[0] + 1]

        first = app.screen.current_id  # type: ignore[attr-defined]
        assert first in marked()
        await pilot.press("j")
        second = app.screen.current_id  # type: ignore[attr-defined]
        assert second != first
        assert second in marked() and first not in marked()


async def test_the_edition_note_names_the_provisional_parts_in_words(tmp_path: Path) -> None:
    app = AssessApp(tmp_path / "new.json")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, EditionScreen)
        options = screen.query_one("#editions", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("gbt36073-2025")
        await pilot.pause()
        note = str(screen.query_one("#edition-provenance", Static).render())
        assert "provisional" not in note
        assert "暂定的能力域与能力项（42 个）：6、6.1、" in note
        await pilot.press("f2")
        note = str(screen.query_one("#edition-provenance", Static).render())
        assert "listed under provisional" not in note
        assert "Provisional domains and items (42): 6, 6.1," in note


async def _summary_with_roadmap(app: AssessApp, pilot: Pilot[int]) -> SummaryScreen:
    await pilot.press("s")
    screen = app.screen
    assert isinstance(screen, SummaryScreen)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    roadmap = screen.query_one("#summary-roadmap", Static)
    body = screen.query_one("#summary-body")
    assert roadmap.region.y >= body.region.bottom  # below the fold until asked for
    return screen


async def test_r_jumps_to_the_roadmap_and_shows_it(example_file: Path) -> None:
    app = AssessApp(example_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _summary_with_roadmap(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        roadmap = screen.query_one("#summary-roadmap", Static)
        assert app.focused is roadmap
        body = screen.query_one("#summary-body")
        assert body.region.y <= roadmap.region.y < body.region.bottom
        assert " r 路线图" in str(screen.query_one(KeyBar).render())


async def test_tab_from_the_scores_reaches_the_roadmap(example_file: Path) -> None:
    app = AssessApp(example_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _summary_with_roadmap(app, pilot)
        await pilot.press("tab")
        await pilot.pause()
        roadmap = screen.query_one("#summary-roadmap", Static)
        assert app.focused is roadmap
        body = screen.query_one("#summary-body")
        assert body.region.y <= roadmap.region.y < body.region.bottom


@pytest.mark.parametrize(
    ("assessed_on", "expected"),
    [(dt.date(2026, 6, 30), "gbt36073-2018"), (dt.date(2026, 7, 1), "gbt36073-2025")],
)
async def test_a_new_assessment_starts_on_the_edition_in_force_that_day(
    tmp_path: Path, assessed_on: dt.date, expected: str
) -> None:
    app = AssessApp(tmp_path / "new.json", assessed_on=assessed_on)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, EditionScreen)
        option = screen.query_one("#editions", OptionList).highlighted_option
        assert option is not None and option.id == expected
        assert f"{assessed_on.isoformat()} 现行版本" in str(option.prompt)
        await pilot.press("enter")
        assert isinstance(app.screen, OrganisationScreen)
        assert app.screen.edition == expected
