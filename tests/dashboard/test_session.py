"""Login: the cookie's flags, CSRF tokens on every form, the rate limit, the audit log, logging out."""

from __future__ import annotations

import re

from starlette.applications import Starlette
from starlette.testclient import TestClient

from dcmm.dashboard.web import SESSION_COOKIE, Settings, create_app
from dcmm.tracker.service import TrackerService
from tests.dashboard.board import ADMIN, PASSWORD, STAFF, csrf_of, log_in


def _login(client: TestClient, username: str, password: str) -> int:
    token = csrf_of(client)
    data = {"csrf": token, "username": username, "password": password}
    return client.post("/login", data=data, follow_redirects=False).status_code


def test_the_session_cookie_is_httponly_and_samesite(app: Starlette) -> None:
    client = TestClient(app)
    token = csrf_of(client)
    response = client.post(
        "/login", data={"csrf": token, "username": STAFF, "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert cookie.startswith(SESSION_COOKIE) and "httponly" in cookie and "samesite=strict" in cookie
    assert "secure" not in cookie


def test_behind_https_the_cookie_is_secure(service: TrackerService) -> None:
    client = TestClient(create_app(service, Settings(https=True)), base_url="https://testserver")
    token = csrf_of(client)
    response = client.post(
        "/login", data={"csrf": token, "username": STAFF, "password": PASSWORD}, follow_redirects=False
    )
    assert "; secure" in response.headers["set-cookie"].lower()


def test_a_form_without_its_token_is_refused(app: Starlette) -> None:
    client = TestClient(app)
    assert client.post("/login", data={"username": STAFF, "password": PASSWORD}).status_code == 403
    assert client.post("/login", data={"csrf": "guess", "username": STAFF, "password": PASSWORD}).status_code == 403
    admin = log_in(TestClient(app), ADMIN)
    response = admin.post("/admin/users", data={"action": "add", "username": "eve", "password": "x" * 12})
    assert response.status_code == 403
    assert "eve" not in admin.get("/admin/users").text
    assert admin.post("/logout", data={}).status_code == 403


def test_every_form_carries_the_token(admin: TestClient) -> None:
    for path in ("/admin/users", "/admin/import", "/admin/targets", "/"):
        page = admin.get(path).text
        forms = re.findall(r"<form method=\"post\".*?</form>", page, re.DOTALL)
        assert forms, path
        assert all('name="csrf"' in form for form in forms), path


def test_wrong_passwords_are_limited(fresh_app: Starlette) -> None:
    client = TestClient(fresh_app)
    assert [_login(client, ADMIN, "wrong password!") for _ in range(5)] == [401] * 5
    assert _login(client, ADMIN, PASSWORD) == 429  # even the right password, until the window has passed
    assert _login(TestClient(fresh_app), "someone-else", "wrong password!") == 429  # the same address


def test_logins_are_in_the_audit_log_and_logout_ends_the_session(fresh_app: Starlette) -> None:
    client = log_in(TestClient(fresh_app), ADMIN)
    assert _login(TestClient(fresh_app), STAFF, "not the password") == 401
    audit = client.get("/admin/audit").text
    assert "login_failed" in audit and f"<td>{ADMIN}</td><td>login</td>" in audit
    token = csrf_of(client, "/admin/users")
    assert client.post("/logout", data={"csrf": token}).status_code == 200
    assert client.get("/admin/users").status_code == 401


def test_the_language_switch_goes_back_to_this_site_only(public: TestClient) -> None:
    response = public.get("/lang?to=en&next=//evil.example/x", follow_redirects=False)
    assert response.headers["location"] == "/"
    response = public.get("/lang?to=en&next=/targets", follow_redirects=False)
    assert response.headers["location"] == "/targets"
    assert "Targets" in public.get("/targets").text
