"""A tracker for the dashboard's tests: synthetic certificates, organisations with hostile names, two accounts."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from starlette.testclient import TestClient

from dcmm.dashboard.accounts import add_user
from dcmm.tracker.service import ListOptions, TrackerService, write_demo_list
from tests.tracker.conftest import HEADER
from tests.tracker.helpers import credit_code

STAFF, ADMIN, PASSWORD = "staff1", "admin1", "a long test password"
HOSTILE_NAMES = (
    "<script>alert('x')</script>有限公司",
    '"><img src=x onerror=alert(1)>科技公司',
    '=HYPERLINK("http://evil.example","点我")公司',
    "@SUM(A1:A9)数据公司",
    "+1-2数据公司",
)
HOSTILE_INDUSTRY = "=cmd|' /C calc'!A0"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def write_hostile_list(path: Path, issued: str) -> Path:
    """Organisations whose names are markup and spreadsheet formulas, with certificates expiring soon."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number, name in enumerate(HOSTILE_NAMES):
            row = [
                name,
                credit_code(900 + number),
                "山东省",
                "济南市",
                HOSTILE_INDUSTRY,
                "3级",
                f"EVIL-{number}",
                issued,
            ]
            writer.writerow(row)
    return path


def build_tracker(folder: Path, issued: str) -> str:
    """A SQLite tracker with 800 synthetic certificates, the hostile list and a staff and an admin account."""
    url = f"sqlite:///{folder / 'board.db'}"
    with TrackerService.open(url) as service:
        service.import_list(write_demo_list(folder / "demo.csv", rows=800), ListOptions())
        service.import_list(write_hostile_list(folder / "hostile.csv", issued), ListOptions())
        add_user(service.repository.engine, STAFF, PASSWORD, "staff")
        add_user(service.repository.engine, ADMIN, PASSWORD, "admin")
    return url


def csrf_of(client: TestClient, path: str = "/login") -> str:
    found = _CSRF.search(client.get(path).text)
    assert found is not None, path
    return found.group(1)


def log_in(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    token = csrf_of(client)
    response = client.post("/login", data={"csrf": token, "username": username, "password": password})
    assert response.status_code == 200, response.text  # after the redirect
    return client
