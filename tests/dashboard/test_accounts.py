"""Accounts on SQLite and PostgreSQL: Argon2 hashes, roles, epochs, the audit log; and the user commands."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from dcmm.core.errors import UserError
from dcmm.dashboard import accounts
from dcmm.tracker.database import open_engine
from dcmm.tracker.models import DashboardUser
from tests.cli.running import run

PASSWORD = "correct horse battery"


def test_accounts_round_trip(tracker_url: str) -> None:
    engine = open_engine(tracker_url)
    made = accounts.add_user(engine, "li.ming", PASSWORD, "staff")
    with engine.connect() as connection:
        stored = connection.execute(select(DashboardUser.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert accounts.authenticate(engine, "li.ming", PASSWORD) == made
    assert accounts.authenticate(engine, "li.ming", PASSWORD + "x") is None
    assert accounts.authenticate(engine, "nobody", PASSWORD) is None
    changed = accounts.set_password(engine, "li.ming", "another long one", actor="admin1")
    assert changed.epoch == made.epoch + 1
    assert accounts.disable_user(engine, "li.ming").active is False
    assert accounts.authenticate(engine, "li.ming", "another long one") is None
    assert accounts.account(engine, made.id) is None
    actions = [(line.actor, line.action) for line in accounts.audit_log(engine)]
    assert actions == [("cli", "user_disable"), ("admin1", "user_passwd"), ("cli", "user_add")]
    engine.dispose()


@pytest.mark.parametrize(
    ("username", "password", "role", "message"),
    [
        ("x", PASSWORD, "staff", "2 to 64"),
        ("ok-name", "short", "staff", "at least 10"),
        ("ok-name", PASSWORD, "root", "a role is one of"),
        ("<b>", PASSWORD, "staff", "2 to 64"),
    ],
)
def test_bad_accounts_are_refused(tracker_url: str, username: str, password: str, role: str, message: str) -> None:
    engine = open_engine(tracker_url)
    with pytest.raises(UserError, match=message):
        accounts.add_user(engine, username, password, role)
    assert accounts.users(engine) == []
    engine.dispose()


def test_the_user_commands(tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"{tmp_path}/tracker.db"
    monkeypatch.setenv("DCMM_LANG", "en")
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    added = run("tracker", "user", "add", "wang", "--role", "admin", "--password-stdin", "--db", db)
    assert added.code == 0 and "Created account wang (admin)" in added.out
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    again = run("tracker", "user", "add", "wang", "--password-stdin", "--db", db)
    assert again.code == 1 and "exists already" in again.err
    listed = run("tracker", "user", "list", "--db", db)
    assert listed.out.startswith("wang\tadmin\tActive")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert run("tracker", "user", "passwd", "wang", "--password-stdin", "--db", db).code == 1
    assert run("tracker", "user", "disable", "wang", "--db", db).code == 0
    assert "disabled" in run("tracker", "user", "list", "--db", db).out
    assert run("tracker", "user", "disable", "zhao", "--db", db).err.strip() == "error: zhao: no account of that name"
