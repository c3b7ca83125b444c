"""The dashboard in a real browser: log in, open a province, switch language, download the XLSX, upload a list
with bad rows and see them listed, log out and be refused the staff page. One headless Chromium for the module."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import WebDriverWait

from dcmm.dashboard.web import Settings, create_app
from dcmm.tracker.service import TrackerService
from tests.dashboard.board import ADMIN, PASSWORD, build_tracker
from tests.dashboard.live import browser, served
from tests.tracker.conftest import HEADER
from tests.tracker.helpers import credit_code


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def base(folder: Path) -> Iterator[str]:
    issued = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    with TrackerService.open(build_tracker(folder, issued)) as service, served(create_app(service, Settings())) as url:
        yield url


@pytest.fixture(scope="module")
def driver(folder: Path) -> Iterator[webdriver.Chrome]:
    (folder / "downloads").mkdir()
    with browser(folder / "downloads") as opened:
        yield opened


def _log_in(driver: webdriver.Chrome, base: str) -> None:
    driver.delete_all_cookies()
    driver.get(f"{base}/login")
    driver.find_element(By.ID, "username").send_keys(ADMIN)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "login-submit").click()
    assert driver.find_element(By.ID, "logout")  # the page after the login has arrived


def _title_has(driver: webdriver.Chrome, words: str) -> None:
    """Wait until the page that a click opens has arrived (the old page's title lingers until then)."""
    WebDriverWait(driver, 10).until(shown.text_to_be_present_in_element((By.ID, "page-title"), words))


def _downloaded(folder: Path, pattern: str, seconds: float = 20) -> Path:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done = [p for p in folder.glob(pattern) if not p.name.endswith(".crdownload")]
        if done:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing like {pattern} downloaded to {folder}")


def test_the_public_opens_a_province_and_switches_language(driver: webdriver.Chrome, base: str) -> None:
    driver.delete_all_cookies()
    driver.get(base)
    assert "全国" in driver.find_element(By.ID, "page-title").text
    driver.find_element(By.LINK_TEXT, "山东省").click()
    _title_has(driver, "山东省")
    assert "<5" in driver.find_element(By.ID, "section-regions").text  # the published view pools small counts
    driver.find_element(By.ID, "lang-switch").click()
    _title_has(driver, "Shandong")
    assert driver.find_element(By.ID, "nav-progress").text == "Progress"
    driver.find_element(By.ID, "lang-switch").click()
    _title_has(driver, "山东省")
    assert driver.find_element(By.ID, "nav-progress").text == "进展"


def test_an_admin_logs_in_and_downloads_the_xlsx(driver: webdriver.Chrome, base: str, folder: Path) -> None:
    _log_in(driver, base)
    assert driver.find_element(By.CLASS_NAME, "internal").is_displayed()
    driver.get(f"{base}/?region=37&by=city")
    assert "<5" not in driver.find_element(By.ID, "section-regions").text  # exact figures for staff
    driver.find_element(By.ID, "download-regions-xlsx").click()
    saved = _downloaded(folder / "downloads", "regions-37-*.xlsx")
    sheet = openpyxl.load_workbook(saved).worksheets[0]
    assert any(cell.value == "济南市" for row in sheet.iter_rows() for cell in row)


def test_an_upload_with_bad_rows_lists_them(driver: webdriver.Chrome, base: str, folder: Path) -> None:
    bad = folder / "坏名单.csv"
    rows = [
        ",".join(HEADER),
        ",".join(["浏览器测试公司", credit_code(8100), "山东省", "济南市", "制造业", "2级", "B-1", "2024-03-01"]),
        ",".join(["", credit_code(8101), "山东省", "", "", "2级", "B-2", "2024-03-01"]),
        ",".join(["等级错误公司", credit_code(8102), "山东省", "", "", "6级", "B-3", "2024-03-01"]),
    ]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    _log_in(driver, base)  # each test stands alone: the tests of a module may run in different workers
    driver.get(f"{base}/admin/import")
    driver.find_element(By.ID, "list-file").send_keys(str(bad))
    driver.find_element(By.ID, "dry-run").click()
    driver.find_element(By.ID, "upload-submit").click()
    errors = driver.find_element(By.ID, "row-errors").text
    assert "6级" in errors and "3" in errors and "4" in errors
    assert "拒绝 2 行" in driver.find_element(By.ID, "import-summary").text


def test_after_logging_out_the_staff_page_is_refused(driver: webdriver.Chrome, base: str) -> None:
    _log_in(driver, base)
    driver.get(f"{base}/expiring")
    assert driver.find_element(By.ID, "expiring")
    driver.find_element(By.ID, "logout").click()
    assert driver.find_element(By.ID, "login-link")  # the logout's page has arrived
    driver.get(f"{base}/expiring")
    assert driver.find_element(By.TAG_NAME, "h1").text == "请先登录"
    assert not driver.find_elements(By.ID, "expiring")
