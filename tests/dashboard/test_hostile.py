"""Organisation names and industries from a hostile list are text: escaped in pages, inert in downloads."""

from __future__ import annotations

import csv
import io

import openpyxl
from starlette.testclient import TestClient

from tests.dashboard.board import HOSTILE_INDUSTRY, HOSTILE_NAMES

RAW_MARKUP = ("<script>alert", "<img src=x", "onerror=alert(1)>")


def test_names_are_escaped_in_the_expiring_page(staff: TestClient) -> None:
    page = staff.get("/expiring").text
    for raw in RAW_MARKUP:
        assert raw not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;有限公司" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;科技公司" in page


def test_names_are_escaped_in_an_organisations_history(staff: TestClient) -> None:
    page = staff.get("/organisation", params={"q": HOSTILE_NAMES[0]}).text
    assert "<script>alert" not in page and '<h2 class="org-name">&lt;script&gt;' in page


def test_an_industry_is_escaped_in_the_progress_page(public: TestClient, staff: TestClient) -> None:
    for client in (public, staff):
        page = client.get("/", params={"region": "37", "by": "industry"}).text
        assert "<script>" not in page
        assert "=cmd|&#39; /C calc&#39;!A0" in page  # the hostile industry, as text


def test_expiring_csv_makes_formulas_inert(staff: TestClient) -> None:
    response = staff.get("/expiring?format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {row[1] for row in rows[2:]}
    assert "'" + HOSTILE_NAMES[2] in names and "'" + HOSTILE_NAMES[3] in names and "'" + HOSTILE_NAMES[4] in names
    assert HOSTILE_NAMES[0] in names  # markup is no formula: kept as written
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)


def _texts(content: bytes) -> list[object]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)  # not one formula
    return [cell.value for cell in cells]


def test_xlsx_downloads_hold_no_formula(staff: TestClient, public: TestClient) -> None:
    values = _texts(staff.get("/expiring?format=xlsx").content)
    assert "'" + HOSTILE_NAMES[2] in values
    industries = public.get("/download/table/industries.xlsx", params={"region": "37", "by": "industry"})
    assert "'" + HOSTILE_INDUSTRY in _texts(industries.content)
    briefing = staff.get("/download/briefing.xlsx", params={"region": "37"})
    assert "'" + HOSTILE_INDUSTRY in _texts(briefing.content)


def test_the_industry_csv_makes_the_formula_inert(public: TestClient) -> None:
    response = public.get("/download/table/industries.csv", params={"region": "37"})
    text = response.content.decode("utf-8-sig")
    assert "'" + HOSTILE_INDUSTRY in text and "\n" + HOSTILE_INDUSTRY not in text and "," + HOSTILE_INDUSTRY not in text
