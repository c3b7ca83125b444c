"""Industry names in English reports: the GB/T 4754 sections and their aliases, anything else as written."""

from __future__ import annotations

from dcmm.tracker.industries import english_names, industry_name


def test_sections_and_aliases_have_english_names_and_other_words_stay_as_written() -> None:
    assert industry_name("信息传输、软件和信息技术服务业", "en") == "Information transmission, software and IT services"
    assert industry_name("公共管理和社会组织", "en") == industry_name("公共管理、社会保障和社会组织", "en")
    assert industry_name(" 金融业 ", "en") == "Finance"  # spaces and full-width forms as lists write them
    assert industry_name("区块链", "en") == "区块链"
    assert industry_name("金融业", "zh") == "金融业"


def test_every_section_is_listed_once() -> None:
    sections = set(english_names().values())
    assert len(sections) == 20 and "Manufacturing" in sections and "International organisations" in sections
