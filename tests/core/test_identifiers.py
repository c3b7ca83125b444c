"""Credit codes (GB 32100) and provinces (GB/T 2260)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dcmm.core.identifiers import (
    credit_code_check_character,
    credit_code_problem,
    is_valid_credit_code,
    normalize_credit_code,
    province_code,
)


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


def _meets_the_standard(code: str) -> bool:
    """The check spelled out as the standard states it: shape, then the check character."""
    charset = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    shape = len(code) == 18 and all(ch in charset for ch in code) and all(ch in "0123456789" for ch in code[2:8])
    return shape and code[17] == credit_code_check_character(code[:17])


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYZIOSV a-", min_size=16, max_size=19))
def test_the_fast_check_agrees_with_the_standard_on_any_text(code: str) -> None:
    assert is_valid_credit_code(code) == _meets_the_standard(code)
    assert (credit_code_problem(code) is None) == _meets_the_standard(code)


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_exactly_one_check_character_completes_a_body(body: str) -> None:
    completions = [ch for ch in "0123456789ABCDEFGHJKLMNPQRTUWXY" if is_valid_credit_code(body + ch)]
    assert completions == ([credit_code_check_character(body)] if body[2:8].isdigit() else [])


@pytest.mark.parametrize("code", ["9135０100M000100Y43", "9135٠100M000100Y43"])
def test_digits_of_other_scripts_are_named_not_a_crash(code: str) -> None:
    problem = credit_code_problem(code)
    assert problem is not None and "cannot occur" in problem
    with pytest.raises(ValueError, match="cannot occur"):
        normalize_credit_code(code)


def test_a_canonical_code_is_returned_as_it_is() -> None:
    code = "91350100M000100Y43"
    assert normalize_credit_code(code) is code
    assert is_valid_credit_code(code) and not is_valid_credit_code(code.lower())
