"""``dcmm readiness``: the admission prerequisites of a certified assessment, met, unmet or not answered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dcmm.cli.errors import EXIT_FINDINGS, EXIT_OK
from dcmm.cli.help import TranslatedCommand
from dcmm.cli.options import format_option, lang_option, path_type, target_option
from dcmm.cli.printer import print_json, say
from dcmm.i18n import Language, text

if TYPE_CHECKING:
    from dcmm.core.prerequisites import PrerequisiteCheck, ReadinessResult


@click.command("readiness", cls=TranslatedCommand, help="readiness.help")
@click.argument("answers_path", type=path_type(), metavar="FILE")
@target_option("readiness.opt_target")
@format_option(("text", "json"), help_key="readiness.opt_format")
@lang_option("readiness.opt_lang")
def readiness(answers_path: Path, target: int | None, format: str, lang: Language) -> int:
    from dcmm.assessments import require_input
    from dcmm.core.prerequisites import readiness_data
    from dcmm.files.prerequisites import readiness_of_file

    require_input(answers_path)
    result = readiness_of_file(answers_path, target)
    if format == "json":
        print_json(readiness_data(result, lang, str(answers_path)))
    else:
        for line in readiness_lines(result, lang, str(answers_path)):
            say(line)
    return EXIT_OK if result.ready else EXIT_FINDINGS


def _words(language: Language) -> Callable[..., str]:
    """The readiness catalogue's texts in ``language``, by their names."""

    def lookup(key: str, /, **values: object) -> str:
        return text(f"readiness.{key}", language, **values)

    return lookup


def _answered(check: PrerequisiteCheck, language: Language) -> str:
    from dcmm.core.prerequisites import shown_number

    value = check.answered
    if value is None:
        return text("readiness.not_answered", language)
    if isinstance(value, bool):
        return text("readiness.declared_yes" if value else "readiness.declared_no", language)
    if isinstance(value, list):
        shown = text("readiness.list_separator", language).join(value) or text("readiness.none", language)
        return text("readiness.domains_answered", language, domains=shown, counted=shown_number(check.counted or 0))
    return shown_number(value) + (f" {check.unit.get(language)}" if check.unit else "")


def _check_lines(check: PrerequisiteCheck, language: Language, target: int) -> list[str]:
    from dcmm.core.prerequisites import shown_number

    t = _words(language)
    unit = f" {check.unit.get(language)}" if check.unit else ""
    if check.every_level:
        where = t("every_level")
    elif check.threshold_level == target:
        where = t("this_level", level=target)
    else:
        where = t("level_figure", level=check.threshold_level)
    lines = [
        t(
            "check_line",
            status=t(f"status_{check.status}"),
            name=check.name.get(language),
            answered=_answered(check, language),
            threshold=t("declaration")
            if check.measure == "declared"
            else t("at_least", value=shown_number(check.threshold) + unit),
            where=where,
            verification=t(f"verification_{check.verification}"),
            sources=", ".join(source.id for source in check.sources),
        ),
        t("shown_by", shown_by=check.shown_by.get(language)),
    ]
    if check.disagreement is not None:
        quoted = t("quoted_separator").join(
            t("quoted", source=q.source, value=shown_number(q.value) + unit, level=q.level or check.threshold_level)
            for q in check.quoted
        )
        lines.append(t("disagreement", quoted=quoted, why=check.disagreement.get(language)))
    return lines


def readiness_lines(result: ReadinessResult, language: Language, file: str) -> list[str]:
    """The text report of ``dcmm readiness``: a heading, one block per prerequisite, the sources, a verdict."""
    t = _words(language)
    party = result.party_type or t("party_unknown")
    lines = [
        t("heading", file=file, party=party, level=result.target_level),
        t("data_line", id=result.data_id, version=result.data_version, compiled_on=result.compiled_on),
        "",
    ]
    if result.party_type is None:
        lines.append(t("no_party_type"))
    for check in result.checks:
        lines += _check_lines(check, language, result.target_level)
    if result.not_quoted:
        lines.append(t("not_quoted", level=result.target_level, ids=", ".join(result.not_quoted)))
    if result.party_note is not None:
        lines.append(t("party_note", note=result.party_note.get(language)))
    sources = {source.id: source for check in result.checks for source in check.sources}
    if sources:
        lines += ["", t("sources_heading")]
    for source in sources.values():
        location = source.location or t("location_unrecorded")
        lines.append(
            t("source_line", id=source.id, title=source.title.get(language), location=location, read_on=source.read_on)
        )
        lines.append(t("source_how", how=source.how_read.get(language)))
    counts = {status: len(result.with_status(status)) for status in ("met", "unmet", "unknown")}
    lines += ["", t("verdict_ready" if result.ready else "verdict_not_ready", **counts)]
    return lines


COMMANDS = (readiness,)
