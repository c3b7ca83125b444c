"""The new-assessment form: who answered (saved and printed on the report), and the place read from the credit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from dcmm.assessments import score_file
from dcmm.tui.app import AssessApp
from dcmm.tui.screens.main_screen import MainScreen
from dcmm.tui.screens.organisation_screen import OrganisationScreen, contact_message, place_of_credit_code
from tests.tui.conftest import gap_report

SIZE = (100, 40)
FUZHOU = "91350100M000100Y43"  # characters 3-8: 350100, 福州市
HAIDIAN = "91110108710931712D"  # 110108, 北京市海淀区


async def _type(pilot: Pilot[int], form: OrganisationScreen, field: str, value: str) -> None:
    form.query_one(f"#{field}", Input).focus()
    await pilot.pause()
    await pilot.press(*value)


async def _form(app: AssessApp, pilot: Pilot[int]) -> OrganisationScreen:
    await pilot.pause()
    assert isinstance(app.screen, OrganisationScreen)
    return app.screen


def test_contact_is_a_phone_number_or_an_email_address() -> None:
    assert contact_message("0591-8765 4321 转 801", "zh") is None
    assert contact_message("+86 138 0000 0000", "en") is None
    assert contact_message("zhang.san@example.com", "en") is None
    assert "name@example.com" in (contact_message("zhang@", "zh") or "")
    assert "5" in (contact_message("call me", "en") or "")


def test_the_place_of_a_credit_code_is_its_division() -> None:
    assert place_of_credit_code(FUZHOU) == ("35", "350100")
    assert place_of_credit_code(HAIDIAN) == ("11", "110100")
    assert place_of_credit_code("91999999M000100Y42") is None


@pytest.mark.asyncio
async def test_the_assessor_is_saved_and_printed_on_the_report(tmp_path: Path, frozen_content: None) -> None:
    target = tmp_path / "new.json"
    app = AssessApp(target, edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await _type(pilot, form, "name", "ACME")
        await _type(pilot, form, "assessor", "张三")
        await _type(pilot, form, "assessor_role", "数据管理部")
        await _type(pilot, form, "assessor_contact", "0591-87654321")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["assessors"] == [{"name": "张三", "role": "数据管理部", "email": None, "phone": "0591-87654321"}]
    report = gap_report(score_file(target), tmp_path / "out", "html", "zh").read_text(encoding="utf-8")
    assert "张三（数据管理部）" in report and "未填写" not in report.split("张三")[0][-200:]


@pytest.mark.asyncio
async def test_a_role_without_a_name_is_refused(tmp_path: Path, frozen_content: None) -> None:
    app = AssessApp(tmp_path / "new.json", edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await _type(pilot, form, "name", "ACME")
        await _type(pilot, form, "assessor_contact", "zhang@")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "评估人姓名" in str(form.query_one("#error-assessor", Static).render())
        assert "name@example.com" in str(form.query_one("#error-assessor_contact", Static).render())
    assert not (tmp_path / "new.json").exists()


@pytest.mark.asyncio
async def test_the_credit_code_fills_in_province_and_city(tmp_path: Path, frozen_content: None) -> None:
    app = AssessApp(tmp_path / "new.json", edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await _type(pilot, form, "credit_code", FUZHOU)
        await pilot.pause()
        assert form.query_one("#province", Select).value == "35"
        assert form.query_one("#city", Input).value == "福州市"
        assert "福建省 福州市" in str(form.query_one("#error-credit_code", Static).render())
        await pilot.press(*["backspace"] * 18, *HAIDIAN)  # a corrected code replaces what the old one filled in
        await pilot.pause()
        assert (form.query_one("#province", Select).value, form.query_one("#city", Input).value) == ("11", "北京市")


@pytest.mark.asyncio
async def test_what_the_user_entered_is_kept(tmp_path: Path, frozen_content: None) -> None:
    app = AssessApp(tmp_path / "new.json", edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        form.query_one("#province", Select).value = "44"
        await _type(pilot, form, "city", "深圳市")
        await _type(pilot, form, "credit_code", FUZHOU)
        await pilot.pause()
        assert (form.query_one("#province", Select).value, form.query_one("#city", Input).value) == ("44", "深圳市")
        assert "已保留" in str(form.query_one("#error-credit_code", Static).render())


@pytest.mark.asyncio
async def test_another_province_chosen_drops_the_city_the_code_filled_in(tmp_path: Path, frozen_content: None) -> None:
    app = AssessApp(tmp_path / "new.json", edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await _type(pilot, form, "credit_code", FUZHOU)
        form.query_one("#province", Select).value = "37"
        await pilot.pause()
        assert (form.query_one("#province", Select).value, form.query_one("#city", Input).value) == ("37", "")
        assert "已保留" in str(form.query_one("#error-credit_code", Static).render())


@pytest.mark.asyncio
async def test_a_city_typed_over_the_filled_in_one_is_kept_and_the_note_says_so(
    tmp_path: Path, frozen_content: None
) -> None:
    app = AssessApp(tmp_path / "new.json", edition="gbt36073-2018")
    async with app.run_test(size=SIZE) as pilot:
        form = await _form(app, pilot)
        await _type(pilot, form, "credit_code", HAIDIAN)
        assert "北京市 北京市" not in str(form.query_one("#error-credit_code", Static).render())
        await _type(pilot, form, "city", "海淀")  # the focused field's text is selected: typing replaces it
        await pilot.pause()
        assert form.query_one("#city", Input).value == "海淀"
        assert "已保留" in str(form.query_one("#error-credit_code", Static).render())
