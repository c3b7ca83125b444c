"""The pages: the public sees the published (pooled) figures, staff the exact ones, labelled internal; charts
are the report's SVG; every asset comes from the dashboard itself; Chinese by default, English by the switch."""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest
from starlette.testclient import TestClient

from dcmm.dashboard.figures import FigureCache, publication
from dcmm.dashboard.params import ProgressQuery
from dcmm.tracker.output import to_csv
from dcmm.tracker.service import TrackerService


def test_the_public_page_is_the_published_table(public: TestClient, service: TrackerService) -> None:
    page = public.get("/", params={"region": "37", "by": "city"}).text
    shown = publication(service, FigureCache(), ProgressQuery("37", "city"), "zh", exact=False)
    assert any(cell.hidden for table in shown.tables for row in table.rows for cell in row.cells.values())
    assert "&lt;5" in page and "内部数据" not in page
    download = public.get("/download/table/regions.csv", params={"region": "37", "by": "city"}).content
    regions = shown.table("regions")
    assert regions is not None
    shown.tables = [regions]
    assert download.decode("utf-8-sig") == to_csv(shown)  # the same cells as dcmm tracker progress --format csv


def test_staff_see_exact_figures_labelled_internal(staff: TestClient) -> None:
    page = staff.get("/", params={"region": "37", "by": "city"}).text
    assert "&lt;5" not in page
    assert "内部数据" in page and "内部资料" in page  # the page's banner and the publication's


def test_charts_are_inline_svg_and_nothing_comes_from_another_host(public: TestClient) -> None:
    page = public.get("/", params={"region": "37"}).text
    assert page.count("<svg") >= 2 and 'class="chart projection"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    css = public.get("/static/dashboard.css")
    assert css.status_code == 200 and "url(" not in css.text and "@import" not in css.text


def test_the_language_switch(public: TestClient) -> None:
    assert "进展" in public.get("/").text
    page = public.get("/lang?to=en&next=/%3Fregion%3D37").text
    assert "Progress" in page and "Shandong" in page and 'lang="en"' in page
    assert "进展" in public.get("/lang?to=zh&next=/").text


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/download/briefing.pdf", "application/pdf"),
        ("/download/briefing.docx", "wordprocessingml"),
        ("/download/briefing.xlsx", "spreadsheetml"),
        ("/download/table/targets.xlsx", "spreadsheetml"),
        ("/download/table/years.csv", "text/csv"),
    ],
)
def test_downloads(public: TestClient, path: str, kind: str) -> None:
    response = public.get(path, params={"region": "37"})
    assert response.status_code == 200 and kind in response.headers["content-type"]
    assert "attachment" in response.headers["content-disposition"]
    if path.endswith(".pdf"):
        assert response.content.startswith(b"%PDF")
    if path.endswith(".xlsx"):
        assert openpyxl.load_workbook(io.BytesIO(response.content)).sheetnames


def test_the_page_follows_the_day_asked_about(public: TestClient) -> None:
    page = public.get("/", params={"as_of": "2023-12-31"}).text
    assert "截至 2023-12-31" in page
    today = dt.date.today().isoformat()
    assert today in public.get("/").text


def test_targets_are_listed(public: TestClient) -> None:
    page = public.get("/targets").text
    assert 'id="target-list"' in page and "山东省" in page


def test_the_figure_cache_computes_once_and_serves_the_stale_entry_while_recomputing() -> None:
    from dcmm.tracker.published import Publication

    cache, made = FigureCache(seconds=60), []

    def compute() -> Publication:
        made.append(1)
        return Publication("t", dt.date(2025, 1, 1), "zh", 5, False, [], [])

    first = cache.get(("k",), compute)
    assert cache.get(("k",), compute) is first and len(made) == 1
    cache.seconds = 0
    lock = cache._locks[("k",)]
    with lock:  # as if another request were computing: the stale one is served at once
        assert cache.get(("k",), compute) is first and len(made) == 1
    assert cache.get(("k",), compute) is not first and len(made) == 2
    cache.clear()
    cache.get(("k",), compute)
    assert len(made) == 3


def test_every_response_forbids_scripts_and_other_hosts(public: TestClient) -> None:
    for path in ("/", "/static/dashboard.css", "/expiring", "/?region=nowhere"):
        headers = public.get(path).headers
        assert "script-src 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"
    assert "set-cookie" not in public.get("/").headers  # the public's page starts no session
