"""The dashboard over one tracker per module, and clients as the public, staff and an admin."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from dcmm.dashboard.web import Settings, create_app
from dcmm.tracker.service import TrackerService
from tests.dashboard.board import ADMIN, STAFF, build_tracker, log_in
from tests.tracker.conftest import postgres_url as postgres_url
from tests.tracker.conftest import tracker_url as tracker_url

SECRET = "a fixed signing key for the tests"


@pytest.fixture(scope="module")
def board_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    # issued 3 years minus 30 days ago: certificates of three years expire within the page's 90 days
    issued = dt.date.today() - dt.timedelta(days=3 * 365 - 30)
    return build_tracker(tmp_path_factory.mktemp("board"), issued.isoformat())


@pytest.fixture(scope="module")
def service(board_url: str) -> Iterator[TrackerService]:
    with TrackerService.open(board_url) as opened:
        yield opened


@pytest.fixture(scope="module")
def app(service: TrackerService) -> Starlette:
    return create_app(service, Settings(secret=SECRET))


@pytest.fixture
def public(app: Starlette) -> TestClient:
    return TestClient(app)


@pytest.fixture
def staff(app: Starlette) -> TestClient:
    return log_in(TestClient(app), STAFF)


@pytest.fixture
def admin(app: Starlette) -> TestClient:
    return log_in(TestClient(app), ADMIN)


@pytest.fixture
def fresh_app(tmp_path: Path) -> Iterator[Starlette]:
    """An app over a tracker of its own, for tests that write (uploads, accounts)."""
    issued = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    with TrackerService.open(build_tracker(tmp_path, issued)) as opened:
        yield create_app(opened, Settings(secret=SECRET, upload_bytes=64 << 10))
