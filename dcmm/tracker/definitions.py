"""What a target counts: which records, cumulative or valid on the day, from which level, in which industry.

A target counts **organisations**, never certificates. An organisation counts on a day D when one of
the records the definition names qualifies on D:

- ``certified`` (always): a certificate at ``min_level`` or above — *cumulative*: issued on or before
  D and not revoked (expired and superseded ones included); *valid on the day*: in force on D;
- ``pilots`` (only when named): registered as a 贯标 pilot on or before D (a pilot has no level, so
  pilots can only be named with ``min_level`` 1);
- ``self_assessed`` (only when named): a self-assessment ingested with its day on or before D at
  ``min_level`` or above — *cumulative*: any of them; *valid on the day*: the latest one on or before D.

``industry``, when given, keeps organisations whose industry (as the lists name it, whitespace
normalised like the industry breakdown) is exactly that. The region is the target's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dcmm.i18n import Language, text
from dcmm.tracker.fields import normalise_text

if TYPE_CHECKING:
    from dcmm.tracker.records import TargetRecord

__all__ = [
    "BASES",
    "CUSTOM",
    "DEFAULT_DEFINITION",
    "INDUSTRY_CHARACTERS",
    "PRESETS",
    "RECORDS",
    "TargetDefinition",
    "definition_label",
    "parse_counts",
    "parse_industry",
]

RECORDS = ("certified", "pilots", "self_assessed")  # in the order a definition lists them
BASES = ("cumulative", "valid_on_day")
LEVEL_RANGE = range(1, 6)
INDUSTRY_CHARACTERS = 100  # as long as an organisation's industry may be (dcmm.tracker.rows)
CUSTOM = "custom"  # the name of a target whose definition was given part by part, without a preset


@dataclass(frozen=True, slots=True)
class TargetDefinition:
    """Which records count, cumulative or valid on the day, from which level, in which industry (None: all)."""

    counts: tuple[str, ...] = ("certified",)
    basis: str = "cumulative"
    min_level: int = 1
    industry: str | None = None

    def __post_init__(self) -> None:
        if "certified" not in self.counts or set(self.counts) - set(RECORDS):
            raise ValueError(f"counts must name certified and only {', '.join(RECORDS)}: {self.counts}")
        if tuple(r for r in RECORDS if r in self.counts) != self.counts:
            raise ValueError(f"counts must be listed once each, in the order {', '.join(RECORDS)}: {self.counts}")
        if self.basis not in BASES:
            raise ValueError(f"basis must be one of {', '.join(BASES)}: {self.basis!r}")
        if self.min_level not in LEVEL_RANGE:
            raise ValueError(f"min_level must be 1 to 5: {self.min_level}")
        if "pilots" in self.counts and self.min_level > 1:
            raise ValueError("a 贯标 pilot has no level: pilots count only from level 1")
        if self.industry is not None and (not self.industry or self.industry != normalise_text(self.industry)):
            raise ValueError(f"industry must be a normalised, non-empty name: {self.industry!r}")

    @property
    def cumulative(self) -> bool:
        return self.basis == "cumulative"

    @property
    def stored_counts(self) -> str:
        """The records as the ``target.counts`` column holds them: ``certified,pilots``."""
        return ",".join(self.counts)


DEFAULT_DEFINITION = TargetDefinition()
# The four metric names of earlier versions, kept as presets of a definition. 贯标 is, by default,
# "ever certified": pilots and self-assessments count only when a definition names them.
PRESETS: dict[str, TargetDefinition] = {
    "certified_valid": TargetDefinition(basis="valid_on_day"),
    "ever_certified": TargetDefinition(),
    "level3_plus": TargetDefinition(basis="valid_on_day", min_level=3),
    "guanbiao": TargetDefinition(),
}


def parse_counts(value: str, lang: Language = "en") -> tuple[str, ...]:
    """``certified,pilots,self_assessed`` (any order, spaces allowed; certified is always counted) as a tuple.

    Raises ValueError naming the unknown or repeated record."""
    names = [name.strip().replace("-", "_") for name in value.split(",")]
    unknown = [name for name in names if name not in RECORDS]
    if unknown or not names:
        raise ValueError(text("targets.bad_counts", lang, value=value, records=", ".join(RECORDS)))
    if len(set(names)) != len(names):
        raise ValueError(text("targets.repeated_counts", lang, value=value))
    return tuple(r for r in RECORDS if r in names or r == "certified")


def parse_industry(value: str, lang: Language = "en") -> str:
    """An industry as the lists name it, normalised as they are; ValueError when empty or too long."""
    industry = normalise_text(value)
    if not industry or len(industry) > INDUSTRY_CHARACTERS:
        raise ValueError(text("targets.bad_industry", lang, value=value[:40], most=INDUSTRY_CHARACTERS))
    return industry


_NUMERALS = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}


def _records_phrase(definition: TargetDefinition, lang: Language) -> str:
    names = [
        text(f"targets.record_{'certified_' + definition.basis if r == 'certified' else r}", lang)
        for r in definition.counts
    ]
    if len(names) == 1:
        return names[0]
    return text("targets.records_or", lang, first=text("targets.records_join", lang).join(names[:-1]), last=names[-1])


def definition_label(target: TargetRecord | TargetDefinition, lang: Language = "zh") -> str:
    """What a target (or a definition) counts, in words: ``累计获证单位（证书，含已过期；一级及以上）``."""
    definition = target if isinstance(target, TargetDefinition) else target.definition
    head = text(f"targets.head_{definition.basis}", lang, records=_records_phrase(definition, lang))
    parts = [text(f"targets.part_certified_{definition.basis}", lang)]
    parts += [text(f"targets.part_{record}_{definition.basis}", lang) for record in definition.counts[1:]]
    level = _NUMERALS[definition.min_level] if lang == "zh" else definition.min_level
    parts.append(text("targets.part_level", lang, level=level))
    if definition.industry is not None:
        parts.append(text("targets.part_industry", lang, industry=definition.industry))
    return text("targets.label", lang, head=head, parts=text("targets.parts_join", lang).join(parts))
