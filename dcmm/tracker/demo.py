"""A synthetic certificate list with the messiness of real ones, for the demo, tests and benchmark.

Every organisation is made up (names end in （虚构）, certificate numbers start with SYN-) and
every file says so: in its title row and in a 合成数据 column.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

from dcmm.core.identifiers import CREDIT_CODE_CHARSET, PROVINCES, credit_code_check_character
from dcmm.tracker.fields import level_names
from dcmm.tracker.rules import add_years

SYNTHETIC_TITLE = "DCMM 评估结果汇总 —— 合成演示数据（SYNTHETIC DEMO DATA：全部单位均为虚构，非真实名单）"
_HEADER_VARIANTS = (
    ("序号", "单位名称", "统一社会信用代码", "省份", "城市", "所属行业", "申报类型", "评估等级", "标准版本",
     "评估机构", "公示批次", "证书编号", "发证日期", "有效期至", "状态", "合成数据"),
    ("编号", "企业名称", "社会信用代码", "省（区、市）", "地市", "行业", "类型", "等级", "版本",
     "认证机构", "批次", "证书号", "发证时间", "证书有效期", "证书状态", "合成数据"),
    ("No.", "Organisation", "Credit code", "Province", "City", "Industry", "Party type", "Level", "Edition",
     "Assessment body", "Batch", "Certificate No", "Issue date", "Valid until", "Status", "Synthetic"),
)  # fmt: skip
_INDUSTRIES = (
    "制造业",
    "金融业",
    "电力、热力、燃气及水生产和供应业",
    "交通运输、仓储和邮政业",
    "信息传输、软件和信息技术服务业",
    "批发和零售业",
    "卫生和社会工作",
    "采矿业",
    "建筑业",
    "公共管理和社会组织",
)
# The cities synthetic organisations are placed in: every provincial capital, all of Shandong and the larger
# cities that pay DCMM rewards (names from the GB/T 2260 table).
_CITY_CODES = (
    "110100",
    "120100",
    "130100",
    "140100",
    "150100",
    "210100",
    "210200",
    "220100",
    "230100",
    "310100",
    "320100",
    "320200",
    "320500",
    "330100",
    "330200",
    "330300",
    "340100",
    "350100",
    "350200",
    "360100",
    "370100",
    "370200",
    "370300",
    "370400",
    "370500",
    "370600",
    "370700",
    "370800",
    "370900",
    "371000",
    "371100",
    "371300",
    "371400",
    "371500",
    "371600",
    "371700",
    "410100",
    "420100",
    "430100",
    "440100",
    "440300",
    "440600",
    "441900",
    "450100",
    "460100",
    "500100",
    "510100",
    "520100",
    "530100",
    "540100",
    "610100",
    "620100",
    "630100",
    "640100",
    "650100",
)

_BODIES = ("示例评估机构甲（虚构）", "示例评估机构乙（虚构）", "示例评估机构丙（虚构）")
_SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "科技有限公司", "银行股份有限公司")
# Heavier provinces first: the distribution is invented but keeps the shape of a real list.
_PROVINCE_WEIGHTS = {"37": 9, "44": 9, "32": 8, "33": 8, "11": 7, "31": 6, "51": 4, "42": 4, "61": 3, "35": 3}


def synthetic_credit_code(rng: random.Random, area: str) -> str:
    body = "91" + area + "".join(rng.choice(CREDIT_CODE_CHARSET) for _ in range(9))
    return body + credit_code_check_character(body)


def _level_text(rng: random.Random, level: int) -> str:
    zh = level_names()[level]
    digit = "一二三四五"[level - 1]
    return rng.choice((str(level), f"{digit}级", zh, f"{level}级（{zh}）", f"L{level}", f"{level}级"))


def _date_text(rng: random.Random, day: dt.date) -> str:
    form = rng.random()
    if form < 0.55:
        return day.isoformat()
    if form < 0.75:
        return f"{day.year}/{day.month}/{day.day}"
    if form < 0.9:
        return f"{day.year}年{day.month}月{day.day}日"
    return day.strftime("%Y%m%d")


def _batch_days(until: dt.date) -> list[dt.date]:
    """Certificates are issued in batches: here on the 10th and 25th of each month since 2020."""
    days = []
    for year in range(2020, until.year + 1):
        for month in range(1, 13):
            for day in (10, 25):
                candidate = dt.date(year, month, day)
                if candidate <= until:
                    days.append(candidate)
    return days


def synthetic_rows(
    rows: int, seed: int = 2025, as_of: dt.date | None = None, invalid_rate: float = 0.01
) -> Iterator[list[str]]:
    """``rows`` data rows (cells as text) of a synthetic list, reproducible from ``seed``."""
    rng = random.Random(seed)
    as_of = as_of or dt.date(2026, 6, 30)
    batches = _batch_days(as_of)
    provinces = [code for code, *_ in PROVINCES if code not in ("71", "81", "82")]
    weights = [_PROVINCE_WEIGHTS.get(code, 1) for code in provinces]
    cities: dict[str, list[tuple[str, str]]] = {}
    from dcmm.tracker.regions import region_name

    for code, name in ((code, region_name(code)) for code in _CITY_CODES):
        cities.setdefault(code[:2], []).append((code, name))
    province_names = {code: (full, short) for code, full, short, _ in PROVINCES}
    emitted = 0
    serial = 0
    while emitted < rows:
        serial += 1
        province = rng.choices(provinces, weights)[0]
        known = cities.get(province, [])
        city_code, city_name = rng.choice(known) if known and rng.random() < 0.8 else (province + "0100", "")
        code = synthetic_credit_code(rng, city_code)
        place = city_name.removesuffix("市") or province_names[province][1]
        name = f"合成·{place}{serial:07d}号{rng.choice(_SUFFIXES)}（虚构）"
        industry = rng.choice(_INDUSTRIES)
        party = rng.choice(("甲方", "甲方", "乙方", "数据拥有方", ""))
        level = rng.choices((1, 2, 3, 4, 5), (5, 45, 38, 10, 2))[0]
        first = rng.randrange(len(batches))
        # Some organisations later reach a higher level, some renew at the same level.
        certificates = [(level, batches[first])]
        if rng.random() < 0.12 and level < 5 and first + 24 < len(batches):
            certificates.append((level + 1, batches[rng.randrange(first + 24, len(batches))]))
        elif rng.random() < 0.08 and first + 72 < len(batches):
            certificates.append((level, batches[first + 72]))
        pilot = rng.random() < 0.02
        for cert_level, issued in certificates:
            if emitted >= rows:
                break
            emitted += 1
            province_text = rng.choice((province_names[province][0], province_names[province][1], province + "0000"))
            cells = [
                str(emitted),
                name if rng.random() > 0.05 else f" {name} ",
                code if rng.random() > 0.05 else code.lower()[:6] + " " + code.lower()[6:],
                province_text,
                city_name if rng.random() > 0.1 else "",
                industry if rng.random() > 0.1 else f" {industry}  ",
                party,
                _level_text(rng, cert_level),
                rng.choice(("GB/T 36073-2018", "2018", "2018版", "")) if issued < dt.date(2026, 7, 1) else "2025",
                rng.choice(_BODIES),
                f"{issued.year}年第{(issued.month + 1) // 2}批",
                f"SYN-DCMM-{issued.year}-{serial:07d}-{cert_level}",
                _date_text(rng, issued),
                _date_text(rng, add_years(issued, 3)) if rng.random() < 0.7 else "",
                "有效" if rng.random() < 0.6 else "",
                "是",
            ]
            if pilot and len(certificates) == 1:
                cells[7] = ""
                cells[11] = ""
                cells[13] = ""
                cells[14] = "试点"
            elif rng.random() < 0.002:
                cells[14] = "撤销"
            if rng.random() < invalid_rate:
                _spoil(rng, cells)
            yield cells


def _spoil(rng: random.Random, cells: list[str]) -> None:
    """Make one row wrong the way real lists are wrong."""
    kind = rng.randrange(5)
    if kind == 0:
        code = cells[2].replace(" ", "").upper()
        wrong = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.index(code[17]) + 1) % 31]
        cells[2] = code[:17] + wrong
    elif kind == 1:
        cells[3] = "火星省"
    elif kind == 2:
        cells[7] = "6级"
    elif kind == 3:
        cells[12] = "2023-13-01"
    else:
        cells[1] = ""


def write_synthetic_list(
    path: Path, rows: int, seed: int = 2025, as_of: dt.date | None = None, invalid_rate: float = 0.01
) -> Path:
    """Write a synthetic list as CSV or XLSX (by the file's suffix)."""
    rng = random.Random(seed)
    header = list(rng.choice(_HEADER_VARIANTS))
    data = synthetic_rows(rows, seed, as_of, invalid_rate)
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        workbook = openpyxl.Workbook(write_only=True)
        sheet = workbook.create_sheet("合成数据 SYNTHETIC")
        sheet.append([SYNTHETIC_TITLE])
        sheet.append(header)
        for cells in data:
            sheet.append(cells)
        workbook.save(path)
        return path
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([SYNTHETIC_TITLE])
        writer.writerow(header)
        writer.writerows(data)
    return path
