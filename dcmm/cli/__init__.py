"""The ``dcmm`` command line: one click group; each command parses, calls the library, and prints.

Heavy libraries (rich, WeasyPrint, SQLAlchemy, Textual) load inside the commands, so ``--help`` and
the tracker commands start quickly.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

import click

from dcmm import __version__
from dcmm.cli import convert, editions, evidence, plan, questionnaire, readiness, report, score, tracker, tui
from dcmm.cli.errors import (
    EXIT_CODES,
    EXIT_CRASH,
    EXIT_INPUT,
    EXIT_OK,
    EXIT_USAGE,
    exit_code_lines,
    listen_for_warnings,
    run_guarded,
)
from dcmm.cli.help import TranslatedGroup, TranslatedOption, translated_option
from dcmm.cli.language import forget_choice, help_text
from dcmm.cli.options import global_lang_option

__all__ = ["EXIT_CODES", "EXIT_CRASH", "EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "Context", "cli", "main"]

COMPLETE_VARIABLE = "_DCMM_COMPLETE"
SHELLS = ("bash", "zsh")


@dataclass
class RunSettings:
    """What the global options set for one run."""

    debug: bool = False


class RootGroup(TranslatedGroup):
    """The ``dcmm`` group: its epilog is the exit-code table and the completion line."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section(help_text("cli.exit_codes_heading") or ""):
            formatter.write_dl([tuple(line.split("  ", 1)) for line in exit_code_lines()])  # type: ignore[misc]
        formatter.write_paragraph()
        formatter.write_text(help_text("cli.completion_epilog") or "")


@click.group(cls=RootGroup, help="cli.dcmm_help", context_settings={"max_content_width": 100})
@click.version_option(
    __version__,
    "--version",
    prog_name="dcmm",
    message="%(prog)s %(version)s",
    cls=TranslatedOption,
    help="cli.opt_version",
)
@global_lang_option
@translated_option("--debug", is_flag=True, help="cli.opt_debug")
@click.pass_obj
def cli(settings: RunSettings, debug: bool) -> None:
    settings.debug = debug


@cli.command("completion", help="cli.completion_help")
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    from click.shell_completion import get_completion_class

    completer = get_completion_class(shell)
    assert completer is not None
    click.echo(completer(cli, {}, "dcmm", COMPLETE_VARIABLE).source())


for command in (
    *questionnaire.COMMANDS,
    *score.COMMANDS,
    *report.COMMANDS,
    *editions.COMMANDS,
    *convert.COMMANDS,
    *evidence.COMMANDS,
    *plan.COMMANDS,
    *readiness.COMMANDS,
    *tui.COMMANDS,
    tracker.tracker,
):
    cli.add_command(command)


@dataclass
class Context:
    """Where the output of :func:`main` goes; callers that capture it pass their own streams."""

    out: TextIO | None = None
    err: TextIO | None = None
    settings: RunSettings = field(default_factory=RunSettings)


@contextlib.contextmanager
def _streams(context: Context) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        if context.out is not None:
            stack.enter_context(contextlib.redirect_stdout(context.out))
        if context.err is not None:
            stack.enter_context(contextlib.redirect_stderr(context.err))
        yield


def _invoke(argv: list[str], settings: RunSettings) -> int:
    with cli.make_context("dcmm", argv, obj=settings) as ctx:
        result = cli.invoke(ctx)
    return int(result or EXIT_OK)


def main(argv: Sequence[str] | None = None, context: Context | None = None) -> int:
    """Run ``dcmm`` with ``argv`` (default: the process's arguments) and return the exit code."""
    context = context or Context()
    forget_choice()
    listen_for_warnings()
    arguments = list(sys.argv[1:] if argv is None else argv)
    with _streams(context):
        if COMPLETE_VARIABLE in os.environ:  # the shell asks for completions (see dcmm completion)
            from click.shell_completion import shell_complete

            return shell_complete(cli, {}, "dcmm", COMPLETE_VARIABLE, os.environ[COMPLETE_VARIABLE])
        return run_guarded(lambda: _invoke(arguments, context.settings), lambda: context.settings.debug)
