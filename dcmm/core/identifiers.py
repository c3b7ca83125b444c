"""Chinese identifiers: the unified social credit code (GB 32100) and provinces (GB/T 2260)."""

from __future__ import annotations

import re
from operator import mul

CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_CODE_SHAPE = re.compile(rf"^[{CREDIT_CODE_CHARSET}]{{2}}\d{{6}}[{CREDIT_CODE_CHARSET}]{{10}}$")
_CREDIT_CODE_VALUES = {ch: value for value, ch in enumerate(CREDIT_CODE_CHARSET)}


def credit_code_check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a credit code."""
    # A table lookup summed in C: certificate lists check hundreds of thousands of codes at a time.
    try:
        if len(first17) != len(_CREDIT_CODE_WEIGHTS):
            raise KeyError(first17)
        total = sum(map(mul, map(_CREDIT_CODE_VALUES.__getitem__, first17), _CREDIT_CODE_WEIGHTS))
    except KeyError:
        raise ValueError(f"{first17!r} is not the first 17 characters of a credit code") from None
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid unified social credit code, or None when it is."""
    if len(code) != 18:
        return f"a unified social credit code has 18 characters, this one has {len(code)}"
    if not _CREDIT_CODE_SHAPE.match(code):
        bad = sorted({ch for ch in code if ch not in CREDIT_CODE_CHARSET})
        if bad:
            return f"character(s) {''.join(bad)!r} cannot occur (I, O, S, V, Z and lower case are never used)"
        return "characters 3 to 8 must be the six-digit administrative division code"
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]!r} but should be {expected!r} for {code[:17]}"
    return None


def normalize_credit_code(code: str) -> str:
    """Upper-case and strip a credit code, then validate it; raises ValueError when invalid."""
    cleaned = code.strip().upper().replace(" ", "").replace("-", "")
    problem = credit_code_problem(cleaned)
    if problem:
        raise ValueError(problem)
    return cleaned


# GB/T 2260 province-level divisions: code, full name, short name, English name.
PROVINCES: tuple[tuple[str, str, str, str], ...] = (
    ("11", "北京市", "北京", "Beijing"),
    ("12", "天津市", "天津", "Tianjin"),
    ("13", "河北省", "河北", "Hebei"),
    ("14", "山西省", "山西", "Shanxi"),
    ("15", "内蒙古自治区", "内蒙古", "Inner Mongolia"),
    ("21", "辽宁省", "辽宁", "Liaoning"),
    ("22", "吉林省", "吉林", "Jilin"),
    ("23", "黑龙江省", "黑龙江", "Heilongjiang"),
    ("31", "上海市", "上海", "Shanghai"),
    ("32", "江苏省", "江苏", "Jiangsu"),
    ("33", "浙江省", "浙江", "Zhejiang"),
    ("34", "安徽省", "安徽", "Anhui"),
    ("35", "福建省", "福建", "Fujian"),
    ("36", "江西省", "江西", "Jiangxi"),
    ("37", "山东省", "山东", "Shandong"),
    ("41", "河南省", "河南", "Henan"),
    ("42", "湖北省", "湖北", "Hubei"),
    ("43", "湖南省", "湖南", "Hunan"),
    ("44", "广东省", "广东", "Guangdong"),
    ("45", "广西壮族自治区", "广西", "Guangxi"),
    ("46", "海南省", "海南", "Hainan"),
    ("50", "重庆市", "重庆", "Chongqing"),
    ("51", "四川省", "四川", "Sichuan"),
    ("52", "贵州省", "贵州", "Guizhou"),
    ("53", "云南省", "云南", "Yunnan"),
    ("54", "西藏自治区", "西藏", "Tibet"),
    ("61", "陕西省", "陕西", "Shaanxi"),
    ("62", "甘肃省", "甘肃", "Gansu"),
    ("63", "青海省", "青海", "Qinghai"),
    ("64", "宁夏回族自治区", "宁夏", "Ningxia"),
    ("65", "新疆维吾尔自治区", "新疆", "Xinjiang"),
    ("71", "台湾省", "台湾", "Taiwan"),
    ("81", "香港特别行政区", "香港", "Hong Kong"),
    ("82", "澳门特别行政区", "澳门", "Macao"),
)

PROVINCE_NAMES: dict[str, str] = {code: full for code, full, _short, _en in PROVINCES}
PROVINCE_NAMES_EN: dict[str, str] = {code: en for code, _full, _short, en in PROVINCES}
_PROVINCE_LOOKUP: dict[str, str] = {}
for _code, _full, _short, _en in PROVINCES:
    for _key in (
        _code,
        _code + "0000",
        _full,
        _short,
        _en.lower(),
        _en.lower().replace(" ", ""),
    ):
        _PROVINCE_LOOKUP[_key] = _code
_PROVINCE_LOOKUP["macau"] = "82"
_PROVINCE_LOOKUP["xizang"] = "54"
_PROVINCE_LOOKUP["neimenggu"] = "15"


def province_code(value: str) -> str:
    """The two-digit GB/T 2260 code of a province given by code, full, short or English name.

    A six-digit county or city code is accepted too and reduced to its province. Raises
    ValueError with the accepted forms when nothing matches.
    """
    key = value.strip()
    code = _PROVINCE_LOOKUP.get(key) or _PROVINCE_LOOKUP.get(key.lower().replace(" ", ""))
    if code is None and len(key) == 6 and key.isdigit() and key[:2] in PROVINCE_NAMES:
        code = key[:2]
    if code is None:
        raise ValueError(
            f"{value!r} is not a province: expected a GB/T 2260 code such as 37 or 370000, "
            "or a name such as 山东省, 山东 or Shandong"
        )
    return code
