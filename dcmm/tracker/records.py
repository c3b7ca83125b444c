"""Plain records passed between the importers, the repository and the progress report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dcmm.tracker.definitions import CUSTOM, PRESETS, TargetDefinition
from dcmm.tracker.rules import certificate_status

__all__ = [
    "COMPARISONS",
    "METRICS",
    "TARGET_NAMES",
    "CertificateRecord",
    "ExpiringCertificate",
    "ImportCounts",
    "ImportOutcome",
    "LoggedImport",
    "OrganisationHistory",
    "RecordedCertificate",
    "RecordedOrganisation",
    "RecordedSelfAssessment",
    "RejectedRow",
    "ReviewEntry",
    "ReviewOption",
    "ReviewOutcome",
    "SelfAssessedOrganisation",
    "SelfAssessmentRecord",
    "TargetDefinition",
    "TargetRecord",
    "certificate_status",  # re-exported: callers import it from here
]

# The preset definitions a target can be made from (dcmm.tracker.definitions), and ``custom`` for the others.
METRICS = tuple(PRESETS)
TARGET_NAMES = (*METRICS, CUSTOM)
COMPARISONS = {"at_least": "≥", "more_than": ">"}


@dataclass(slots=True)
class CertificateRecord:
    """One validated row of a certificate list (a certificate, or a 贯标 pilot without one)."""

    row: int
    credit_code: str | None  # None: a notice list's row, its organisation known by name only
    name: str
    province: str
    status: str  # valid | revoked | pilot
    issue_date: dt.date  # for a pilot: the day it was registered
    level: int | None = None
    city_code: str | None = None
    city: str | None = None
    industry: str | None = None
    party_type: str | None = None
    synthetic: bool = False
    edition: str | None = None
    body: str | None = None
    batch: str | None = None
    notice_date: dt.date | None = None
    certificate_number: str | None = None
    expiry_date: dt.date | None = None
    county_code: str | None = None
    region_inferred: bool = False  # the province, city or county came from the credit code's division code
    # What the tracker could not place (a city not in GB/T 2260, an ambiguous county): (field, key, values) each.
    warnings: tuple[tuple[str, str, dict[str, str]], ...] = ()
    issued_on_notice: bool = False  # the list gave no issue date: the notice date stands for it
    matched: str | None = None  # the organisation's key, once matched by name (dcmm.tracker.matching)

    @property
    def key(self) -> str:
        """The organisation a row is about: its credit code, or what matching by name found."""
        if self.matched is not None:
            return self.matched
        if self.credit_code is not None:
            return self.credit_code
        from dcmm.tracker.matching import new_key

        return new_key(self.province, self.name)


@dataclass(slots=True)
class SelfAssessmentRecord:
    """A scored self-assessment of one organisation, ready to be stored."""

    file: str
    credit_code: str
    name: str
    province: str
    edition: str
    assessed_on: dt.date
    overall_score: float
    level: int
    rules: str
    target_level: int | None = None
    city_code: str | None = None
    city: str | None = None
    industry: str | None = None
    party_type: str | None = None
    synthetic: bool = False
    county_code: str | None = None
    region_inferred: bool = False


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row the database refused (it contradicts a row already recorded)."""

    row: int
    column: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """The data rows of a file and how many of them were rejected; the rest were accepted."""

    rows: int
    rejected: int

    @property
    def accepted(self) -> int:
        return self.rows - self.rejected


@dataclass(frozen=True, slots=True)
class LoggedImport:
    """One file in the import log: when it was imported, its name and SHA-256, and its row counts."""

    imported_at: dt.datetime
    file_name: str
    sha256: str
    kind: str
    rows: int
    accepted: int
    rejected: int


@dataclass(slots=True)
class ImportOutcome:
    """What an import did (or, in a dry run, would do)."""

    organisations_added: int = 0
    organisations_updated: int = 0
    certificates_added: int = 0
    certificates_updated: int = 0
    certificates_unchanged: int = 0
    pilots_recorded: int = 0
    repeated_rows: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    held_for_review: int = 0  # rows whose organisation the name did not tell (see dcmm.tracker.matching)
    organisations_matched_by_name: int = 0  # rows without a credit code recognised as a stored organisation

    @property
    def changed(self) -> bool:
        return bool(
            self.held_for_review
            or self.organisations_added
            or self.organisations_updated
            or self.certificates_added
            or self.certificates_updated
            or self.pilots_recorded
        )


@dataclass(frozen=True, slots=True)
class TargetRecord:
    """A target: ``region`` (CN, a province, a city or a county code) should reach ``number`` by ``deadline``.

    ``definition`` says what is counted; ``metric`` is the preset it was made from (``guanbiao``,
    ``ever_certified``, ``certified_valid``, ``level3_plus``), the name the plan gives it, or ``custom``.
    Without a definition, the preset's is taken.
    """

    region: str
    metric: str
    number: int
    deadline: dt.date
    source_document: str
    comparison: str = "at_least"
    source_quote: str | None = None
    note: str | None = None
    id: int | None = None
    # None only until __post_init__ puts the preset's definition there.
    definition: TargetDefinition = field(default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.metric not in TARGET_NAMES:
            raise ValueError(f"a target's metric is one of {', '.join(TARGET_NAMES)}: {self.metric!r}")
        if self.definition is None:
            if self.metric == CUSTOM:
                raise ValueError("a custom target needs its definition")
            object.__setattr__(self, "definition", PRESETS[self.metric])

    def met_by(self, count: int) -> bool:
        return count > self.number if self.comparison == "more_than" else count >= self.number


@dataclass(frozen=True, slots=True)
class ExpiringCertificate:
    credit_code: str | None
    name: str
    province: str
    city_code: str | None
    city: str | None
    level: int
    certificate_number: str | None
    issue_date: dt.date
    expiry_date: dt.date


@dataclass(frozen=True, slots=True)
class SelfAssessedOrganisation:
    """An organisation's latest self-assessment on a day, with its region and industry."""

    province: str
    city_code: str | None
    county_code: str | None
    industry: str | None
    level: int
    certified_level: int | None


@dataclass(frozen=True, slots=True)
class RecordedOrganisation:
    """An organisation as stored, with the days it first counted."""

    credit_code: str | None
    name: str
    province: str
    city_code: str | None = None
    city: str | None = None
    industry: str | None = None
    party_type: str | None = None
    synthetic: bool = False
    first_certified_on: dt.date | None = None
    pilot_since: dt.date | None = None
    guanbiao_since: dt.date | None = None
    county_code: str | None = None
    region_inferred: bool = False


@dataclass(frozen=True, slots=True)
class RecordedCertificate:
    """A certificate as stored: its level, number, dates, and whether it was revoked or superseded."""

    level: int
    edition: str
    issue_date: dt.date
    expiry_date: dt.date
    certificate_number: str | None = None
    revoked: bool = False
    superseded_on: dt.date | None = None
    body: str | None = None
    batch: str | None = None
    notice_date: dt.date | None = None
    source: str | None = None

    def status_on(self, on: dt.date) -> str:
        """valid, expired, superseded, revoked or not yet issued, on the day ``on``."""
        return certificate_status(self.revoked, self.issue_date, self.expiry_date, self.superseded_on, on)


@dataclass(frozen=True, slots=True)
class RecordedSelfAssessment:
    """A self-assessment as stored."""

    edition: str
    assessed_on: dt.date
    overall_score: float
    level: int
    rules: str
    target_level: int | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class OrganisationHistory:
    """One organisation with all its certificates and self-assessments, oldest first."""

    organisation: RecordedOrganisation
    certificates: list[RecordedCertificate]
    self_assessments: list[RecordedSelfAssessment]


@dataclass(frozen=True, slots=True)
class ReviewOption:
    """A stored organisation a held row might be."""

    id: int
    name: str
    credit_code: str | None
    province: str


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """A row held for review because its name did not tell its organisation (see dcmm.tracker.matching)."""

    id: int
    source: str
    row: int
    name: str
    province: str
    credit_code: str | None
    level: int | None
    reason: str  # several | near
    candidates: list[ReviewOption]
    held_at: dt.datetime
    resolved_at: dt.datetime | None = None
    resolution: str | None = None  # merged | new | dismissed
    organisation_id: int | None = None


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    """What resolving a held row did: ``merged``, ``new``, ``dismissed`` or ``rejected`` (it contradicts the
    organisation chosen: see ``outcome.rejected``), and the organisation it went to."""

    review_id: int
    resolution: str
    organisation_id: int | None
    outcome: ImportOutcome


@dataclass(frozen=True, slots=True)
class ListDefaults:
    """What a list leaves out and the command gives: the province (--province) and the notice date
    (--notice-date) of rows that name none, as public notice lists (公示名单) need."""

    province: str | None = None
    notice_date: dt.date | None = None
