"""Recognising a list's header row: the names real lists give their columns, and mappings given by the user."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from dcmm.files import Problem, UserError
from dcmm.tracker.sheets import Row

# Field → headers seen in real lists (compared without spaces, brackets or case).
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "单位名称",
        "企业名称",
        "机构名称",
        "申报单位",
        "申请单位",
        "申请单位名称",
        "单位全称",
        "企业全称",
        "获评单位",
        "单位",
        "企业",
        "名称",
        "organisation",
        "organization",
        "name",
        "company",
    ),
    "credit_code": (
        "统一社会信用代码",
        "社会信用代码",
        "信用代码",
        "统一代码",
        "creditcode",
        "uscc",
        "unifiedsocialcreditcode",
    ),
    "province": ("省份", "省", "所在省份", "所属省份", "省区市", "省(区、市)", "地区", "所属地区", "province"),
    "city": ("城市", "地市", "所在城市", "所属城市", "市", "所在地市", "city"),
    "county": ("区县", "县区", "区/县", "县/区", "所在区县", "所属区县", "县(市、区)", "county", "district"),
    "industry": ("行业", "所属行业", "行业领域", "行业类别", "industry", "sector"),
    "party_type": ("类型", "申报类型", "评估类型", "甲乙方", "单位类型", "partytype", "party"),
    "level": ("等级", "评估等级", "成熟度等级", "级别", "认证等级", "评估结果", "证书等级", "level"),
    "edition": ("标准版本", "版本", "标准", "edition", "standard"),
    "body": ("评估机构", "认证机构", "发证机构", "评估单位", "assessmentbody", "body"),
    "batch": ("批次", "公示批次", "batch"),
    "notice_date": ("公示日期", "公示时间", "noticedate"),
    "certificate_number": ("证书编号", "证书号", "证书编码", "certificateno", "certificatenumber", "certificate"),
    "issue_date": ("发证日期", "颁证日期", "发证时间", "证书日期", "获证日期", "issuedate", "issued", "dateofissue"),
    "expiry_date": ("有效期至", "到期日期", "证书有效期", "有效期", "截止日期", "expirydate", "expiry", "validuntil"),
    "status": ("状态", "证书状态", "status"),
    "synthetic": ("合成数据", "虚构", "synthetic"),
    "ignored": ("序号", "编号", "no", "no.", "#", "备注", "note", "notes", "remark"),
}
IGNORED = "ignored"
FIELDS = tuple(f for f in HEADER_ALIASES if f != IGNORED)
# A list without a province column is read too: each row's province then comes from --province or its credit code.
REQUIRED = ("name", "level")
# A list without these columns needs what stands for them: --province, or a notice date (column or option).
PROVINCE_OPTION = "--province"
NOTICE_DATE_OPTION = "--notice-date"
HEADER_SEARCH_ROWS = 10
_ENOUGH_COLUMNS = 3


def _header_key(text: str) -> str:
    table = str.maketrans({"（": "(", "）": ")", "　": "", "*": "", "：": "", ":": ""})
    return re.sub(r"[\s_\-()]", "", text.translate(table)).lower()


_ALIAS_TO_FIELD = {_header_key(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
# Headers such as "评估等级（级别）" or "发证日期(年月日)": the part before the bracket decides.
_BRACKETED = re.compile(r"^(.*?)[(（].*$")


def field_for_header(header: str) -> str | None:
    """The field a header names, or None when it is not one the tracker knows."""
    key = _header_key(header)
    if key in _ALIAS_TO_FIELD:
        return _ALIAS_TO_FIELD[key]
    match = _BRACKETED.match(header.strip())
    if match:
        return _ALIAS_TO_FIELD.get(_header_key(match.group(1)))
    return None


@dataclass(frozen=True, slots=True)
class Header:
    """The header row: its cells, the column of each field found, and the headers not used."""

    cells: list[str]
    columns: dict[str, int]
    ignored: list[str]

    def names(self) -> dict[str, str]:
        """Each field's header as the list writes it."""
        return {name: self.cells[index].strip() for name, index in self.columns.items()}


def _read_header(cells: list[str], mapping: Mapping[str, str]) -> Header:
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(cells):
        if not header.strip():
            continue
        name = mapping.get(header.strip()) or field_for_header(header)
        if name and name != IGNORED and name not in columns:
            columns[name] = index
        elif name is None:
            ignored.append(header.strip())
    return Header(cells, columns, ignored)


def _missing(columns: Mapping[str, int], province: bool, notice_date: bool) -> list[str]:
    """What a header lacks, each with what would stand for it."""
    missing = [f"no column for {f} (map one with --column HEADER=FIELD)" for f in REQUIRED if f not in columns]
    if "province" not in columns and not province:
        missing.append(f"no column for province: give {PROVINCE_OPTION} CODE, or map one with --column HEADER=province")
    if "issue_date" not in columns and "notice_date" not in columns and not notice_date:
        missing.append(
            f"no column for issue_date or notice_date: give {NOTICE_DATE_OPTION} YYYY-MM-DD (the notice's date), "
            "or map one with --column HEADER=issue_date"
        )
    return missing


def find_header(
    rows: Iterator[Row], mapping: Mapping[str, str], file: str, province: bool = False, notice_date: bool = False
) -> Header:
    """The header row: the first of the top rows that names at least three known columns.

    ``province`` and ``notice_date`` say whether --province and --notice-date stand for a missing column.
    """
    for looked, (number, cells) in enumerate(rows, start=1):
        header = _read_header(cells, mapping)
        columns = header.columns
        # 序号 counts: a notice list's header may be no more than 序号, 单位名称, 评估等级.
        known = len(columns) + sum(1 for c in cells if c.strip() and field_for_header(c) == IGNORED)
        if known >= _ENOUGH_COLUMNS and ("credit_code" in columns or "name" in columns):
            missing = _missing(columns, province, notice_date)
            if missing:
                raise UserError([Problem(file, message, number) for message in missing])
            return header
        if looked >= HEADER_SEARCH_ROWS:
            break
    raise UserError(
        [
            Problem(
                file,
                f"no header row in the first {HEADER_SEARCH_ROWS} rows: expected columns such as 单位名称, "
                "统一社会信用代码, 省份, 等级, 发证日期 (or map them with --column HEADER=FIELD)",
            )
        ]
    )


def check_mapping(mapping: Mapping[str, str], file: str) -> None:
    """Raises UserError when a ``--column`` mapping names a field the tracker does not know."""
    unknown = {f for f in mapping.values() if f not in FIELDS and f != IGNORED}
    if unknown:
        message = f"--column maps to unknown field(s) {', '.join(sorted(unknown))}: fields are {', '.join(FIELDS)}"
        raise UserError([Problem(file, message)])


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``HEADER=FIELD`` pairs from --column options; raises ValueError on a malformed one."""
    mapping: dict[str, str] = {}
    for item in items:
        header, sep, name = item.partition("=")
        if not sep or not header.strip() or not name.strip():
            raise ValueError(f"{item!r} is not HEADER=FIELD (e.g. 证书号码=certificate_number)")
        mapping[header.strip()] = name.strip()
    return mapping
