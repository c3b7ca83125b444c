"""Options shared by several commands, each defined once, and the parameter types they parse with."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dcmm.cli.help import translated_option
from dcmm.cli.language import record_choice, table_language, tr
from dcmm.i18n import LANGUAGES, Language

if TYPE_CHECKING:
    from dcmm.core.scoring import ScoringRules

    ParamBase = click.ParamType[Any, Any]
else:
    ParamBase = click.ParamType  # generic only in newer click: subscripted for the type checker alone

CommandFunction = Callable[..., Any]
Decorator = Callable[[CommandFunction], CommandFunction]

# The names of dcmm.core.scoring.SCORING_RULES, kept here so that --help need not import the scoring core
# (a test checks that the two agree).
RULE_NAMES = ("gated", "published")


class LevelType(ParamBase):
    """A maturity level, 1 to 5."""

    name = "level"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5:
            return value
        if str(value) not in {"1", "2", "3", "4", "5"}:
            self.fail(tr("cli.not_a_level", value=repr(str(value))), param, ctx)
        return int(value)


class ThresholdType(ParamBase):
    """A share: more than 0 and at most 1."""

    name = "share"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(tr("cli.not_a_number", value=repr(str(value))), param, ctx)
        if not 0 < number <= 1:
            self.fail(tr("cli.share_out_of_range", value=number), param, ctx)
        return number


_COUNT_DIGITS = 18  # the most digits a count without a maximum may have
EARLIEST_DAY, LATEST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)  # the days a date option may name


def _shown(text: str, most: int = 40) -> str:
    """A value as an error quotes it: in quotes, shortened when long."""
    return repr(text if len(text) <= most else text[:most] + "…")


class CountType(ParamBase):
    """A whole number of at least ``minimum`` (and at most ``maximum`` when given)."""

    name = "count"

    def __init__(self, minimum: int = 1, maximum: int | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        text = str(value).strip()
        # the length first: int() of thousands of digits is refused by Python itself, and slow before that
        digits = len(str(self.maximum)) if self.maximum is not None else _COUNT_DIGITS
        if (
            not text.isdigit()
            or len(text.lstrip("0")) > digits
            or int(text) < self.minimum
            or (self.maximum is not None and int(text) > self.maximum)
        ):
            upper = "" if self.maximum is None else tr("cli.at_most", maximum=self.maximum)
            self.fail(tr("cli.not_a_count", value=_shown(text), minimum=self.minimum, upper=upper), param, ctx)
        return int(text)


class IsoDateType(ParamBase):
    """A day as YYYY-MM-DD, between ``EARLIEST_DAY`` and ``LATEST_DAY`` (spans of days from it stay in the calendar)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            day = dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(tr("cli.not_a_date", value=_shown(str(value))), param, ctx)
        if not EARLIEST_DAY <= day <= LATEST_DAY:
            self.fail(tr("cli.date_out_of_range", value=day, earliest=EARLIEST_DAY, latest=LATEST_DAY), param, ctx)
        return day


class GivenPath(click.Path):
    """A path that names something: an empty argument is a usage error, not the current folder."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str) and not value.strip():
            self.fail(tr("cli.empty_path", value=repr(value)), param, ctx)
        return super().convert(value, param, ctx)


def path_type(path_type: type | None = Path) -> GivenPath:
    """The type of every path option and argument: :class:`GivenPath`, giving ``path_type`` (None: str)."""
    return GivenPath(path_type=path_type)


LEVEL = LevelType()
THRESHOLD = ThresholdType()
POSITIVE = CountType()
DAYS = CountType(1, 36_500)  # a span of days: a hundred years at most, so that no date leaves the calendar
TARGET_NUMBER = CountType(1, 1_000_000_000)  # as many organisations as a target may count (the column is 32-bit)
JOBS = CountType(1, 256)
# A synthetic list no longer than a list may be (dcmm.files.limits.LIST_ROWS, header included); the
# command line does not import the files layer to start, so the number is written here and a test keeps it.
DEMO_ROWS = CountType(1, 499_999)
ISO_DATE = IsoDateType()


def scoring_rules(name: str, gate_threshold: float | None = None) -> ScoringRules:
    """The named rules, with the gate threshold replaced when one is given."""
    from dcmm.core.scoring import SCORING_RULES

    rules = SCORING_RULES[name]
    if gate_threshold is not None:
        rules = rules.model_copy(update={"gate_threshold": gate_threshold})
    return rules


def _remember_language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        record_choice(value)  # type: ignore[arg-type]
    return value


def lang_option(help_key: str = "cli.opt_lang", *, remembered: bool = False) -> Decorator:
    """``--lang zh|en``: DCMM_LANG, else zh, by default; ``remembered`` leaves None (the file's own) instead.

    Eager, so that ``--lang en --help`` shows the help in English.
    """

    def decorate(command: CommandFunction) -> CommandFunction:
        @functools.wraps(command)
        def run(*args: Any, lang: Language | None, **kwargs: Any) -> Any:
            return command(*args, lang=lang if remembered else table_language(lang), **kwargs)

        option = translated_option(
            "--lang", type=click.Choice(LANGUAGES), is_eager=True, callback=_remember_language, help=help_key
        )
        return option(run)

    return decorate


def global_lang_option(command: CommandFunction) -> CommandFunction:
    """``dcmm --lang en …``: the language of the whole run, for commands that have no --lang of their own too."""
    option = translated_option(
        "--lang",
        type=click.Choice(LANGUAGES),
        is_eager=True,
        expose_value=False,
        callback=_remember_language,
        help="cli.opt_lang_global",
    )
    return option(command)


def target_option(help_key: str = "cli.opt_target_own") -> Decorator:
    return translated_option("--target", type=LEVEL, metavar="1-5", help=help_key)


def rules_option(help_key: str = "cli.opt_rules") -> Decorator:
    option = translated_option("--rules", type=click.Choice(RULE_NAMES), default="published", help=help_key)
    return option


def scoring_options(command: CommandFunction) -> CommandFunction:
    """``--target``, ``--rules`` and ``--gate-threshold``; the command receives ``rules`` as ScoringRules."""

    @functools.wraps(command)
    def run(*args: Any, rules: str, gate_threshold: float | None, **kwargs: Any) -> Any:
        return command(*args, rules=scoring_rules(rules, gate_threshold), **kwargs)

    with_threshold = translated_option("--gate-threshold", type=THRESHOLD, help="cli.opt_gate_threshold")(run)
    return target_option()(rules_option()(with_threshold))


@dataclass(frozen=True)
class OutputFile:
    """Where a command writes (None: standard output), and whether an existing file may be replaced."""

    path: Path | None
    force: bool = False

    def check(self, inputs: Iterable[Path | str] = (), protected: Iterable[Path] = ()) -> None:
        """The one output policy (dcmm.files.check_output); nothing to check for standard output."""
        if self.path is not None:
            from dcmm.files import check_output

            check_output(self.path, inputs=[Path(p) for p in inputs], protected=protected, force=self.force)

    def write(self, data: str | bytes) -> None:
        from dcmm.files import write_atomically

        assert self.path is not None
        write_atomically(self.path, data)


def output_options(help_key: str = "cli.opt_output", *, required: bool = False, force: bool = True) -> Decorator:
    """``-o/--output FILE`` and ``--force``; the command receives ``output`` as an OutputFile."""

    def decorate(command: CommandFunction) -> CommandFunction:
        @functools.wraps(command)
        def run(*args: Any, output: Path | None, force: bool = False, **kwargs: Any) -> Any:
            return command(*args, output=OutputFile(output, force), **kwargs)

        decorated = translated_option("--force", is_flag=True, help="cli.opt_force")(run) if force else run
        output_option = translated_option(
            "--output", "-o", type=path_type(), required=required, metavar="FILE", help=help_key
        )
        return output_option(decorated)

    return decorate


def refuse_output_without_file(output: OutputFile, fmt: str) -> None:
    """``-o`` with a format that writes no file is a usage error."""
    if output.path is not None:
        raise click.UsageError(tr("cli.output_needs_file_format", format=fmt))


def format_option(choices: tuple[str, ...], default: str | None = None, help_key: str = "cli.opt_format") -> Decorator:
    return translated_option(
        "--format", type=click.Choice(choices), default=default or choices[0], show_default=True, help=help_key
    )


def db_option(command: CommandFunction) -> CommandFunction:
    return translated_option("--db", type=path_type(None), metavar="FILE|URL", help="cli.opt_db")(command)


def as_of_option(help_key: str = "cli.opt_as_of") -> Decorator:
    return translated_option("--as-of", type=ISO_DATE, metavar="YYYY-MM-DD", help=help_key)


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system reports one), 1 to 256."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13 and later: honours the affinity mask
    if counter is not None:
        count = counter()
    elif hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    else:
        count = os.cpu_count()
    return max(JOBS.minimum, min(count or 1, JOBS.maximum or 256))


def jobs_option(command: CommandFunction) -> CommandFunction:
    option = translated_option(
        "--jobs", "-j", type=JOBS, default=lambda: available_cores(), metavar="N", help="cli.opt_jobs"
    )
    return option(command)


def out_folder_option(help_key: str = "cli.opt_out") -> Decorator:
    option = translated_option("--out", type=path_type(), default="reports", metavar="DIR", help=help_key)
    return option


class EditionType(ParamBase):
    """The id of a bundled edition (the list is read only when a value is checked or completed)."""

    name = "edition"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from dcmm.files import available_editions

        editions = available_editions()
        if value not in editions:
            self.fail(tr("cli.not_an_edition", value=repr(value), editions=", ".join(editions)), param, ctx)
        return str(value)

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from dcmm.files import available_editions

        return [CompletionItem(e) for e in available_editions() if e.startswith(incomplete)]


EDITION = EditionType()
