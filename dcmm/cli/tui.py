"""``dcmm assess`` (the terminal questionnaire) and ``dcmm serve`` (the same in a web browser)."""

from __future__ import annotations

import errno
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click

from dcmm.cli.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE, report_problems
from dcmm.cli.help import TranslatedCommand, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import CommandFunction, CountType, lang_option, path_type
from dcmm.cli.printer import note
from dcmm.i18n import Language

if TYPE_CHECKING:
    from dcmm.assessments import ScoredFile
    from dcmm.core.plan import Assignment
    from dcmm.files.answers import AnswerInput

DEFAULT_PORT = 8000
CANNOT_LISTEN = {errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL}  # the user picks another port or host


def _edition_option(command: CommandFunction) -> CommandFunction:
    return translated_option("--edition", help="cli.opt_assess_edition")(command)


def _export_dir_option(command: CommandFunction) -> CommandFunction:
    option = translated_option(
        "--export-dir", type=path_type(None), default="reports", show_default=True, help="cli.opt_export_dir"
    )
    return option(command)


def _respondent_options(command: Any) -> Any:
    command = translated_option("--plan", type=path_type(), metavar="PLAN.yaml", help="cli.opt_assess_plan")(command)
    return translated_option("--respondent", metavar="NAME", help="cli.opt_assess_respondent")(command)


@click.command("assess", cls=TranslatedCommand, help="cli.assess_help")
@click.argument("file", required=False, type=path_type(), metavar="[FILE]")
@_edition_option
@_export_dir_option
@translated_option("--quick-scan", is_flag=True, help="cli.opt_assess_quick_scan")
@_respondent_options
@lang_option("cli.opt_tui_lang", remembered=True)
def assess(
    file: Path | None,
    edition: str | None,
    export_dir: str,
    quick_scan: bool,
    respondent: str | None,
    plan: Path | None,
    lang: Language | None,
) -> int:
    from dcmm.files import Problem, load_edition
    from dcmm.tui.app import AssessApp

    if file is not None and file.is_dir():
        report_problems([Problem(str(file), tr("cli.assess_folder"))])
        return EXIT_INPUT
    workbook = None
    if file is not None and file.suffix.lower() == ".xlsx":  # it saves JSON at every key: never over a workbook
        workbook, file = _read_workbook(file)
    if edition:
        load_edition(edition)  # an unknown edition is one line (UserError), before the screen opens
    if file is not None and (file.exists() or file.is_symlink()):
        from dcmm.assessments import require_input

        require_input(file)  # a FIFO or a device would block the screen; a dangling link is one line
    assignment = None
    if respondent is not None or plan is not None:
        if quick_scan or respondent is None:
            raise click.UsageError(tr("cli.assess_respondent_alone"))
        assignment = respondent_part(respondent, plan, file, edition)
    if not has_terminal():
        return _refuse_without_terminal(None if workbook else file)
    if workbook is not None and file is not None:
        from dcmm.files.editions import write_checked

        write_checked(workbook.answers, file, workbook.questionnaire)
        note(tr("cli.assess_workbook_copied", file=workbook.path, json=file))
    app = AssessApp(
        file, lang, edition, Path(export_dir), quick_scan=quick_scan, report_writer=gap_report, assignment=assignment
    )
    app.run()
    if app.session is not None:
        note(tr("cli.assess_saved", path=app.session.path))
    return app.return_code or EXIT_OK


def _read_workbook(workbook: Path) -> tuple[AnswerInput, Path]:
    """A filled workbook opened in the terminal, read, and the answer file beside it its answers go to (which the
    terminal questionnaire then saves at every key); an answer file already there is never replaced."""
    from dcmm.assessments import require_input
    from dcmm.core.errors import Problem, UserError
    from dcmm.files import read_answers

    require_input(workbook)
    target = workbook.with_suffix(".json")
    if target.exists() or target.is_symlink():
        raise UserError([Problem(str(workbook), tr("cli.assess_workbook_json_exists", json=target))])
    return read_answers(workbook), target


def respondent_part(respondent: str, plan: Path | None, file: Path | None, edition: str | None) -> Assignment:
    """What ``respondent`` answers: its assignment in the plan file, else in the answer file's respondents section."""
    from dcmm.core.errors import Problem, UserError
    from dcmm.files import read_answer_file
    from dcmm.files.plan import read_plan

    found = None
    if plan is not None:
        assessment_plan, _ = read_plan(plan)
        known, where = assessment_plan.respondents, str(plan)
        plan_edition = assessment_plan.edition
    elif file is not None and file.exists():
        answers, _ = read_answer_file(file)
        known, where, plan_edition = answers.respondents or [], str(file), answers.edition
    else:
        raise UserError([Problem("--respondent", tr("cli.assess_respondent_needs_plan"))])
    if file is not None and file.exists():
        answers, _ = read_answer_file(file)
        if answers.edition != plan_edition:
            raise UserError([Problem(where, tr("cli.assess_plan_edition", plan=plan_edition, file=answers.edition))])
    elif edition is not None and edition != plan_edition:
        raise UserError([Problem(where, tr("cli.assess_plan_edition", plan=plan_edition, file=edition))])
    found = next((a for a in known if a.respondent == respondent.strip()), None)
    if found is None:
        names = ", ".join(a.respondent for a in known) or "-"
        raise UserError([Problem(where, tr("cli.assess_unknown_respondent", respondent=respondent, known=names))])
    return found


def has_terminal() -> bool:
    """Whether a screen can be shown: stdin and stdout are a terminal, or a browser session drives the app."""
    if os.environ.get("TEXTUAL_DRIVER"):  # dcmm serve: the web driver talks over pipes, not a terminal
        return True
    return sys.stdin.isatty() and sys.stdout.isatty()


def _refuse_without_terminal(file: Path | None) -> int:
    """With no terminal the questionnaire cannot be seen: a bad FILE's problems (exit 1), else one line (exit 2)."""
    from dcmm.files import Problem
    from dcmm.tui.session import open_session

    if file is not None and file.exists():
        open_session(file)  # raises the file's problems as a UserError: exit 1
    report_problems([Problem(str(file) if file else "dcmm assess", tr("cli.assess_needs_terminal"))])
    return EXIT_USAGE


def gap_report(scored: ScoredFile, folder: Path, kind: Literal["html", "pdf"], language: Language) -> Path:
    """The terminal UI's HTML/PDF export: the gap report, handed to the UI so that it need not import reports."""
    from dcmm.report import render_report

    return render_report(scored, folder, (kind,), language)[kind]


def serve_arguments(
    file: Path | None,
    edition: str | None,
    lang: str | None,
    export_dir: str,
    respondent: str | None = None,
    plan: Path | None = None,
) -> list[str]:
    """The options that ``serve`` passes on to each browser session's ``assess``."""
    arguments = [str(file)] if file else []
    if edition:
        arguments += ["--edition", edition]
    if respondent:
        arguments += ["--respondent", respondent, *(["--plan", str(plan)] if plan else [])]
    if lang:
        arguments += ["--lang", lang]
    return [*arguments, "--export-dir", export_dir]


@click.command("serve", cls=TranslatedCommand, help="cli.serve_help")
@click.argument("file", required=False, type=path_type(), metavar="[FILE]")
@translated_option("--host", default="127.0.0.1", show_default=True, help="cli.opt_host")
@translated_option("--port", type=CountType(1, 65535), default=DEFAULT_PORT, show_default=True, help="cli.opt_port")
@_edition_option
@_export_dir_option
@_respondent_options
@lang_option("cli.opt_tui_lang", remembered=True)
def serve(
    file: Path | None,
    host: str,
    port: int,
    edition: str | None,
    export_dir: str,
    respondent: str | None,
    plan: Path | None,
    lang: Language | None,
) -> int:
    from textual_serve.server import Server

    from dcmm.files import Problem

    if respondent is not None or plan is not None:  # checked once here, not in every browser session
        if respondent is None:
            raise click.UsageError(tr("cli.assess_respondent_alone"))
        respondent_part(respondent, plan, file, edition)

    arguments = serve_arguments(file, edition, lang, export_dir, respondent, plan)
    command = shlex.join([sys.executable, "-m", "dcmm", "assess", *arguments])
    note(tr("cli.serving", host=host, port=port))
    try:
        Server(command, host=host, port=port, title="dcmm").serve()
    except OSError as exc:
        if exc.errno not in CANNOT_LISTEN:
            raise
        report_problems([Problem(f"{host}:{port}", tr("cli.cannot_listen", reason=os.strerror(exc.errno or 0)))])
        return EXIT_INPUT
    return EXIT_OK


COMMANDS = (assess, serve)
