"""Staff and admin pages and downloads refuse anyone without the role: no session, the public's session, a
forged, foreign, expired or stale cookie; and the refusal carries none of the data."""

from __future__ import annotations

import base64
import json
import time

import itsdangerous
import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from dcmm.dashboard.accounts import disable_user, set_password
from dcmm.dashboard.web import SESSION_COOKIE
from tests.dashboard.board import ADMIN, HOSTILE_NAMES, PASSWORD, STAFF, csrf_of, log_in
from tests.dashboard.conftest import SECRET

STAFF_PAGES = ["/expiring", "/expiring?format=csv", "/expiring?format=xlsx", "/organisation?q=EVIL"]
ADMIN_PAGES = ["/admin/users", "/admin/import", "/admin/targets", "/admin/audit"]
ADMIN_FORMS = ["/admin/users", "/admin/import", "/admin/targets"]
SECRETS = (STAFF, ADMIN, "EVIL-", "<script>", "HYPERLINK", "$argon2")


def _no_data(body: str) -> None:
    for secret in SECRETS:
        assert secret not in body


def _cookie(payload: dict[str, object], secret: str = SECRET, age: float = 0) -> str:
    """A session cookie as Starlette signs it, ``age`` seconds old."""

    class Signer(itsdangerous.TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age)

    data = base64.b64encode(json.dumps(payload).encode())
    return Signer(secret).sign(data).decode()


def _admin_session(app: Starlette) -> dict[str, object]:
    """What an admin's session holds, read from a real login's cookie."""
    client = log_in(TestClient(app), ADMIN)
    data = client.cookies[SESSION_COOKIE].split(".")[0]
    payload: dict[str, object] = json.loads(base64.b64decode(data + "=="))
    return payload


@pytest.mark.parametrize("path", STAFF_PAGES + ADMIN_PAGES)
def test_without_a_session_a_page_is_refused_with_401(public: TestClient, path: str) -> None:
    response = public.get(path)
    assert response.status_code == 401
    _no_data(response.text)


@pytest.mark.parametrize("path", ADMIN_FORMS)
def test_without_a_session_a_form_is_refused_before_its_token_is_read(public: TestClient, path: str) -> None:
    response = public.post(path, data={"action": "add", "username": "x", "password": "y" * 12, "role": "admin"})
    assert response.status_code == 401


@pytest.mark.parametrize("path", STAFF_PAGES + ADMIN_PAGES)
def test_a_public_session_is_refused(public: TestClient, path: str) -> None:
    public.get("/lang?to=en")  # the public's session holds a language, never an account
    assert SESSION_COOKIE in public.cookies
    response = public.get(path)
    assert response.status_code == 401
    _no_data(response.text)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_staff_are_refused_admin_pages_with_403(staff: TestClient, path: str) -> None:
    response = staff.get(path)
    assert response.status_code == 403
    assert "$argon2" not in response.text and ADMIN not in response.text


def test_staff_may_not_post_admin_forms_even_with_their_token(staff: TestClient) -> None:
    token = csrf_of(staff, "/expiring")
    data = {"csrf": token, "action": "add", "username": "mallory", "password": "x" * 12, "role": "admin"}
    assert staff.post("/admin/users", data=data).status_code == 403
    assert "mallory" not in log_in(TestClient(staff.app), ADMIN).get("/admin/users").text


@pytest.mark.parametrize(
    "cookie",
    [
        "not-a-session",
        base64.b64encode(json.dumps({"uid": 2, "epoch": 0}).encode()).decode() + ".AAAAAA.forgedsignature",
        _cookie({"uid": 2, "epoch": 0}, secret="another key"),
        _cookie({"uid": 2, "epoch": 0}, age=9 * 3600),  # older than the 8 hours a session lasts
    ],
    ids=["garbage", "forged-signature", "foreign-key", "expired"],
)
@pytest.mark.parametrize("path", ["/expiring", "/admin/users", "/expiring?format=csv"])
def test_a_forged_or_expired_cookie_is_refused(app: Starlette, cookie: str, path: str) -> None:
    client = TestClient(app, cookies={SESSION_COOKIE: cookie})
    response = client.get(path)
    assert response.status_code == 401
    _no_data(response.text)


def test_the_same_payload_signed_with_the_key_and_fresh_is_let_in(app: Starlette) -> None:
    """The control for the test above: the refusals are the signature's and the age's, not the payload's."""
    payload = _admin_session(app)
    assert TestClient(app, cookies={SESSION_COOKIE: _cookie(payload)}).get("/admin/users").status_code == 200
    old = TestClient(app, cookies={SESSION_COOKIE: _cookie(payload, age=9 * 3600)})
    assert old.get("/admin/users").status_code == 401


def test_a_new_password_or_a_disabled_account_ends_its_sessions(fresh_app: Starlette) -> None:
    engine = fresh_app.state.dashboard.engine
    client = log_in(TestClient(fresh_app), STAFF)
    assert client.get("/expiring").status_code == 200
    set_password(engine, STAFF, PASSWORD + "!")
    assert client.get("/expiring").status_code == 401
    client = log_in(TestClient(fresh_app), STAFF, PASSWORD + "!")
    disable_user(engine, STAFF)
    assert client.get("/expiring").status_code == 401
    refused = TestClient(fresh_app).post("/login", data={"username": STAFF, "password": PASSWORD + "!"})
    assert refused.status_code == 403  # no CSRF token: refused before the password is looked at


def test_staff_see_their_pages(staff: TestClient) -> None:
    page = staff.get("/expiring")
    assert page.status_code == 200
    assert "EVIL-0" in page.text  # the hostile list's certificates expire within 90 days
    assert "内部数据" in page.text
    assert HOSTILE_NAMES[2] in page.text.replace("&#34;", '"')  # a formula is only text on a page
