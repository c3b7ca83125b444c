"""Pilot tests: press keys as an assessor would and check the answer file and the session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from dcmm.core.scoring import score_assessment
from dcmm.files import load_edition, read_answer_file
from dcmm.tui import session as session_module
from dcmm.tui.app import AssessApp
from dcmm.tui.screens.edition_screen import EditionScreen
from dcmm.tui.screens.help_screen import HelpScreen, main_screen_help
from dcmm.tui.screens.main_screen import MainScreen
from dcmm.tui.screens.na_screen import NotApplicableScreen
from dcmm.tui.screens.note_screen import NoteScreen
from dcmm.tui.screens.organisation_screen import OrganisationScreen
from dcmm.tui.screens.problem_screen import ProblemScreen
from dcmm.tui.screens.search_screen import SearchScreen
from dcmm.tui.screens.summary_screen import SummaryScreen
from dcmm.tui.session import read_cursor
from dcmm.tui.widgets import KeyBar
from tests.tui.conftest import FIXTURES, gap_report, saved_answers

pytestmark = pytest.mark.asyncio
SIZE = (80, 24)
VALID_CREDIT_CODE = "91350100M000100Y43"


def main_screen(pilot: Pilot[int]) -> MainScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


async def settle(pilot: Pilot[int]) -> None:
    """Let workers (the live score) finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_grade_keys_save_at_once_and_move_to_the_next_criterion(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        order = screen.session.order
        assert screen.current_id == order[0]
        for key, grade in zip("1234", ["fully_met", "mostly_met", "partly_met", "not_met"], strict=True):
            await pilot.press(key)
            assert saved_answers(blank_file)[order["1234".index(key)]]["grade"] == grade
        assert screen.current_id == order[4]
        assert screen.session.criterion_id == order[4]
        assert read_cursor(blank_file).criterion_id == order[4]


async def test_the_live_score_follows_every_answer(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        assert screen.result is not None and screen.result.overall.score == 0
        await pilot.press("1", "1", "1")
        await settle(pilot)
        answers, questionnaire = read_answer_file(blank_file)
        expected = score_assessment(questionnaire, answers)
        assert screen.result.overall.score == expected.overall.score > 0
        assert [d.score for d in screen.result.domains] == [d.score for d in expected.domains]
        item_label = str(screen.item_nodes["6.1"].label)
        in_first_item = len(questionnaire.item_by_id["6.1"].criteria)
        assert f"{expected.items[0].score:.2f}" in item_label and f"3/{in_first_item}" in item_label
        topbar = str(screen.query_one("#topbar", Static).render())
        total = sum(len(item.criteria) for item in questionnaire.items)
        assert f"{expected.overall.score:.2f}" in topbar and f"3/{total}" in topbar


async def test_not_applicable_asks_for_a_justification(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        first = main_screen(pilot).current_id
        await pilot.press("0")
        assert isinstance(app.screen, NotApplicableScreen)
        await pilot.press("enter")  # empty: refused, the dialog stays
        assert isinstance(app.screen, NotApplicableScreen)
        assert "理由不能为空" in str(app.screen.query_one("#na-error", Static).render())
        await pilot.press(*"no data", "enter")
        assert isinstance(app.screen, MainScreen)
        saved = saved_answers(blank_file)[first]
        assert (saved["grade"], saved["justification"]) == ("not_applicable", "no data")
        second = main_screen(pilot).current_id
        await pilot.press("0", "escape")  # cancelled: nothing changes
        assert saved_answers(blank_file)[second]["grade"] is None


async def test_clear_review_and_jump_to_the_next_unanswered(example_file: Path) -> None:
    app = AssessApp(example_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        unanswered = [c for c in screen.session.order if screen.session.answer(c).grade is None]
        assert screen.current_id == unanswered[0]  # no cursor yet: the first unanswered
        await pilot.press("u")
        assert screen.current_id == unanswered[1]
        await pilot.press("m")
        assert saved_answers(example_file)[unanswered[1]]["marked_for_review"] is True
        await pilot.press("m")
        assert saved_answers(example_file)[unanswered[1]]["marked_for_review"] is False
        await pilot.press("3", "k")
        assert screen.current_id == unanswered[1]
        await pilot.press("delete")
        assert saved_answers(example_file)[unanswered[1]]["grade"] is None


async def test_note_and_evidence(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        first = main_screen(pilot).current_id
        await pilot.press("n")
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one("#note", TextArea).insert("访谈记录待补")
        app.screen.query_one("#evidence", TextArea).insert("EV-001 战略文件\nEV-002 会议纪要")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        saved = saved_answers(blank_file)[first]
        assert (saved["note"], saved["evidence"]) == ("访谈记录待补", ["EV-001 战略文件", "EV-002 会议纪要"])
        await pilot.press("e", "escape")
        assert saved_answers(blank_file)[first]["note"] == "访谈记录待补"


async def test_moving_across_items_follows_in_the_tree(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        last_of_first_item = screen.session.questionnaire.items[0].criteria[-1].id
        screen.show_criterion(last_of_first_item)
        await pilot.press("down")
        assert screen.current_id == screen.session.questionnaire.items[1].criteria[0].id
        assert screen.shown_item == "6.2"
        await pilot.press("up")
        assert (screen.current_id, screen.shown_item) == (last_of_first_item, "6.1")
        await pilot.press("pagedown", "pagedown")
        assert screen.shown_item == "6.3"
        await pilot.pause()
        assert screen.query_one("#outline").cursor_node is screen.item_nodes["6.3"]  # type: ignore[attr-defined]


async def test_the_tree_and_the_mouse_choose_items_and_grades(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        tree = screen.query_one("#outline")
        await pilot.press("tab")
        assert tree.has_focus
        assert tree.cursor_node is screen.item_nodes["6.1"]  # type: ignore[attr-defined]
        await pilot.press("down")
        assert screen.shown_item == "6.2"
        first_of_62 = screen.session.questionnaire.item_by_id["6.2"].criteria[0].id
        assert screen.current_id == first_of_62
        # Click the "4" of the key bar: the current criterion is graded "not met".
        bar = screen.query_one(KeyBar)
        line = str(bar.render()).splitlines()[0]
        x = cell_len(line[: line.index(" 4 ")]) + 1
        await pilot.click(KeyBar, offset=(x, 0))
        assert saved_answers(blank_file)[first_of_62]["grade"] == "not_met"


async def test_search_jumps_to_the_chosen_criterion(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        ids = list(main_screen(pilot).session.order)
        # A criterion of 10.2 whose id is in no other id, so that searching it finds it alone.
        item = main_screen(pilot).session.questionnaire.item_by_id["10.2"]
        target = next(c.id for c in item.criteria if sum(c.id in other for other in ids) == 1)
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*target, "enter")
        assert isinstance(app.screen, MainScreen)
        assert main_screen(pilot).current_id == target
        await pilot.press("slash", *"zq")
        assert app.screen.query_one("#results", OptionList).option_count == 0
        await pilot.press("escape")
        assert main_screen(pilot).current_id == target


async def test_help_lists_every_key_of_the_main_screen(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, MainScreen)
    keys = {binding.key for binding in MainScreen.BINDINGS}  # type: ignore[union-attr]
    rows = main_screen_help(load_edition("gbt36073-2018"), "zh")
    documented = " ".join(keys for keys, _meaning in rows).lower()
    names = {
        "slash": "/",
        "question_mark": "?",
        "delete": "del",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
    }
    for key in keys:
        for part in key.split(","):
            shown = names.get(part, part)
            assert shown.lower() in documented, f"key {part} is not in the help"


async def test_language_toggle_is_remembered(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2")
        assert app.language == "en"
        assert "Fully" in str(main_screen(pilot).query_one(KeyBar).render())
        assert "Score" in str(main_screen(pilot).query_one("#topbar", Static).render())
    assert read_cursor(blank_file).language == "en"
    again = AssessApp(blank_file)
    async with again.run_test(size=SIZE):
        assert again.language == "en"


async def test_resuming_returns_to_the_same_place(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "1", "j", "j", "pagedown", "j")
        where = main_screen(pilot).current_id
        await pilot.press("q")
    again = AssessApp(blank_file)
    async with again.run_test(size=SIZE) as pilot:
        assert main_screen(pilot).current_id == where
        assert main_screen(pilot).shown_item == "6.2"


@pytest.mark.parametrize("name", ["truncated.json", "foreign.json", "invalid.json"])
async def test_a_bad_file_shows_its_problems_and_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(FIXTURES / name, tmp_path / name)
    before = (tmp_path / name).read_bytes()
    app = AssessApp(Path(name))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ProblemScreen)
        text = str(app.screen.query_one("#problem-list", Static).render())
        assert name in text
        await pilot.press("1", "q")
    assert app.return_code == 1
    assert (tmp_path / name).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


async def test_a_save_failure_is_shown_and_nothing_moves(blank_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        first = main_screen(pilot).current_id

        def disk_full(*_args: object, **_kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(session_module, "write_atomically", disk_full)
        await pilot.press("1")
        assert main_screen(pilot).current_id == first
        assert main_screen(pilot).session.answer(first).grade is None
        assert "No space left on device" in str(main_screen(pilot).query_one("#topbar", Static).render())
    assert saved_answers(blank_file)[first]["grade"] is None


async def test_a_new_assessment_from_edition_to_first_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    app = AssessApp(Path("new.json"))
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, EditionScreen)
        options = app.screen.query_one("#editions", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        options.highlighted = ids.index("gbt36073-2018")
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, OrganisationScreen)
        await pilot.press("ctrl+s")  # the name is required
        assert isinstance(app.screen, OrganisationScreen)
        assert "必填" in str(form.query_one("#error-name", Static).render())
        form.query_one("#name", Input).insert_text_at_cursor("示例·鲁中数据科技有限公司（虚构）")
        form.query_one("#credit_code", Input).focus()
        await pilot.press(*VALID_CREDIT_CODE[:-1], "X")
        assert "校验位" in str(form.query_one("#error-credit_code", Static).render())
        await pilot.press("backspace", VALID_CREDIT_CODE[-1])
        assert "校验通过" in str(form.query_one("#error-credit_code", Static).render())
        form.query_one("#province").value = "37"  # type: ignore[attr-defined]
        form.query_one("#target_level").value = 4  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("2")
    answers, _ = read_answer_file(tmp_path / "new.json")
    assert answers.organisation.name == "示例·鲁中数据科技有限公司（虚构）"
    assert (answers.organisation.credit_code, answers.organisation.province) == (VALID_CREDIT_CODE, "37")
    assert answers.target_level == 4
    _, questionnaire = read_answer_file(tmp_path / "new.json")
    first = questionnaire.items[0].criteria[0].id
    assert answers.answers[first].grade == "mostly_met"


async def test_the_form_will_not_overwrite_an_existing_file(example_file: Path) -> None:
    app = AssessApp(None, edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        form = app.screen
        assert isinstance(form, OrganisationScreen)
        path = form.query_one("#path", Input)
        path.value = example_file.name
        await pilot.press(*"x", "ctrl+s")
        assert isinstance(app.screen, OrganisationScreen)
        assert "已存在" in str(form.query_one("#error-path", Static).render())


async def test_summary_exports_json_in_a_worker(example_file: Path, tmp_path: Path) -> None:
    app = AssessApp(example_file, export_folder=tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SummaryScreen)
        await settle(pilot)
        assert app.screen.result is not None
        await pilot.press("j")
        await settle(pilot)
        exported = tmp_path / "out" / "example.score.json"
        document = json.loads(exported.read_text(encoding="utf-8"))
        answers, questionnaire = read_answer_file(example_file)
        assert document["results"][0]["overall"]["score"] == score_assessment(questionnaire, answers).overall.score
        assert "example.score.json" in str(app.screen.query_one("#export-status", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_summary_exports_the_html_gap_report(example_file: Path, tmp_path: Path) -> None:
    app = AssessApp(example_file, export_folder=tmp_path / "out", report_writer=gap_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        status = str(app.screen.query_one("#export-status", Static).render())
        (written,) = (tmp_path / "out").glob("*.html")
        assert "示例·齐鲁精工机械有限公司" in written.read_text(encoding="utf-8")
        assert written.name in status


async def test_summary_says_when_no_report_module_is_connected(example_file: Path, tmp_path: Path) -> None:
    app = AssessApp(example_file, export_folder=tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert "HTML" in str(app.screen.query_one("#export-status", Static).render())
        assert "未接入报告模块" in str(app.screen.query_one("#export-status", Static).render())
    assert not (tmp_path / "out").exists()


async def test_summary_hands_pdf_export_to_the_report_module(
    example_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF itself is the report module's (and tested there); here: the hand-over, off the UI thread."""
    import threading

    from dcmm.report import pdf

    calls: list[tuple[str, bool]] = []

    def write_pdf(html: str, target: Path) -> int:
        calls.append((html, threading.current_thread() is threading.main_thread()))
        Path(target).write_bytes(b"%PDF-1.7 stand-in")
        return 1

    monkeypatch.setattr(pdf, "write_pdf", write_pdf)
    app = AssessApp(example_file, export_folder=tmp_path / "out", report_writer=gap_report)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        (written,) = (tmp_path / "out").glob("*.pdf")
        assert written.name in str(app.screen.query_one("#export-status", Static).render())
    ((html, on_main_thread),) = calls
    assert "示例·齐鲁精工机械有限公司" in html
    assert not on_main_thread


async def test_clicking_the_tree_and_a_criterion(blank_file: Path) -> None:
    app = AssessApp(blank_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(pilot)
        await pilot.click("#outline", offset=(6, 6))  # rows: 6, 6.1, 6.2, 6.3, 7, 7.1, 7.2
        await pilot.pause()
        assert screen.shown_item == "7.2"
        criteria = screen.query_one("#criteria", OptionList)
        target = screen.session.questionnaire.item_by_id["7.2"].criteria[1].id
        region = criteria.get_option_index(target)
        line = criteria._lines.index((region, 0))  # the first screen line of that criterion's entry
        await pilot.click("#criteria", offset=(20, line - int(criteria.scroll_y)))
        await pilot.pause()
        assert screen.current_id == target
        await pilot.press("2")
        assert saved_answers(blank_file)[target]["grade"] == "mostly_met"
