"""The typed contexts of the report's management pages: executive summary, action plan, certification readiness
and the evidence list (names resolved, numbers unformatted, no HTML)."""

from __future__ import annotations

from dcmm.core.text import StrictModel


class DomainGap(StrictModel):
    """A domain's standing against the target level."""

    id: str
    name: str
    score: float
    level: int
    level_name: str
    gap: float  # points short of the target level, 0 when reached


class WorkPackage(StrictModel):
    """One item's criteria of one roadmap phase, to be given an owner and a due date."""

    item_id: str
    item_name: str
    phase: int
    level: int
    level_name: str
    time_frame: str
    criteria_count: int
    gain_overall: float


class Executive(StrictModel):
    """What management reads first: where the organisation is strong and weak, and what to do first."""

    strongest: list[DomainGap]
    weakest: list[DomainGap]
    domains: list[DomainGap]
    priorities: list[WorkPackage]  # the roadmap's first work packages: lower levels first


class ReviewAnswer(StrictModel):
    id: str
    text: str
    grade_name: str
    respondent: str
    note: str


class EvidenceRow(StrictModel):
    """One evidence reference of one criterion, as recorded, and what the evidence folder says of it."""

    criterion_id: str
    criterion_text: str
    grade_name: str
    reference: str
    kind: str  # path, url, document or text (a plain text of an older answer file)
    description: str
    owner: str
    date: str
    sha256: str  # as recorded by dcmm evidence check --record, empty when never recorded
    status: str  # ok, missing, changed, or empty when the folder was not checked or it is no file


class Readiness(StrictModel):
    """What an assessor will ask about before certification."""

    checked: bool  # the evidence folder was given and every path looked up
    missing: list[EvidenceRow]
    changed: list[EvidenceRow]
    claimed_without_evidence: list[ReviewAnswer]
    marked_for_review: list[ReviewAnswer]
    unanswered: int
    admission: list[str] = []  # the admission prerequisites checked, as dcmm readiness words them
    admission_ready: bool = False


class SignatureMark(StrictModel):
    signatory: str
    title: str
    date: str  # empty: written by hand


class BrandMark(StrictModel):
    """The consultancy issuing the report: the cover, the colours, the footer and the signature page."""

    name: str
    logo: bytes | None
    logo_type: str  # image/png or image/jpeg
    primary: str | None  # six hex digits without #
    accent: str | None
    contact: list[str]
    signature: SignatureMark | None
