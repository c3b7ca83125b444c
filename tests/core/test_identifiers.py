"""Credit codes (GB 32100) and provinces (GB/T 2260)."""

import pytest

from dcmm.core.identifiers import credit_code_check_character, credit_code_problem, normalize_credit_code, province_code


def test_worked_example_is_valid() -> None:
    assert credit_code_problem("91350100M000100Y43") is None
    assert credit_code_check_character("91350100M000100Y4") == "3"


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "should be '3'"),
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100I43", "'I'"),
        ("9135010AM000100Y43", "division code"),
    ],
)
def test_invalid_codes_say_why(code: str, reason: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and reason in problem


def test_normalize_accepts_lower_case_and_spaces() -> None:
    assert normalize_credit_code(" 91350100m000100y43 ") == "91350100M000100Y43"
    with pytest.raises(ValueError, match="check character"):
        normalize_credit_code("91350100M000100Y40")


@pytest.mark.parametrize("value", ["37", "370000", "370102", "山东省", "山东", "Shandong", "shandong"])
def test_province_forms(value: str) -> None:
    assert province_code(value) == "37"


def test_unknown_province_lists_the_accepted_forms() -> None:
    with pytest.raises(ValueError, match="GB/T 2260"):
        province_code("山东州")
