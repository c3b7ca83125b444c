"""One respondent's part: ``dcmm assess FILE --respondent NAME [--plan PLAN]`` shows only its domains and items."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcmm.cli.tui import respondent_part
from dcmm.core.errors import UserError
from dcmm.core.plan import Assignment
from dcmm.files import read_answer_file
from dcmm.tui.app import AssessApp
from dcmm.tui.screens.main_screen import MainScreen
from tests.tui.conftest import saved_answers

SIZE = (100, 30)
SECURITY = Assignment(respondent="信息安全部", domains=["10"], items=["8.2"])


@pytest.mark.asyncio
async def test_only_the_respondents_part_is_shown_and_its_answers_record_it(blank_file: Path) -> None:
    app = AssessApp(blank_file, assignment=SECURITY)
    async with app.run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        session = screen.session
        assert [item.id for item in session.items] == ["8.2", "10.1", "10.2", "10.3"]
        assert set(screen.domain_nodes) == {"8", "10"} and set(screen.item_nodes) == {"8.2", "10.1", "10.2", "10.3"}
        q = session.questionnaire
        in_part = [c.id for item_id in ["8.2", "10.1", "10.2", "10.3"] for c in q.item_by_id[item_id].criteria]
        assert screen.current_id == in_part[0] and len(session.order) == len(in_part)
        await pilot.press("1", "2")
        skipped = in_part[2]
        assert screen.current_id == skipped
        await pilot.press("u")  # the next unanswered after this one, within the part
        for _ in range(len(in_part) + 10):
            await pilot.press("1")
        await pilot.app.workers.wait_for_complete()
    answers = saved_answers(blank_file)
    given = {cid: a for cid, a in answers.items() if a.get("grade")}
    assert (
        len(given) == len(in_part) - 1
        and skipped not in given
        and all(cid.startswith(("8.2.", "10.")) for cid in given)
    )
    assert {a["respondent"] for a in given.values()} == {"信息安全部"}
    answer_file, _ = read_answer_file(blank_file)  # a new file carries its content version: format 1.3
    assert answer_file.format_version == "1.3" and answer_file.respondents == [SECURITY]


def test_the_part_comes_from_the_plan_or_the_answer_files_respondents(tmp_path: Path, blank_file: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("edition: gbt36073-2018\nrespondents:\n- respondent: 信息安全部\n  domains: ['10']\n", "utf-8")
    assert respondent_part("信息安全部", plan, blank_file, None).domains == ["10"]
    with pytest.raises(UserError, match='no respondent "业务部" here: known are 信息安全部'):
        respondent_part("业务部", plan, blank_file, None)
    with pytest.raises(UserError, match="respondents section"):
        respondent_part("信息安全部", None, tmp_path / "new.json", None)
    with pytest.raises(UserError, match="the plan is for gbt36073-2018, the answer file for gbt36073-2025"):
        respondent_part("信息安全部", plan, None, "gbt36073-2025")
    with pytest.raises(UserError, match="known are -"):  # a file without a respondents section
        respondent_part("信息安全部", None, blank_file, None)
