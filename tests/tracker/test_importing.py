"""Importing certificate lists: headers, validation with row numbers, idempotence, dry runs, strict mode."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from dcmm.files import UserError
from dcmm.tracker.importing import import_certificate_list, read_certificate_list
from dcmm.tracker.repository import SqlTrackerRepository

from .helpers import credit_code, dump

TODAY = dt.date(2026, 6, 30)
GOOD = [
    ["示例甲公司（虚构）", credit_code(1), "山东省", "济南市", "制造业", "2级", "C-1", "2021-03-10"],
    ["示例乙公司（虚构）", credit_code(2, "370200"), "山东", "青岛", "金融业", "三级（稳健级）", "C-2", "2022/5/25"],
    ["示例丙公司（虚构）", credit_code(3, "440300"), "440000", "深圳市", "制造业", "稳健级", "C-3", "2023年1月10日"],
]


def test_messy_headers_title_rows_and_english(tmp_path: Path, write_list: Callable[..., Path]) -> None:
    header = [
        "No.",
        "Organisation",
        "Credit code",
        "Province",
        "City",
        "Industry",
        "Level",
        "Certificate No",
        "Issue date",
    ]
    path = write_list([[str(i), *row] for i, row in enumerate(GOOD, start=1)], header)
    path.write_text("2023 年第一批评估结果公示\n\n" + path.read_text("utf-8"), "utf-8")
    records, report = read_certificate_list(path, today=TODAY)
    assert report.problems == []
    assert [(r.row, r.level, r.province, r.city_code) for r in records] == [
        (4, 2, "37", "370100"),
        (5, 3, "37", "370200"),
        (6, 3, "44", "440300"),
    ]
    assert records[2].issue_date == dt.date(2023, 1, 10)


def test_explicit_column_mapping(write_list: Callable[..., Path]) -> None:
    header = ["单位名称", "统一社会信用代码", "省份", "城市", "行业", "评估等级", "证书号码（新）", "颁发于"]
    path = write_list(GOOD, header)
    with pytest.raises(UserError, match="no column for issue_date"):
        read_certificate_list(path, today=TODAY)
    records, report = read_certificate_list(
        path, {"颁发于": "issue_date", "证书号码（新）": "certificate_number"}, today=TODAY
    )
    assert report.problems == []
    assert [r.certificate_number for r in records] == ["C-1", "C-2", "C-3"]


def test_every_bad_row_is_reported_with_row_column_and_reason(write_list: Callable[..., Path]) -> None:
    bad_code = credit_code(4)[:17] + ("0" if credit_code(4)[17] != "0" else "1")
    rows = [
        GOOD[0],
        ["坏甲", bad_code, "山东省", "", "", "2", "C-4", "2021-03-10"],
        ["坏乙", credit_code(5), "火星省", "", "", "2", "C-5", "2021-03-10"],
        ["坏丙", credit_code(6), "山东省", "", "", "6级", "C-6", "2021-03-10"],
        ["坏丁", credit_code(7), "山东省", "", "", "2", "C-7", "2021-02-30"],
        ["坏戊", credit_code(8), "山东省", "深圳", "", "2", "C-8", "2017-01-01"],
        GOOD[1],
    ]
    records, report = read_certificate_list(write_list(rows), today=TODAY)
    assert [r.row for r in records] == [2, 8]
    found = [(p.line, p.field) for p in report.problems]
    assert found == [
        (3, "统一社会信用代码"),
        (4, "省份"),
        (5, "评估等级"),
        (6, "发证日期"),
        (7, "发证日期"),
        (7, "城市"),
    ]
    assert "check character" in report.problems[0].message
    assert report.rejected_rows == 5


def test_xlsx_with_dates_and_numbers(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["企业名称", "社会信用代码", "省", "等级", "发证日期", "有效期至"])
    sheet.append(["示例（虚构）", credit_code(9), "Shandong", 3, dt.datetime(2022, 7, 1), dt.datetime(2025, 7, 1)])
    workbook.save(path)
    records, report = read_certificate_list(path, today=TODAY)
    assert report.problems == []
    assert (records[0].level, records[0].issue_date, records[0].expiry_date) == (
        3,
        dt.date(2022, 7, 1),
        dt.date(2025, 7, 1),
    )


def test_unreadable_files_are_one_problem(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="file not found"):
        read_certificate_list(tmp_path / "missing.csv")
    (tmp_path / "list.pdf").write_text("x")
    with pytest.raises(UserError, match="unknown list format"):
        read_certificate_list(tmp_path / "list.pdf")
    (tmp_path / "notes.csv").write_text("a,b\nc,d\n")
    with pytest.raises(UserError, match="no header row"):
        read_certificate_list(tmp_path / "notes.csv")


def test_importing_twice_changes_nothing(repository: SqlTrackerRepository, write_list: Callable[..., Path]) -> None:
    path = write_list(GOOD)
    first = import_certificate_list(repository, path, today=TODAY)
    assert first.outcome is not None
    assert (first.outcome.certificates_added, first.outcome.organisations_added) == (3, 3)
    before = dump(repository)
    second = import_certificate_list(repository, path, today=TODAY)
    assert second.outcome is not None
    assert not second.outcome.changed
    assert second.outcome.certificates_unchanged == 3
    assert dump(repository) == before


@pytest.mark.parametrize("tracker_url", ["postgresql"], indirect=True)
def test_an_import_leaves_postgresql_ready_to_count_from_its_indexes(
    repository: SqlTrackerRepository, write_list: Callable[..., Path]
) -> None:
    """Statistics and the visibility map are brought up to date (VACUUM ANALYZE), so that counts read the
    covering indexes alone even where autovacuum is off. The visibility map itself is not asserted: a
    transaction open elsewhere on the server (another test, another user) keeps VACUUM from marking new
    rows all-visible, so the test checks that VACUUM and ANALYZE ran and what ANALYZE recorded."""
    import_certificate_list(repository, write_list(GOOD), today=TODAY)
    with repository.engine.connect() as connection:
        tuples = connection.exec_driver_sql(
            "SELECT reltuples FROM pg_class WHERE oid = 'certificate'::regclass"
        ).scalar_one()
        vacuums, analyses = connection.exec_driver_sql(
            "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables WHERE relid = 'certificate'::regclass"
        ).one()
    assert (tuples, vacuums, analyses) == (3, 1, 1)


def test_dry_run_writes_nothing(repository: SqlTrackerRepository, write_list: Callable[..., Path]) -> None:
    before = dump(repository)
    result = import_certificate_list(repository, write_list(GOOD), dry_run=True, today=TODAY)
    assert result.outcome is not None and result.outcome.certificates_added == 3
    assert dump(repository) == before


def test_good_rows_are_kept_unless_strict(repository: SqlTrackerRepository, write_list: Callable[..., Path]) -> None:
    path = write_list([*GOOD, ["坏", credit_code(10), "火星省", "", "", "2", "C-10", "2021-03-10"]])
    strict = import_certificate_list(repository, path, strict=True, today=TODAY)
    assert strict.outcome is None and strict.rejected_rows == 1
    assert dump(repository)["certificate"] == []
    lenient = import_certificate_list(repository, path, today=TODAY)
    assert lenient.outcome is not None and lenient.outcome.certificates_added == 3
    assert [p.line for p in lenient.problems] == [5]


def test_contradictions_with_stored_rows_are_rejected(
    repository: SqlTrackerRepository, write_list: Callable[..., Path]
) -> None:
    import_certificate_list(repository, write_list(GOOD), today=TODAY)
    clash = ["冒名（虚构）", credit_code(11), "山东省", "", "", "2", "C-1", "2024-01-10"]
    repeat = GOOD[2]
    result = import_certificate_list(repository, write_list([clash, repeat, repeat], name="b.csv"), today=TODAY)
    assert [(p.line, p.field) for p in result.problems] == [(2, "证书编号")]
    assert "already recorded for another organisation" in result.problems[0].message
    assert result.outcome is not None and result.outcome.repeated_rows == 1


def test_a_corrected_row_updates_the_certificate(
    repository: SqlTrackerRepository, write_list: Callable[..., Path]
) -> None:
    import_certificate_list(repository, write_list(GOOD), today=TODAY)
    corrected = [["示例甲公司（更名，虚构）", credit_code(1), "山东省", "济南市", "制造业", "2级", "C-1", "2021-03-10"]]
    result = import_certificate_list(repository, write_list(corrected, name="fix.csv"), today=TODAY)
    assert result.outcome is not None
    assert (result.outcome.organisations_updated, result.outcome.certificates_unchanged) == (1, 1)
    names = [row[2] for row in dump(repository)["organisation"]]
    assert "示例甲公司（更名，虚构）" in names


FIXTURES = Path(__file__).resolve().parent / "fixtures"  # written by make_fixtures.py


def test_an_excel_97_list_reads_like_any_other() -> None:
    records, report = read_certificate_list(FIXTURES / "list.xls", today=TODAY)
    assert report.problems == []
    assert [(r.row, r.level, r.issue_date) for r in records] == [
        (2, 3, dt.date(2023, 5, 12)),
        (3, 2, dt.date(2024, 1, 10)),
    ]


def test_a_workbook_with_a_password_is_refused_with_what_to_do() -> None:
    with pytest.raises(UserError, match=r"protected.xlsx: password-protected: save it without a password"):
        read_certificate_list(FIXTURES / "protected.xlsx", today=TODAY)


def test_rows_beyond_the_problems_shown_are_still_counted(write_list: Callable[..., Path]) -> None:
    bad = [["坏", "x", "火星省", "", "", "2", "", "soon"] for _ in range(600)]  # three problems a row
    records, report = read_certificate_list(write_list([*bad, GOOD[0]]), today=TODAY)
    assert len(records) == 1 and report.data_rows == 601
    assert report.rejected_rows == 600
    assert len(report.problems) == 1_003  # 334 rows of three (the row that passes 1,000 is shown whole), a note
    assert report.problems[-1].line is None
    assert (
        report.problems[-1].message == "798 more problems in 266 more rejected rows are not shown: the first 1,000 are"
    )


def test_texts_longer_than_the_database_keeps_are_row_problems(
    repository: SqlTrackerRepository, write_list: Callable[..., Path]
) -> None:
    """On PostgreSQL a longer value would fail the whole insert; here it is the row's problem, named by column."""
    too_long = [
        ["名" * 201, credit_code(4), "山东省", "济南市", "制造业", "2级", "C-4", "2021-03-10"],
        ["示例丁公司（虚构）", credit_code(5), "山东省", "城" * 61, "制造业", "2级", "C-5", "2021-03-10"],
        ["示例戊公司（虚构）", credit_code(6), "山东省", "济南市", "业" * 101, "2级", "C-6", "2021-03-10"],
        ["示例己公司（虚构）", credit_code(7), "山东省", "济南市", "制造业", "2级", "C" * 65, "2021-03-10"],
    ]
    result = import_certificate_list(repository, write_list([*GOOD, *too_long]), today=TODAY)
    assert result.outcome is not None and result.outcome.certificates_added == 3
    assert [(p.line, p.field) for p in result.problems] == [(5, "单位名称"), (6, "城市"), (7, "行业"), (8, "证书编号")]
    assert all("the tracker keeps" in p.message for p in result.problems)
