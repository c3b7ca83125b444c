"""Dashboard accounts and the audit log, in the tracker's database: Argon2 hashes, roles, who did what when.

The command line (``dcmm tracker user …``) and the admin pages both call these functions; every change to
an account is written to the audit log in the same transaction.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from dcmm.core.errors import Problem, UserError
from dcmm.tracker.audit import now, record
from dcmm.tracker.models import AuditEntry, DashboardUser

Role = Literal["staff", "admin"]
ROLES: tuple[Role, ...] = ("staff", "admin")
MIN_PASSWORD = 10
_USERNAME = re.compile(r"^[A-Za-z0-9_.@-]{2,64}$")
_HASHER = PasswordHasher()
# Verified against when a name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


@dataclass(frozen=True, slots=True)
class Account:
    """An account as the dashboard sees it (never its hash)."""

    id: int
    username: str
    role: Role
    active: bool
    epoch: int
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class AuditLine:
    at: dt.datetime
    actor: str
    action: str
    detail: str


def _account(user: DashboardUser) -> Account:
    role: Role = "admin" if user.role == "admin" else "staff"
    return Account(user.id, user.username, role, user.active, user.epoch, user.created_at)


def check_password(password: str) -> None:
    """Raises UserError for a password too short to keep."""
    if len(password) < MIN_PASSWORD:
        raise UserError([Problem("password", f"a password needs at least {MIN_PASSWORD} characters")])


def audit_log(engine: Engine, limit: int = 500) -> list[AuditLine]:
    """The newest ``limit`` lines of the audit log, newest first."""
    with Session(engine) as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))
        return [AuditLine(e.at, e.actor, e.action, e.detail) for e in entries]


def add_user(engine: Engine, username: str, password: str, role: str, actor: str = "cli") -> Account:
    """Create an account; raises UserError for a bad name, a taken name, an unknown role or a short password."""
    if not _USERNAME.match(username):
        raise UserError([Problem(username, "a user name is 2 to 64 letters, digits or . _ @ -")])
    if role not in ROLES:
        raise UserError([Problem(role, f"a role is one of {', '.join(ROLES)}")])
    check_password(password)
    with Session(engine) as session, session.begin():
        if session.scalar(select(DashboardUser).where(DashboardUser.username == username)) is not None:
            raise UserError([Problem(username, "an account of that name exists already")])
        user = DashboardUser(
            username=username, role=role, password_hash=_HASHER.hash(password), active=True, epoch=0, created_at=now()
        )
        session.add(user)
        record(session, actor, "user_add", f"{username} ({role})")
        session.flush()
        return _account(user)


def users(engine: Engine) -> list[Account]:
    with Session(engine) as session:
        return [_account(u) for u in session.scalars(select(DashboardUser).order_by(DashboardUser.username))]


def _change(engine: Engine, username: str, actor: str, action: str, **values: object) -> Account:
    with Session(engine) as session, session.begin():
        user = session.scalar(select(DashboardUser).where(DashboardUser.username == username))
        if user is None:
            raise UserError([Problem(username, "no account of that name")])
        for name, value in values.items():
            setattr(user, name, value)
        user.epoch += 1  # every session of the account ends
        record(session, actor, action, username)
        return _account(user)


def disable_user(engine: Engine, username: str, actor: str = "cli") -> Account:
    """Disable an account and end its sessions; raises UserError for an unknown name."""
    return _change(engine, username, actor, "user_disable", active=False)


def set_password(engine: Engine, username: str, password: str, actor: str = "cli") -> Account:
    """Set a new password (the account is enabled again) and end its sessions."""
    check_password(password)
    return _change(engine, username, actor, "user_passwd", password_hash=_HASHER.hash(password), active=True)


def authenticate(engine: Engine, username: str, password: str) -> Account | None:
    """The active account with this name and password, else None (as slow for an unknown name)."""
    with Session(engine) as session:
        user = session.scalar(select(DashboardUser).where(DashboardUser.username == username))
        try:
            _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or not user.active:
            return None
        return _account(user)


def account(engine: Engine, user_id: int) -> Account | None:
    """The account of a session, None when it is gone or disabled."""
    with Session(engine) as session:
        user = session.get(DashboardUser, user_id)
        return _account(user) if user is not None and user.active else None
