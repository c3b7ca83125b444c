"""Click classes whose help texts are catalogue keys, looked up when the help is shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from dcmm.cli.language import help_text

Decorated = TypeVar("Decorated", bound=Callable[..., Any] | click.Command)


class CatalogueText:
    """An attribute that is set to a catalogue key and reads as that key's text in the help language."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key_attribute = f"_{name}_key"

    def __get__(self, instance: object, owner: type | None = None) -> str | None:
        return help_text(getattr(instance, self.key_attribute, None))

    def __set__(self, instance: object, key: str | None) -> None:
        setattr(instance, self.key_attribute, key)


class TranslatedOption(click.Option):
    """An option whose ``help`` is a catalogue key."""

    help = CatalogueText()


class TranslatedCommand(click.Command):
    """A command whose ``help``, ``short_help`` and ``epilog`` are catalogue keys."""

    help = CatalogueText()
    short_help = CatalogueText()
    epilog = CatalogueText()

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
