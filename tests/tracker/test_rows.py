"""Reading list files: encodings, header rows, and the row model's rules and messages."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcmm.files import Problem, UserError
from dcmm.tracker.headers import find_header
from dcmm.tracker.importing import read_certificate_list
from dcmm.tracker.records import CertificateRecord
from dcmm.tracker.rows import RowReader
from dcmm.tracker.sheets import cell_name, cell_text, read_rows

from .conftest import HEADER
from .helpers import credit_code

TODAY = dt.date(2026, 6, 30)
LINE = f"示例（虚构）,{credit_code(1)},山东,济南,制造业,2,C-1,2021-03-10"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_lists_in_every_encoding_offices_use(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(("\n".join([",".join(HEADER), LINE]) + "\n").encode(encoding))
    rows = read_rows(path)
    header = find_header(rows, {}, str(path))
    assert header.names()["name"] == "单位名称"  # a BOM does not stick to the first header
    assert [cells[0] for _, cells in rows] == ["示例（虚构）"]


def test_text_in_no_known_encoding_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(b"name\n\xff\xfe\x00\xd8 not text")
    with pytest.raises(UserError, match=r"list.csv: not UTF-8 or GB18030 text \(byte 5 is not\)"):
        list(read_rows(path))


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    text = "\t".join(HEADER) + "\r\n" + LINE.replace(",", "\t") + "\r\n"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    rows = read_rows(path)
    assert find_header(rows, {}, str(path)).names()["name"] == "单位名称"
    assert next(rows) == (2, LINE.split(","))


def test_cells_are_held_to_excel_limits(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(",".join(HEADER) + "\n" + "示例," + "x" * 32_768 + "\n", "utf-8")
    with pytest.raises(UserError, match=r"list.csv:2: column B: a cell of 32,768 characters: a cell holds at most"):
        list(read_rows(path))
    path.write_text(",".join(HEADER) + "\n" + '"open,' + "x" * 1_048_576 + "\n", "utf-8")
    with pytest.raises(UserError, match=r"list.csv:2: a row longer than 1,048,576 characters: a quote"):
        list(read_rows(path))


def test_workbook_cells_as_text() -> None:
    assert cell_text(dt.datetime(2023, 5, 12)) == "2023-05-12"
    assert cell_text(dt.datetime(2023, 5, 12, 15, 30)) == "2023-05-12T15:30:00"
    assert (cell_text(3.0), cell_text(2.5), cell_text(None), cell_text(True)) == ("3", "2.5", "", "True")
    assert cell_name("名单", 12, 5) == "名单!F12"
    assert cell_name("S", 1, 26) == "S!AA1"


def test_tab_separated_text(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("\t".join(HEADER) + "\n" + LINE.replace(",", "\t") + "\n", "utf-8")
    rows = read_rows(path)
    find_header(rows, {}, str(path))
    assert len(next(rows)[1]) == len(HEADER)


COLUMNS = ["单位名称", "统一社会信用代码", "省份", "城市", "评估等级", "状态", "公示日期", "发证日期", "有效期至"]


def reader() -> RowReader:
    rows = iter([(1, COLUMNS)])
    return RowReader("list.csv", find_header(rows, {}, "list.csv"), TODAY)


def read(*cells: str) -> CertificateRecord:
    result = reader().read(2, list(cells))
    assert isinstance(result, CertificateRecord), result
    return result


def problems(*cells: str) -> list[tuple[str | None, str]]:
    result = reader().read(2, list(cells))
    assert isinstance(result, list), result
    return [(p.field, p.message) for p in result]


def test_a_good_row_becomes_a_record() -> None:
    result = read(" 示例　公司 ", credit_code(1).lower(), "370000", "青岛", "三级", "", "", "2023年1月10日", "")
    assert (result.name, result.credit_code, result.province) == ("示例 公司", credit_code(1), "37")
    assert (result.city_code, result.level, result.issue_date) == ("370200", 3, dt.date(2023, 1, 10))


def test_a_pilot_needs_no_level_and_counts_from_its_notice() -> None:
    result = read("示例", credit_code(1), "山东", "", "", "试点", "2022-03-01", "", "")
    assert (result.status, result.level, result.issue_date) == ("pilot", None, dt.date(2022, 3, 1))
    assert problems("示例", credit_code(1), "山东", "", "", "试点", "", "", "") == [
        ("发证日期", "a pilot needs the day it began")
    ]


def test_every_bad_cell_of_a_row_is_named_in_column_order() -> None:
    found = problems("", "", "", "", "", "暂停", "", "soon", "2020-01-01")
    assert found == [  # an empty credit code is no problem: the row's organisation is matched by name
        ("单位名称", "required but empty"),
        ("省份", "required but empty"),
        ("状态", "'暂停' is not a status: expected 有效/valid, 撤销/revoked or 试点/pilot"),
        ("评估等级", "required but empty"),
        ("发证日期", "'soon' is not a date: expected e.g. 2023-05-12, 2023/5/12 or 2023年5月12日"),
    ]


def test_dates_are_checked_against_the_standard_today_and_each_other() -> None:
    assert problems("示例", credit_code(1), "山东", "", "2", "", "", "2027-01-01", "2026-01-01") == [
        ("发证日期", "2027-01-01 is in the future"),
        ("有效期至", "expiry 2026-01-01 is not after the issue date 2027-01-01"),
    ]
    assert problems("示例", credit_code(1), "山东", "", "2", "", "", "2018-09-30", "") == [
        ("发证日期", "2018-09-30 is before GB/T 36073-2018 came into force (2018-10-01)")
    ]


def test_a_city_is_checked_only_against_a_valid_province() -> None:
    assert problems("示例", credit_code(1), "火星省", "深圳", "2", "", "", "2021-01-10", "")[0][0] == "省份"
    assert len(problems("示例", credit_code(1), "火星省", "深圳", "2", "", "", "2021-01-10", "")) == 1
    assert problems("示例", credit_code(1), "山东", "深圳", "2", "", "", "2021-01-10", "")[0][0] == "城市"


def test_a_list_may_leave_out_the_optional_columns() -> None:
    rows = iter([(1, ["单位名称", "统一社会信用代码", "省份", "评估等级", "发证日期"])])
    short = RowReader("list.csv", find_header(rows, {}, "list.csv"), TODAY)
    result = short.read(2, ["示例", credit_code(1), "山东", "2", "2021-01-10"])
    assert isinstance(result, CertificateRecord) and result.expiry_date is None


CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            "3",
            "三级（稳健级）",
            "6级",
            "山东",
            "深圳",
            "火星省",
            credit_code(1),
            credit_code(2).lower(),
            "试点",
            "暂停",
            "2023-05-12 00:00:00",
            "2023-05-12 15:30",
            "2023-02-30",
            "45058",
            "2017-01-01",
            "2030-01-01",
            '"',
            "\r\n",
        ]
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(CELLS, max_size=12), max_size=6))
def test_any_row_is_a_record_or_its_problems(rows: list[list[str]]) -> None:
    for number, cells in enumerate(rows, start=2):
        result = reader().read(number, cells)
        if isinstance(result, list):
            assert result and all(p.line == number and p.field and p.message for p in result)
        else:
            assert isinstance(result, CertificateRecord) and result.row == number


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.lists(CELLS, max_size=12), max_size=6),
    st.sampled_from([",", "\t", ";"]),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
    st.booleans(),
)
def test_any_text_list_gives_records_and_problems_or_a_user_error(
    tmp_path: Path, rows: list[list[str]], delimiter: str, encoding: str, with_header: bool
) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([COLUMNS, *rows] if with_header else rows)
    path = tmp_path / "list.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, "replace"))
    try:
        records, report = read_certificate_list(path, today=TODAY)
    except UserError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)
        return
    assert all(isinstance(record, CertificateRecord) for record in records)
    assert all(isinstance(p, Problem) and p.file == str(path) for p in report.problems)
    assert report.records + report.rejected_rows == report.data_rows


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from(["list.csv", "list.tsv", "list.xlsx", "list.xls", "list.ods"]))
def test_any_bytes_give_a_result_or_a_user_error(tmp_path: Path, content: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    try:
        read_certificate_list(path, today=TODAY)
    except UserError as exc:
        assert exc.problems
