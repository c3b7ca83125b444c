"""Uploads go through the tracker's import: the same row errors and dry run; a file that is no list, too large
or a zip bomb is refused and nothing is written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from dcmm.files.limits import LIST_UNPACKED_BYTES
from tests.dashboard.board import ADMIN, csrf_of, log_in
from tests.tracker.conftest import HEADER
from tests.tracker.helpers import credit_code, dump

GOOD = ["数据公司甲", credit_code(5000), "山东省", "青岛市", "制造业", "2级", "NEW-0", "2024-05-06"]


def _list(*rows: list[str]) -> bytes:
    lines = [",".join(HEADER), *(",".join(row) for row in rows)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _upload(client: TestClient, name: str, content: bytes, **fields: str) -> tuple[int, str]:
    data = {"csrf": csrf_of(client, "/admin/import"), **fields}
    response = client.post("/admin/import", data=data, files={"list": (name, content, "application/octet-stream")})
    return response.status_code, response.text


def _state(app: Starlette) -> dict[str, list[tuple[Any, ...]]]:
    return dump(app.state.dashboard.service.repository)


BAD_ROWS = _list(GOOD, ["", credit_code(7001), "山东省", "", "", "2级", "X-1", "2024-01-01"],
                 ["坏等级公司", credit_code(7002), "山东省", "", "", "6级", "X-2", "2024-01-01"])  # fmt: skip


def test_row_errors_are_listed_and_a_dry_run_writes_nothing(fresh_app: Starlette) -> None:
    admin = log_in(TestClient(fresh_app), ADMIN)
    before = _state(fresh_app)
    code, page = _upload(admin, "名单.csv", BAD_ROWS, dry_run="on")
    assert code == 200
    assert 'id="row-errors"' in page and '<td class="num">3</td>' in page and "6级" in page
    assert "3 行，拒绝 2 行" in page
    assert _state(fresh_app) == before


def test_an_upload_imports_and_is_audited(fresh_app: Starlette) -> None:
    admin = log_in(TestClient(fresh_app), ADMIN)
    code, page = _upload(admin, "名单.csv", BAD_ROWS)
    assert code == 200 and "证书新增 1" in page
    assert "NEW-0" in admin.get("/organisation", params={"q": GOOD[1]}).text
    audit = admin.get("/admin/audit").text
    assert f"<td>{ADMIN}</td><td>import</td><td>名单.csv: 3 rows, 2 rejected" in audit


def _zip_bomb() -> bytes:
    """An XLSX-named zip whose one part unpacks to more than a list may: a few hundred KB packed."""
    buffer = io.BytesIO()
    block = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        for _ in range((LIST_UNPACKED_BYTES >> 20) + 8):
            part.write(block)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "status", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", 400, "not a certificate list"),
        ("notes.xlsx", b"just some text, not a workbook", 400, "notes.xlsx"),
        ("empty.csv", b"", 400, "empty.csv"),
        ("huge.csv", b"a,b\n" * 40_000, 413, "larger than"),
    ],
    ids=["not-a-list-name", "not-a-workbook", "empty", "oversized"],
)
def test_a_bad_file_is_refused_and_nothing_written(
    fresh_app: Starlette, name: str, content: bytes, status: int, message: str
) -> None:
    admin = log_in(TestClient(fresh_app), ADMIN)
    before = _state(fresh_app)
    code, page = _upload(admin, name, content)
    assert code == status and message in page
    assert _state(fresh_app) == before


def test_a_zip_bomb_is_refused_and_nothing_written(fresh_app: Starlette, tmp_path: Path) -> None:
    fresh_app.state.dashboard.settings.upload_bytes = 4 << 20
    admin = log_in(TestClient(fresh_app), ADMIN)
    before = _state(fresh_app)
    bomb = _zip_bomb()
    assert len(bomb) < 2 << 20
    code, page = _upload(admin, "bomb.xlsx", bomb)
    assert code == 400 and "bomb.xlsx" in page
    assert _state(fresh_app) == before
    assert list(tmp_path.glob("**/bomb.xlsx")) == []
