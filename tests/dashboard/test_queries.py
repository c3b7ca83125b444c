"""Query parameters that are not a known region, grouping, day or number get 400 with a message, never a 500."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

BAD = [
    ("/", {"region": "火星省"}, "region"),
    ("/", {"region": "99"}, "no province has the code 99"),
    ("/", {"region": "999999"}, "region"),
    ("/", {"region": "x" * 500}, "at most 100 characters"),
    ("/", {"by": "planet"}, "is not a grouping"),
    ("/", {"as_of": "2025-02-30"}, "is not a day"),
    ("/", {"as_of": "yesterday"}, "is not a day"),
    ("/", {"as_of": "2025-1-1"}, "is not a day"),
    ("/download/table/regions.csv", {"region": "Atlantis"}, "region"),
    ("/download/briefing.pdf", {"as_of": "0000-00-00"}, "is not a day"),
    ("/expiring", {"days": "-3"}, "is not a number of days"),
    ("/expiring", {"days": "many"}, "is not a number of days"),
    ("/expiring", {"region": "<b>x</b>"}, "is not a region"),
]


@pytest.mark.parametrize(("path", "params", "message"), BAD, ids=lambda v: str(v)[:30])
def test_a_bad_parameter_is_a_400_with_a_message(
    staff: TestClient, path: str, params: dict[str, str], message: str
) -> None:
    response = staff.get(path, params=params)
    assert response.status_code == 400
    assert message in response.text


def test_the_message_is_escaped(public: TestClient) -> None:
    response = public.get("/", params={"region": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)" in response.text


def test_unknown_downloads_and_pages_are_404(public: TestClient) -> None:
    assert public.get("/download/table/secrets.csv").status_code == 404
    assert public.get("/download/table/regions.exe").status_code == 404
    assert public.get("/download/briefing.html").status_code == 404
    assert public.get("/nothing-here").status_code == 404


def test_an_unknown_organisation_is_a_400_with_a_message(staff: TestClient) -> None:
    response = staff.get("/organisation", params={"q": "91370100MA0000000X"})
    assert response.status_code == 400 and "91370100MA0000000X" in response.text


def test_good_parameters_by_name_and_code(public: TestClient) -> None:
    for params in ({"region": "山东"}, {"region": "370100", "by": "county"}, {"by": "year"}, {"as_of": "2024-06-30"}):
        assert public.get("/", params=params).status_code == 200, params
