"""Cities and counties through ``dcmm tracker``, on SQLite and PostgreSQL: every row that names a city is counted
in it, what cannot be placed is a warning, ``--region`` takes any level and ``--by`` takes city and county."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from dcmm.cli import Context, main
from dcmm.tracker.database import open_engine
from dcmm.tracker.repository import SqlTrackerRepository
from tests.tracker.helpers import credit_code

HEADER = ["单位名称", "统一社会信用代码", "省份", "城市", "区县", "评估等级", "证书编号", "发证日期"]
ROWS = [
    ["甲（虚构）", credit_code(1, "610100"), "陕西", "咸阳市", "", "3", "SX-1", "2024-03-01"],
    ["乙（虚构）", credit_code(2, "610100"), "陕西", "宝鸡", "", "2", "SX-2", "2024-03-01"],
    ["丙（虚构）", credit_code(3, "610402"), "陕西", "", "", "2", "SX-3", "2024-03-01"],  # 咸阳 秦都区, inferred
    ["丁（虚构）", credit_code(4, "610100"), "陕西", "某某市", "", "2", "SX-4", "2024-03-01"],  # not in the table
    ["戊（虚构）", credit_code(5, "370102"), "", "", "", "3", "SD-1", "2024-03-01"],  # province from the code
    ["己（虚构）", credit_code(6, "370100"), "山东", "莱芜市", "", "2", "SD-2", "2024-03-01"],  # now 济南
    ["庚（虚构）", credit_code(7, "370100"), "山东", "济南市", "历下区", "4", "SD-3", "2024-03-01"],
    ["辛（虚构）", credit_code(8, "320100"), "江苏", "", "鼓楼区", "2", "JS-1", "2024-03-01"],  # ambiguous
    ["壬（虚构）", credit_code(9, "110100"), "北京", "", "朝阳区", "2", "BJ-1", "2024-03-01"],
    ["癸（虚构）", credit_code(10, "220100"), "吉林", "长春", "朝阳区", "2", "JL-1", "2024-03-01"],
]
AS_OF = ("--as-of", "2025-06-30")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Context(out, err))
    return code, out.getvalue(), err.getvalue()


def progress(url: str, *options: str) -> dict[str, Any]:
    code, out, err = run("tracker", "progress", "--db", url, *AS_OF, "--threshold", "1", "--format", "json", *options)
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def table_of(document: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(table for table in document["tables"] if table["key"] == key)
    return found


def rows_of(document: dict[str, Any]) -> dict[str, tuple[str, int]]:
    """The regions table's rows below its total: key → (label, valid certificates)."""
    rows = table_of(document, "regions")["rows"]
    return {row["key"]: (row["label"], row["cells"]["certified_valid"]) for row in rows if row["kind"] == "region"}


def total_of(document: dict[str, Any]) -> tuple[str, str, int]:
    row = table_of(document, "regions")["rows"][-1]
    assert row["kind"] == "total"
    return row["key"], row["label"], row["cells"]["certified_valid"]


@pytest.fixture
def imported(tracker_url: str, tmp_path: Path) -> tuple[str, str]:
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    code, out, err = run("tracker", "import", str(path), "--db", tracker_url)
    assert code == 0, err
    assert "10 rows, 0 rejected" in out
    return tracker_url, err


def test_rows_that_cannot_be_placed_are_warned_about(imported: tuple[str, str]) -> None:
    _url, err = imported
    warnings = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2, err
    unknown, ambiguous = warnings
    assert "list.csv:5" in unknown and "城市" in unknown and "'某某市' is not a city of 陕西省" in unknown
    assert "list.csv:9" in ambiguous and "区县" in ambiguous
    assert "南京市鼓楼区 (320106)" in ambiguous and "徐州市鼓楼区 (320302)" in ambiguous


def test_every_row_naming_a_city_is_counted_in_it(imported: tuple[str, str]) -> None:
    url, _ = imported
    shaanxi = rows_of(progress(url, "--region", "陕西", "--by", "city"))
    assert shaanxi == {"61:not_given": ("陕西省（城市未列明）", 1), "610300": ("宝鸡市", 1), "610400": ("咸阳市", 2)}
    shandong = rows_of(progress(url, "--region", "37", "--by", "county"))
    assert shandong == {"370100": ("济南市（区县未列明）", 1), "370102": ("历下区", 2)}


def test_region_at_every_level(imported: tuple[str, str]) -> None:
    url, _ = imported
    xianyang = progress(url, "--region", "咸阳")
    assert (xianyang["region"], xianyang["region_name"], xianyang["by"]) == ("610400", "咸阳市", "city")
    # a report of one region is its total row alone, labelled with the region (never with its province)
    assert rows_of(xianyang) == {} and total_of(xianyang) == ("610400", "合计（咸阳市）", 2)
    assert total_of(progress(url, "--region", "济南市")) == ("370100", "合计（济南市）", 3)
    assert total_of(progress(url, "--region", "历下区")) == ("370102", "合计（历下区）", 2)
    assert total_of(progress(url, "--region", "北京朝阳区")) == ("110105", "合计（朝阳区）", 1)
    assert total_of(progress(url, "--region", "220104")) == ("220104", "合计（朝阳区）", 1)
    assert rows_of(progress(url, "--region", "11", "--by", "county")) == {"110105": ("朝阳区", 1)}


def test_a_city_target_counts_the_city(imported: tuple[str, str]) -> None:
    url, _ = imported
    code, _, err = run(
        "tracker", "target", "add", "--db", url, "--region", "咸阳", "--metric", "certified_valid",
        "--number", "4", "--deadline", "2026-12-31", "--source", "示例文件（虚构）",
    )  # fmt: skip
    assert code == 0, err
    (target,) = table_of(progress(url, "--region", "610400"), "targets")["rows"]
    assert (target["key"].split(":")[0], target["label"], target["cells"]["count"]) == ("610400", "咸阳市", 2)
    national = table_of(progress(url), "targets")["rows"]
    (target,) = [t for t in national if t["key"].startswith("610400:")]
    assert target["cells"]["count"] == 2


def test_ambiguous_and_unknown_regions_are_usage_errors(imported: tuple[str, str]) -> None:
    url, _ = imported
    code, _, err = run("tracker", "progress", "--db", url, "--region", "朝阳区")
    assert code == 2 and "110105" in err and "220104" in err and "Traceback" not in err
    code, _, err = run("tracker", "progress", "--db", url, "--region", "某某市")
    assert code == 2 and "济南" in err


def test_the_inferred_region_is_flagged(imported: tuple[str, str]) -> None:
    url, _ = imported
    engine = open_engine(url)
    repository = SqlTrackerRepository(engine)
    try:
        inferred = repository.organisation_history(credit_code(3, "610402"))
        written = repository.organisation_history(credit_code(1, "610100"))
        from_code = repository.organisation_history(credit_code(5, "370102"))
    finally:
        engine.dispose()
    assert inferred is not None and written is not None and from_code is not None
    org = inferred.organisation
    assert (org.province, org.city_code, org.county_code, org.region_inferred) == ("61", "610400", "610402", True)
    assert (written.organisation.city_code, written.organisation.region_inferred) == ("610400", False)
    org = from_code.organisation
    assert (org.province, org.city_code, org.county_code, org.region_inferred) == ("37", "370100", "370102", True)
    code, out, _ = run("tracker", "show", credit_code(3, "610402"), "--db", url)
    assert code == 0 and "陕西省 咸阳市 秦都区" in out and "credit code" in out
