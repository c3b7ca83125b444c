"""Running dcmm in-process with captured output, and walking its command tree."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import click

from dcmm.cli import Context, cli, main


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def run(*argv: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Context(out, err))
    return Run(code, out.getvalue(), err.getvalue())


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and group below ``group``, as the words that name it."""
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path
        if isinstance(command, click.Group):
            yield from command_paths(command, path)


def parse_only(argv: list[str]) -> click.Command:
    """Resolve ``argv`` to its command and parse its arguments, without running anything."""
    settings = click.Context(cli).obj
    context = cli.make_context("dcmm", list(argv), obj=settings)
    command: click.Command = cli
    while isinstance(command, click.Group):
        remaining = [*context._protected_args, *context.args]
        name, found, rest = command.resolve_command(context, remaining)
        assert found is not None and name is not None, f"no command in {argv}"
        command = found
        context = command.make_context(name, rest, parent=context)
    return command
