"""The zh and en catalogues hold the same keys with the same placeholders, and code uses only known keys."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from dcmm.i18n import LANGUAGES, MissingText, catalogue, choose_language, text

SOURCE = Path(__file__).resolve().parents[2] / "dcmm"
# text("area.name", …), t("area.name", …) and tr("area.name", …) with a literal key
KEY_USE = re.compile(r"""\b(?:text|t|tr|_t)\(\s*["']([a-z][a-z0-9_]*\.[a-z0-9_.]+)["']""")


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_keys() -> None:
    zh, en = catalogue("zh"), catalogue("en")
    assert sorted(set(zh) - set(en)) == []
    assert sorted(set(en) - set(zh)) == []


@pytest.mark.parametrize("path", sorted((SOURCE / "i18n").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_catalogue_gives_a_key_twice(path: Path) -> None:
    """YAML keeps the last of two equal keys silently: two texts written for one key would lose one."""
    from dcmm.files import duplicate_key_problems
    from dcmm.files.yaml_source import compose

    assert [str(p) for p in duplicate_key_problems(path.name, compose(path.read_text(encoding="utf-8")))] == []


def test_placeholders_agree_between_languages() -> None:
    zh, en = catalogue("zh"), catalogue("en")
    disagree = [key for key in zh if _placeholders(zh[key]) != _placeholders(en[key])]
    assert disagree == []


def test_no_text_is_empty() -> None:
    assert [(lang, key) for lang in LANGUAGES for key, value in catalogue(lang).items() if not value.strip()] == []


def test_every_key_the_code_uses_exists() -> None:
    used = {
        (str(path.relative_to(SOURCE.parent)), key)
        for path in SOURCE.rglob("*.py")
        for key in KEY_USE.findall(path.read_text(encoding="utf-8"))
    }
    missing = sorted((where, key) for where, key in used if key not in catalogue("zh"))
    assert missing == []


def test_a_missing_key_is_an_error_not_a_blank() -> None:
    with pytest.raises(MissingText):
        text("common.no_such_key", "zh")


def test_placeholders_are_filled() -> None:
    assert text("common.language_name", "en") == "English"


@pytest.mark.parametrize(
    ("explicit", "environment", "expected"),
    [(None, None, "zh"), ("en", None, "en"), (None, "en_GB.UTF-8", "en"), ("zh", "en", "zh"), (None, "fr", "zh")],
)
def test_language_comes_from_option_then_environment(
    monkeypatch: pytest.MonkeyPatch, explicit: str | None, environment: str | None, expected: str
) -> None:
    if environment is None:
        monkeypatch.delenv("DCMM_LANG", raising=False)
    else:
        monkeypatch.setenv("DCMM_LANG", environment)
    assert choose_language(explicit) == expected
