"""The one error handler of the command line, and the exit codes it documents."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dcmm import __version__
from dcmm.cli.language import help_text, message_language, tr
from dcmm.core.errors import Problem, UserError

if TYPE_CHECKING:
    from dcmm.assessments import Failure

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_CRASH = 3
EXIT_FINDINGS = 4
EXIT_INTERRUPTED = 130

# The one table of exit codes: shown by ``dcmm --help`` and quoted by the README.
EXIT_CODES: tuple[tuple[int, str], ...] = (
    (EXIT_OK, "cli.exit_ok"),
    (EXIT_INPUT, "cli.exit_input"),
    (EXIT_USAGE, "cli.exit_usage"),
    (EXIT_CRASH, "cli.exit_crash"),
    (EXIT_FINDINGS, "cli.exit_findings"),
    (EXIT_INTERRUPTED, "cli.exit_interrupted"),
)


def exit_code_lines() -> list[str]:
    """The exit-code table in the help language, one code a line."""
    return [f"{code}  {help_text(key)}" for code, key in EXIT_CODES]


def report_problems(problems: Sequence[Problem]) -> None:
    """Every problem as ``error: <file>[:line]: [field: ]message`` on stderr."""
    from dcmm.files.problems import problem_text

    language = message_language()
    for problem in problems:
        click.echo(tr("cli.error_line", problem=problem_text(problem, language)), err=True)


def report_warning(found: Problem) -> None:
    """A warning about input that was still read, as ``warning: <file>: message`` on stderr."""
    from dcmm.files.problems import problem_text

    click.echo(tr("cli.warning_line", problem=problem_text(found, message_language())), err=True)


def listen_for_warnings() -> None:
    """Have the files layer's warnings printed (once per process, however often :func:`dcmm.cli.main` runs)."""
    from dcmm.files import problems

    if report_warning not in problems.WARNING_SINKS:
        problems.on_warning(report_warning)


def crash_log_folder() -> Path:
    """The user's cache folder for dcmm: ``$XDG_CACHE_HOME/dcmm``, else ``~/.cache/dcmm``."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "dcmm"


def write_crash_log(error: BaseException) -> Path:
    """The traceback of an unexpected error, in a new file of the cache folder."""
    return write_crash_text("".join(traceback.format_exception(type(error), error, error.__traceback__)))


def write_crash_text(trace: str, about: str = "") -> Path:
    """A traceback already formatted (one from a worker process), in a new file of the cache folder."""
    folder = crash_log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.log"
    while path.exists():  # several inputs may fail within one microsecond
        path = path.with_name(f"{path.stem}-{os.urandom(2).hex()}.log")
    path.write_text(f"dcmm {__version__}\n{about}" + trace, encoding="utf-8")
    return path


def report_failures(failures: Sequence[Failure]) -> list[Problem]:
    """Every input that met a fault of dcmm as one line naming it and the crash log that holds its traceback."""
    from dcmm.files.problems import problem

    lines = []
    for failure in failures:
        try:
            log: Path | str = write_crash_text(failure.trace, f"while processing {failure.file}\n")
        except OSError:
            sys.stderr.write(failure.trace)
            log = "stderr"
        lines.append(problem(failure.file, "file_crashed", error=failure.error, log=log))
    report_problems(lines)
    return lines


def _quiet_after_broken_pipe() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # an in-memory stream in tests has no descriptor
        pass
    finally:
        os.close(devnull)


def run_guarded(invoke: Callable[[], int], debug: Callable[[], bool]) -> int:
    """Run a command and turn whatever it raises into one documented exit code."""
    try:
        return invoke()
    except UserError as exc:
        report_problems(exc.problems)
        return EXIT_INPUT
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.UsageError as exc:
        exc.show()
        return EXIT_USAGE
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.Abort:
        click.echo(tr("cli.aborted"), err=True)
        return EXIT_INPUT
    except KeyboardInterrupt:
        click.echo(tr("cli.aborted"), err=True)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _quiet_after_broken_pipe()
        return EXIT_OK
    except Exception as exc:
        if debug():
            traceback.print_exc()
            return EXIT_CRASH
        try:
            log = write_crash_log(exc)
        except OSError:
            traceback.print_exc()
            return EXIT_CRASH
        click.echo(tr("cli.crashed", error=type(exc).__name__, log=log), err=True)
        return EXIT_CRASH
