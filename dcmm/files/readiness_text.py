"""The text of a readiness result, line by line: what ``dcmm readiness`` prints and the report quotes."""

from __future__ import annotations

from collections.abc import Callable

from dcmm.core.prerequisites import PrerequisiteCheck, ReadinessResult, shown_number
from dcmm.i18n import Language, text


def _words(language: Language) -> Callable[..., str]:
    """The readiness catalogue's texts in ``language``, by their names."""

    def lookup(key: str, /, **values: object) -> str:
        return text(f"readiness.{key}", language, **values)

    return lookup


def _answered(check: PrerequisiteCheck, language: Language) -> str:
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
