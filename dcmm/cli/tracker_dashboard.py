"""``dcmm tracker serve`` and ``dcmm tracker user …``: the web dashboard and its accounts."""

from __future__ import annotations

import os
import sys

import click

from dcmm.cli.errors import EXIT_OK
from dcmm.cli.help import TranslatedCommand, TranslatedGroup, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import db_option
from dcmm.cli.printer import note, say

SECRET_VARIABLE = "DCMM_DASHBOARD_SECRET"
ROLE_CHOICES = ("staff", "admin")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    entered: str = click.prompt(tr("dashboard.password"), hide_input=True, confirmation_prompt=True)
    return entered


@click.command("serve", cls=TranslatedCommand, help="dashboard.serve_help")
@db_option
@translated_option("--host", default="127.0.0.1", show_default=True, help="dashboard.opt_host")
@translated_option("--port", type=click.IntRange(1, 65535), default=8100, show_default=True, help="dashboard.opt_port")
@translated_option("--behind-https", is_flag=True, help="dashboard.opt_behind_https")
def serve(db: str | None, host: str, port: int, behind_https: bool) -> int:
    from dcmm.cli.tracker import _open

    with _open(db) as service:
        from dcmm.dashboard.web import Settings, serve

        settings = Settings(https=behind_https)
        if os.environ.get(SECRET_VARIABLE):
            settings.secret = os.environ[SECRET_VARIABLE]
        note(tr("dashboard.serving", url=f"http://{host}:{port}/"))
        serve(service, host, port, settings)
    return EXIT_OK


@click.group("user", cls=TranslatedGroup, help="dashboard.user_help")
def user() -> None:
    pass


@user.command("add", help="dashboard.user_add_help")
@click.argument("username")
@translated_option(
    "--role", type=click.Choice(ROLE_CHOICES), default="staff", show_default=True, help="dashboard.opt_role"
)
@translated_option("--password-stdin", is_flag=True, help="dashboard.opt_password_stdin")
@db_option
def add(username: str, role: str, password_stdin: bool, db: str | None) -> int:
    from dcmm.cli.tracker import _open

    with _open(db) as service:
        from dcmm.dashboard.accounts import add_user

        added = add_user(service.repository.engine, username, _password(password_stdin), role)
    say(tr("dashboard.user_added", username=added.username, role=added.role))
    return EXIT_OK


@user.command("list", help="dashboard.user_list_help")
@db_option
def list_users(db: str | None) -> int:
    from dcmm.cli.tracker import _open

    with _open(db, "read") as service:
        from dcmm.dashboard.accounts import users

        found = users(service.repository.engine)
    for account in found:
        state = tr("dashboard.active") if account.active else tr("dashboard.disabled")
        say(f"{account.username}\t{account.role}\t{state}\t{account.created_at.isoformat(sep=' ')}")
    return EXIT_OK


@user.command("disable", help="dashboard.user_disable_help")
@click.argument("username")
@db_option
def disable(username: str, db: str | None) -> int:
    from dcmm.cli.tracker import _open

    with _open(db, "update") as service:
        from dcmm.dashboard.accounts import disable_user

        disable_user(service.repository.engine, username)
    say(tr("dashboard.user_disabled", username=username))
    return EXIT_OK


@user.command("passwd", help="dashboard.user_passwd_help")
@click.argument("username")
@translated_option("--password-stdin", is_flag=True, help="dashboard.opt_password_stdin")
@db_option
def passwd(username: str, password_stdin: bool, db: str | None) -> int:
    from dcmm.cli.tracker import _open

    with _open(db, "update") as service:
        from dcmm.dashboard.accounts import set_password

        set_password(service.repository.engine, username, _password(password_stdin))
    say(tr("dashboard.password_set", username=username))
    return EXIT_OK
