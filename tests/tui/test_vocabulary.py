"""The questionnaire's words: every catalogue key it names exists, grade names come from the edition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dcmm.core.questionnaire import GRADE_IDS
from dcmm.core.text import LANGUAGES, Language
from dcmm.files import load_edition
from dcmm.i18n import catalogue
from dcmm.tui.render import BADGE_CELLS, GRADE_KEYS, grade_badge
from dcmm.tui.screens.help_screen import main_screen_help, quick_scan_help

TUI_SOURCE = Path(__file__).resolve().parents[2] / "dcmm" / "tui"
LITERAL_KEY = re.compile(r"""["'](tui\.[a-z0-9_]+)["']""")


def test_every_literal_key_of_the_questionnaire_is_in_both_catalogues() -> None:
    used = {key for path in TUI_SOURCE.rglob("*.py") for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 50
    for language in LANGUAGES:
        assert sorted(used - set(catalogue(language))) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh", ["完全满足", "大部分", "一般满足", "不满足", "不适用", "未答"]),
        ("en", ["Fully", "Mostly", "Partly", "Not met", "N/A", "----"]),
    ],
)
def test_a_badge_is_the_editions_grade_name_or_the_key_word_where_the_name_is_too_wide(
    language: Language, expected: list[str]
) -> None:
    questionnaire = load_edition("gbt36073-2018")
    shown = [grade_badge(questionnaire, grade, language).plain.rstrip() for grade in (*GRADE_IDS, None)]
    assert shown == expected
    for grade, badge in zip(GRADE_IDS, shown, strict=False):
        name = questionnaire.grade(grade).name.get(language)
        assert badge == name or len(name) > len(badge)
    assert all(grade_badge(questionnaire, g, language).cell_len == BADGE_CELLS for g in (*GRADE_IDS, None))


def test_the_help_names_grades_as_the_edition_does() -> None:
    questionnaire = load_edition("gbt36073-2018")
    zh = dict(main_screen_help(questionnaire, "zh"))
    assert [zh[key] for key in ("1", "2", "4")] == ["完全满足（1.0）", "大部分满足（0.7）", "不满足（0）"]
    assert zh["0"].startswith("不适用：")
    en = dict(main_screen_help(questionnaire, "en"))
    assert en["1"] == "Fully met (1.0)" and en["0"].startswith("Not applicable: ")
    assert list(zh)[: len(GRADE_KEYS)] == list(GRADE_KEYS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_help_row_has_keys_and_a_meaning(language: Language) -> None:
    questionnaire = load_edition("gbt36073-2018")
    for rows in (main_screen_help(questionnaire, language), quick_scan_help(language)):
        assert all(keys.strip() and meaning.strip() for keys, meaning in rows)
    assert quick_scan_help(language)[0][0] == "1 – 5"
