"""Cities, counties and division codes the GB/T 2260 table cannot place: a row warning (the row kept, nothing
guessed), a row error when they contradict the row, a usage error for a ``--region`` that names nothing or
several divisions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.badinput.harness import Case, Outcome, run_case
from tests.badinput.listfiles import HEADER, csv_text
from tests.tracker.helpers import credit_code

DB = ("--db", "t.db")
OUT = ("t.db*",)
PLACED = (*HEADER, "城市", "区县")


def placed(number: int, province: str, city: str, county: str, area: str = "370100") -> list[object]:
    return [f"示例{number}（虚构）", credit_code(number, area), province, "3", "2023-05-12", city, county]


def stored(city_code: str | None, county_code: str | None) -> Callable[[Path, Outcome], None]:
    """A check that t.db holds the one organisation with these codes, and its certificate with them."""

    def check(folder: Path, outcome: Outcome) -> None:
        connection = sqlite3.connect(folder / "t.db")
        try:
            found = connection.execute(
                "SELECT o.name, o.city_code, o.county_code, c.city_code, c.county_code FROM organisation o "
                "JOIN certificate c ON c.organisation_id = o.id"
            ).fetchall()
        finally:
            connection.close()
        assert found == [("示例1（虚构）", city_code, county_code, city_code, county_code)], (found, outcome.err)

    return check


def warned(id: str, content: str, *names: str, check: Callable[[Path, Outcome], None]) -> Case:
    """A list imported in full (exit 0) whose warning on stderr names ``names``."""
    return Case(
        id,
        ("tracker", "import", "list.csv", *DB),
        {"list.csv": content},
        exit=0,
        names=("warning: ", *names),
        outputs=OUT,
        stdout=("list.csv: 1 rows, 0 rejected",),
        check=check,
    )


def refused(id: str, content: str, *names: str) -> Case:
    return Case(id, ("tracker", "import", "list.csv", *DB), {"list.csv": content}, names=names, outputs=OUT)


CASES = [
    warned(
        "divisions-unknown-city",
        csv_text(placed(1, "陕西省", "某某市", ""), header=PLACED),
        "list.csv:2",
        "城市",
        "某某市",
        "陕西省",
        check=stored(None, None),
    ),
    warned(
        "divisions-ambiguous-district",
        csv_text(placed(1, "江苏省", "", "鼓楼区"), header=PLACED),  # a credit code of 济南: no city of 江苏 from it
        "list.csv:2",
        "区县",
        "南京市鼓楼区 (320106)",
        "徐州市鼓楼区 (320302)",
        check=stored(None, None),
    ),
    warned(
        "divisions-unknown-county",
        csv_text(placed(1, "山东省", "济南市", "某某区"), header=PLACED),
        "list.csv:2",
        "区县",
        "某某区",
        "济南市",
        check=stored("370100", None),
    ),
    warned(
        "divisions-credit-code-division-unknown",
        csv_text(placed(1, "山东省", "", "", "379999"), header=PLACED),
        "list.csv:2",
        "379999",
        "characters 3-8",
        check=stored(None, None),
    ),
    refused(
        "divisions-credit-code-division-unknown-without-province",
        csv_text(placed(1, "", "", "", "991234"), header=PLACED),
        "list.csv:2",
        "省份",
        "991234",
    ),
    refused(
        "divisions-city-of-another-province",
        csv_text(placed(1, "山东省", "深圳", ""), header=PLACED),
        "list.csv:2",
        "城市",
        "广东省",
    ),
    refused(
        "divisions-county-outside-the-city",
        csv_text(placed(1, "山东省", "青岛", "370102"), header=PLACED),
        "list.csv:2",
        "城市",
        "not in 青岛市",
    ),
    Case(
        "divisions-region-ambiguous",
        ("tracker", "progress", "--region", "朝阳区", *DB),
        exit=2,
        names=("--region", "110105", "220104"),
        outputs=OUT,
    ),
    Case(
        "divisions-region-unknown",
        ("tracker", "progress", "--region", "某某市", *DB),
        exit=2,
        names=("--region", "某某市", "济南"),
        outputs=OUT,
    ),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
