"""The one printer: results on stdout, notes and problems on stderr, tables through rich, JSON."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

import click

from dcmm.cli.errors import report_problems
from dcmm.cli.options import OutputFile

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["console", "deliver", "note", "print_json", "report_problems", "say"]


def say(line: str = "") -> None:
    """One line of the command's result, on stdout."""
    click.echo(line)


def note(line: str) -> None:
    """One line about the run (what was written, how many were rejected), on stderr."""
    click.echo(line, err=True)


def print_json(data: Any) -> None:
    say(json.dumps(data, ensure_ascii=False, indent=2))


def deliver(text: str, output: OutputFile) -> None:
    """``text`` into the output file when there is one (checked beforehand), else onto stdout as it is."""
    if output.path is None:
        sys.stdout.write(text)
    else:
        output.write(text)


def console(min_width: int = 100) -> Console:
    """A rich console on stdout, at least ``min_width`` wide so that tables do not fold in a pipe."""
    from rich.console import Console

    return Console(file=sys.stdout, width=max(min_width, Console().width))
