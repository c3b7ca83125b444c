"""Random values in the cells a user fills in: the workbook reader gives a result or a UserError, nothing else."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcmm.core.errors import UserError
from dcmm.files import load_edition, read_answers
from dcmm.files.answer_workbook import WorkbookRequest, build_answer_workbook

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEMPLATE = io.BytesIO()
build_answer_workbook(WorkbookRequest(load_edition("gbt36073-2025"), "zh", domains=["6"])).save(TEMPLATE)

# What a cell may hold: text without the control characters no workbook can store, numbers, dates, booleans.
values = (
    st.none()
    | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
    | st.integers(min_value=-(10**15), max_value=10**15)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.dates()
    | st.sampled_from(["完全满足", "不适用", "Fully met", "0.7", "6.1.1.1", "6.9.9.9", "=1+1", "'=x", "是"])
)
# (row, column) of the cells that are filled in: the cover's values, and the answer columns and id of some rows
places = st.tuples(st.integers(2, 12), st.just(2)).map(lambda p: ("封面", *p)) | st.tuples(
    st.integers(1, 50), st.sampled_from([3, 6, 7, 8, 9, 10])
).map(lambda p: ("数据战略", *p))


@pytest.mark.parametrize("language", ["zh"])
@FUZZ
@given(cells=st.lists(st.tuples(places, values), max_size=8))
def test_random_cells_give_answers_or_a_user_error(
    tmp_path: Path, language: str, cells: list[tuple[tuple[str, int, int], object]]
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(TEMPLATE.getvalue()))
    for (sheet, row, column), value in cells:
        book[sheet].cell(row, column).value = value
    path = tmp_path / "fuzz.xlsx"
    book.save(path)
    try:
        read_answers(path)
    except UserError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)
