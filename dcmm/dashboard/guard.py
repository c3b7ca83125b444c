"""Who is asking: the signed session cookie's account, roles, CSRF tokens and the login rate limit.

The session is Starlette's signed cookie (itsdangerous, HttpOnly, SameSite=strict, Secure behind HTTPS,
expiring after ``SESSION_SECONDS``). It holds the account's id and epoch: a changed password, role or a
disabled account ends every session, since the epoch no longer matches.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from sqlalchemy import Engine
from starlette.exceptions import HTTPException
from starlette.requests import Request

from dcmm.dashboard.accounts import Account, account

SESSION_SECONDS = 8 * 3600
LOGIN_ATTEMPTS = 5  # failed logins of one address (or one user name) ...
LOGIN_WINDOW = 300.0  # ... within this many seconds, before further attempts are refused for a while
PUBLIC = "public"
STAFF = "staff"
ADMIN = "admin"
_RANK = {PUBLIC: 0, STAFF: 1, ADMIN: 2}


def current_account(request: Request, engine: Engine) -> Account | None:
    """The account of the request's session, None for the public (no session, a forged or stale one)."""
    user_id, epoch = request.session.get("uid"), request.session.get("epoch")
    if not isinstance(user_id, int) or not isinstance(epoch, int):
        return None
    found = account(engine, user_id)
    if found is None or found.epoch != epoch:
        request.session.clear()
        return None
    return found


def role_of(found: Account | None) -> str:
    return found.role if found is not None else PUBLIC


def require(found: Account | None, role: str) -> Account:
    """The account when it has ``role`` (or a higher one); 401 without an account, 403 with a lower role."""
    if found is None:
        raise HTTPException(401, "login required")
    if _RANK[found.role] < _RANK[role]:
        raise HTTPException(403, "this page is for another role")
    return found


def sign_in(request: Request, found: Account) -> None:
    language = request.session.get("lang")
    request.session.clear()  # a fresh session (and CSRF token) at login
    request.session.update({"uid": found.id, "epoch": found.epoch, "csrf": secrets.token_urlsafe(32)})
    if language:
        request.session["lang"] = language


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use; every form carries it."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def check_csrf(request: Request, sent: object) -> None:
    """403 unless ``sent`` is the session's token."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or not isinstance(sent, str) or not hmac.compare_digest(token, sent):
        raise HTTPException(403, "the form's CSRF token is missing or wrong; reload the page")


@dataclass
class LoginLimiter:
    """Failed logins per key (an address, a user name) in a sliding window: over the limit, refused."""

    attempts: int = LOGIN_ATTEMPTS
    window: float = LOGIN_WINDOW
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return any(len(self._recent(key, now)) >= self.attempts for key in keys)

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
