"""``dcmm serve`` in a real browser: the PDF exported on the summary screen arrives in Chromium's downloads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selenium.webdriver.common.action_chains import ActionChains

from tests.dashboard.live import _free_port, browser

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLE = REPOSITORY / "examples" / "answers" / "01-00001-gbt36073-2018.json"


def _until(found: Callable[[], list[Path]], seconds: float) -> list[Path]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if files := found():
            return files
        time.sleep(0.25)
    return []


def _pdfs(folder: Path) -> list[Path]:
    """Finished PDF files in ``folder`` (Chromium writes a .crdownload first)."""
    return sorted(p for p in folder.glob("*.pdf") if p.stat().st_size > 0) if folder.is_dir() else []


def test_the_pdf_export_reaches_the_browser_as_a_download(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "a.json")
    downloads, exported = tmp_path / "downloads", tmp_path / "out"
    downloads.mkdir()
    port = _free_port()
    command = [sys.executable, "-m", "dcmm", "serve", "a.json", "--port", str(port), "--export-dir", "out"]
    server = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "DCMM_LANG": "zh"})  # fmt: skip
    try:
        with browser(downloads) as driver:
            page = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 20
            while True:  # the server takes a moment to listen
                try:
                    driver.get(page)
                    break
                except Exception:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)

            def press(key: str, wait: float = 1.5) -> None:
                ActionChains(driver).send_keys(key).perform()
                time.sleep(wait)

            time.sleep(2)
            ActionChains(driver).move_by_offset(640, 450).click().perform()  # start the app, focus the terminal
            time.sleep(5)
            press("s", 3)  # the summary
            press("p", 0)  # export the PDF: written to out/ on this machine
            (written,) = _until(lambda: _pdfs(exported), 90)
            assert _pdfs(downloads) == []  # not handed over unasked, where the browser would block it
            press("d", 0)  # the download, on the user's key
            (arrived,) = _until(lambda: _pdfs(downloads), 30)
            assert arrived.name == written.name
            assert arrived.read_bytes() == written.read_bytes()
            assert arrived.read_bytes().startswith(b"%PDF-")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
