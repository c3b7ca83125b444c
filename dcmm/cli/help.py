"""Click classes whose help texts are catalogue keys, looked up when the help is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from dcmm.cli.language import help_text

Decorated = TypeVar("Decorated", bound=Callable[..., Any] | click.Command)


class TranslatedOption(click.Option):
    """An option whose ``help`` is a catalogue key."""

    @property
    def help(self) -> str | None:
        return help_text(self._help_key)

    @help.setter
    def help(self, key: str | None) -> None:
        self._help_key = key


class TranslatedCommand(click.Command):
    """A command whose ``help``, ``short_help`` and ``epilog`` are catalogue keys."""

    @property
    def help(self) -> str | None:
        return help_text(self._help_key)

    @help.setter
    def help(self, key: str | None) -> None:
        self._help_key = key

    @property
    def short_help(self) -> str | None:
        return help_text(self._short_help_key)

    @short_help.setter
    def short_help(self, key: str | None) -> None:
        self._short_help_key = key

    @property
    def epilog(self) -> str | None:
        return help_text(self._epilog_key)

    @epilog.setter
    def epilog(self, key: str | None) -> None:
        self._epilog_key = key

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first paragraph of the help: the catalogue keeps each summary short, in either language."""
        if self.short_help:
            return self.short_help
        return (self.help or "").split("\n\n", 1)[0].strip()

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None and not isinstance(option, TranslatedOption):
            option.help = help_text("cli.help_option")
        return option


class TranslatedGroup(TranslatedCommand, click.Group):
    """A group of translated commands; ``@group.command()`` and ``@group.group()`` make more of them."""

    command_class = TranslatedCommand
    group_class = type

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing and not name.startswith("-"):
            from dcmm.cli.language import tr

            raise click.UsageError(tr("cli.unknown_command", name=name, choices=", ".join(sorted(self.commands))), ctx)
        return super().resolve_command(ctx, args)


def translated_option(*names: str, **settings: Any) -> Callable[[Decorated], Decorated]:
    """``click.option`` with a catalogue key as ``help``."""
    return click.option(*names, cls=TranslatedOption, **settings)
