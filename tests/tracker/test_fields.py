"""Levels, dates, editions and statuses as real lists write them."""

from __future__ import annotations

import datetime as dt

import pytest

from dcmm.tracker.fields import parse_date, parse_edition, parse_level, parse_status
from dcmm.tracker.regions import parse_city, parse_region
from dcmm.tracker.rules import add_years


@pytest.mark.parametrize(
    "text", ["3", "3.0", "三级", "稳健级", "3级（稳健级）", "三级(稳健级)", " L3 ", "Level 3", "robust", "3级"]
)
def test_level_three_in_every_spelling(text: str) -> None:
    assert parse_level(text) == 3


@pytest.mark.parametrize("text", ["6", "六级", "", "高级", "3级（受管理级）"])
def test_not_a_level(text: str) -> None:
    with pytest.raises(ValueError):
        parse_level(text)


def test_contradictory_level_names_both_levels() -> None:
    with pytest.raises(ValueError, match="level 3 is 稳健级, not 受管理级"):
        parse_level("3级（受管理级）")


@pytest.mark.parametrize("text", ["2023-05-12", "2023/5/12", "2023.5.12", "2023年5月12日", "20230512", "45058"])
def test_dates(text: str) -> None:
    assert parse_date(text) == dt.date(2023, 5, 12)


@pytest.mark.parametrize("text", ["2023-13-01", "12/05/2023", "soon", "2023-02-30"])
def test_not_a_date(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


def test_three_years_from_a_leap_day() -> None:
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)


def test_editions_and_statuses() -> None:
    assert parse_edition("GB/T 36073-2018") == "2018"
    assert parse_edition("DCMM 2.0") == "2025"
    assert parse_status("") == "valid"
    assert parse_status("试点") == "pilot"
    assert parse_status("已撤销") == "revoked"
    with pytest.raises(ValueError):
        parse_status("暂停")


def test_cities_must_lie_in_their_province() -> None:
    assert parse_city("青岛", "37") == ("370200", "青岛市")
    assert parse_city("370212", "37") == ("370200", "青岛市")
    assert parse_city("某某市", "37") == (None, "某某市")
    with pytest.raises(ValueError, match="not in province 37"):
        parse_city("440300", "37")
    with pytest.raises(ValueError, match="is in 广东省"):
        parse_city("深圳", "37")


def test_regions_on_the_command_line() -> None:
    assert parse_region("全国") == "CN"
    assert parse_region("山东") == "37"
    assert parse_region("370200") == "370200"
    assert parse_region("青岛市") == "370200"
    with pytest.raises(ValueError):
        parse_region("Atlantis")


@pytest.mark.parametrize(
    "text",
    [
        "2023-05-12 00:00:00",
        "2023/5/12 0:00",
        "2023/05/12 00:00:00",
        "2023-05-12T00:00:00",
        "2023-05-12T00:00:00.000",
        "2023-05-12 00:00:00+08:00",
        "2023年5月12日 0:00",
        "45058.0",
    ],
)
def test_dates_as_excel_wps_and_pandas_write_them_to_csv(text: str) -> None:
    assert parse_date(text) == dt.date(2023, 5, 12)


@pytest.mark.parametrize("text", ["2023-05-12 15:30", "2023-05-11T16:00:00Z", "2023-05-12 00:00:01"])
def test_a_time_of_day_other_than_midnight_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="has a time of day: write the date alone"):
        parse_date(text)


def test_a_refused_cell_is_refused_again_with_the_same_words() -> None:
    with pytest.raises(ValueError) as first:
        parse_date("soon")
    with pytest.raises(ValueError) as again:
        parse_date("soon")
    assert (
        str(first.value)
        == str(again.value)
        == "'soon' is not a date: expected e.g. 2023-05-12, 2023/5/12 or 2023年5月12日"
    )
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("9" * 70)  # too long to be remembered, still refused
