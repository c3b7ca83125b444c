"""Public notice lists (公示名单): what they leave out, and the options that stand for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.badinput.harness import Case, run_case

DB = ("--db", "t.db")
TITLE = "2024年第三批DCMM评估结果公示\n"
GOOD = TITLE + "序号,申请单位,评估等级,评估机构,公示日期\n1,示例数据科技有限公司（虚构）,三级,示例中心,2024-05-12\n"
NO_NAME = TITLE + "序号,评估等级,评估机构,公示日期\n1,三级,示例中心,2024-05-12\n"
NO_DATE = TITLE + "序号,申请单位,评估等级,评估机构\n1,示例数据科技有限公司（虚构）,三级,示例中心\n"
OTHER_PROVINCE = "单位名称,省份,评估等级,公示日期\n示例数据科技有限公司（虚构）,广东,三级,2024-05-12\n"


def _import(case_id: str, text: str, *options: str, exit: int = 1, names: tuple[str, ...] = ("l.csv",)) -> Case:
    command = ("tracker", "import", "l.csv", *options, *DB)
    return Case(case_id, command, {"l.csv": text}, exit=exit, names=names, outputs=("t.db*",))


CASES = [
    _import("notice-list-without-a-name-column", NO_NAME, "--province", "37", names=("l.csv: ",)),
    _import("notice-list-without-province-column-or-option", GOOD, names=("l.csv:2: ", "--province")),
    _import("notice-list-without-any-date", NO_DATE, "--province", "37", names=("l.csv:2: ", "--notice-date")),
    _import("notice-list-bad-province-option", GOOD, "--province", "火星", exit=2, names=("--province",)),
    _import(
        "notice-list-bad-notice-date-option",
        NO_DATE,
        "--province",
        "37",
        "--notice-date",
        "soon",
        exit=2,
        names=("--notice-date",),
    ),
    _import("notice-list-row-of-another-province", OTHER_PROVINCE, "--province", "37", names=("l.csv:2: 省份",)),
    Case("notice-review-missing-database", ("tracker", "review", *DB), names=("t.db: ", "no tracker database")),
    Case("notice-resolve-needs-one-choice", ("tracker", "review", "resolve", "1", *DB), exit=2, names=("--new",)),
]


@pytest.mark.parametrize("case", [case.param() for case in CASES])
def test_case(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
