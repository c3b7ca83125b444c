"""Tracker fixtures: a fresh database per test on SQLite and on PostgreSQL (its own schema per test)."""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from dcmm.tracker.database import open_engine
from dcmm.tracker.repository import SqlTrackerRepository

POSTGRES_ENV = "DCMM_TEST_POSTGRES_URL"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HEADER = ["单位名称", "统一社会信用代码", "省份", "城市", "行业", "评估等级", "证书编号", "发证日期"]


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The server's URL; skipped with a visible reason when unreachable, unless the env var demands it."""
    demanded = os.environ.get(POSTGRES_ENV)
    url = demanded or DEFAULT_POSTGRES
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect():
            pass
        engine.dispose()
    except OperationalError as exc:
        message = f"PostgreSQL not reachable at {make_url(url).render_as_string(hide_password=True)}: {exc.orig}"
        if demanded:
            pytest.fail(f"{POSTGRES_ENV} is set but {message}")
        pytest.skip(f"{message} (set {POSTGRES_ENV} to require it)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    base = request.getfixturevalue("postgres_url")
    schema = f"dcmm_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield (
            make_url(base)
            .update_query_dict({"options": f"-csearch_path={schema}"})
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def repository(tracker_url: str) -> Iterator[SqlTrackerRepository]:
    engine = open_engine(tracker_url)
    yield SqlTrackerRepository(engine)
    engine.dispose()


@pytest.fixture
def write_list(tmp_path: Path) -> Callable[..., Path]:
    """Write rows under a header as a CSV list."""

    def write(rows: list[list[str]], header: list[str] | None = None, name: str = "list.csv") -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header or HEADER)
            writer.writerows(rows)
        return path

    return write
