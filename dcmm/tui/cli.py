"""``dcmm assess`` (the terminal questionnaire) and ``dcmm serve`` (the same in a web browser)."""

from __future__ import annotations

import argparse
import errno
import os
import shlex
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_INPUT = 1
DEFAULT_PORT = 8000
_CANNOT_LISTEN = {errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL}  # the user picks another port or host


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=["zh", "en"],
        help="interface language (default: the one used last on this file, else zh); F2 switches",
    )


def register(commands: Any) -> None:
    p = commands.add_parser(
        "assess",
        help="answer the questionnaire in the terminal (new or resumed)",
        description="Answer the questionnaire key by key with a live score. FILE is resumed where you left it when it "
        "exists, and created otherwise; every change is saved to it at once. A corrupt or foreign FILE is "
        "reported and never overwritten (exit code 1).",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="the answer file (*.json) to resume or create")
    p.add_argument("--edition", help="edition of a new assessment (default: choose on screen)")
    p.add_argument(
        "--export-dir",
        default="reports",
        help="folder for exports from the summary screen (default: ./reports)",
    )
    p.add_argument(
        "--quick-scan",
        action="store_true",
        help="start a new FILE as a quick scan (one level per item, an estimate); an existing quick-scan FILE "
        "opens as one without it",
    )
    _language_option(p)
    p.set_defaults(handler=cmd_assess)

    p = commands.add_parser(
        "serve",
        help="serve the questionnaire to a web browser (textual-serve)",
        description="Run the questionnaire as a web page for people who do not use a terminal. Each browser tab "
        "runs its own questionnaire on this machine; FILE, exports and new answer files are written here.",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="the answer file to resume or create")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument("--edition", help="edition of a new assessment (default: choose on screen)")
    p.add_argument("--export-dir", default="reports", help="folder for exports (default: ./reports)")
    _language_option(p)
    p.set_defaults(handler=cmd_serve)


def _app_arguments(args: argparse.Namespace) -> list[str]:
    """The options that ``serve`` passes on to each browser session's ``assess``."""
    arguments = [args.file] if args.file else []
    if args.edition:
        arguments += ["--edition", args.edition]
    if args.lang:
        arguments += ["--lang", args.lang]
    if getattr(args, "quick_scan", False):
        arguments.append("--quick-scan")
    return [*arguments, "--export-dir", args.export_dir]


def cmd_assess(args: argparse.Namespace, ctx: Any) -> int:
    from dcmm.files import UserError, load_edition
    from dcmm.tui.app import AssessApp

    path = Path(args.file) if args.file else None
    if path is not None and path.is_dir():
        from dcmm.files import Problem

        ctx.report([Problem(str(path), "is a folder, expected an answer file (*.json)")])
        return EXIT_INPUT
    if args.edition:
        try:
            load_edition(args.edition)
        except UserError as exc:
            ctx.report(exc.problems)
            return EXIT_INPUT
    app = AssessApp(
        path, args.lang, args.edition, Path(args.export_dir), quick_scan=args.quick_scan, report_writer=_gap_report
    )
    app.run()
    if app.session is not None:
        print(f"saved: {app.session.path}", file=ctx.err)
    return app.return_code or EXIT_OK


def _gap_report(scored: Any, folder: Path, kind: str, language: Any) -> Path:
    from dcmm.report.build import ReportOptions, stem_for, write_report_files

    options = ReportOptions(language=language, formats=(kind,))
    return write_report_files(scored, folder, stem_for(scored, language), options)[0][kind]


def cmd_serve(args: argparse.Namespace, ctx: Any) -> int:
    from textual_serve.server import Server

    from dcmm.files import Problem

    command = shlex.join([sys.executable, "-m", "dcmm", "assess", *_app_arguments(args)])
    print(f"dcmm questionnaire on http://{args.host}:{args.port} (Ctrl+C stops)", file=ctx.err)
    try:
        Server(command, host=args.host, port=args.port, title="dcmm").serve()
    except OSError as exc:
        if exc.errno not in _CANNOT_LISTEN:
            raise
        ctx.report([Problem(f"{args.host}:{args.port}", f"cannot listen there: {os.strerror(exc.errno or 0)}")])
        return EXIT_INPUT
    return EXIT_OK


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: expected 1 to 65535")
    return int(text)
