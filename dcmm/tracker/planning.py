"""What a certificate list (or a batch of self-assessments) changes, decided without a database.

:func:`plan_import` takes the list's records and what storage already holds about the same
organisations (:class:`StoredState`) and returns an :class:`ImportPlan`: the organisations and
certificates to add or change, and the outcome to report. Storage then only writes the plan.
A later row about the same organisation describes it (name, region, industry …), except that a
row without a credit code (a public notice list's, matched by name: dcmm.tracker.matching) only
fills in what is not known yet: such lists say little beyond the name and the level.

Organisations are keyed by :attr:`CertificateRecord.key`: the credit code, ``#<id>`` for a stored
organisation known by name only, or ``~<province>:<name key>`` for one a notice list adds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from dcmm.tracker.names import name_key
from dcmm.tracker.records import CertificateRecord, ImportOutcome, RejectedRow, SelfAssessmentRecord
from dcmm.tracker.rules import CertificateValues, certificate_values, derive_certificates, earliest, guanbiao_since

CertificateKey = tuple[str, int, dt.date]  # organisation key, level, issue date: one certificate
# A certificate known from its notice date is the one a later list gives with its issue date when that
# date falls in this window around the notice (the certificate follows its 公示 by weeks, rarely months).
ISSUED_AFTER_NOTICE = (dt.timedelta(days=-31), dt.timedelta(days=183))


@dataclass(slots=True)
class OrganisationValues:
    """An organisation's stored columns, in the order of ``ORG_COLUMNS``."""

    name: str
    province: str
    city_code: str | None
    city: str | None
    industry: str | None
    party_type: str | None
    synthetic: bool
    first_certified_on: dt.date | None = None
    pilot_since: dt.date | None = None
    guanbiao_since: dt.date | None = None
    county_code: str | None = None
    region_inferred: bool = False
    credit_code: str | None = None
    name_key: str = ""  # filled from the name when not given

    def __post_init__(self) -> None:
        if not self.name_key:
            self.name_key = name_key(self.name)

    def described(self) -> tuple[object, ...]:
        """What a list says about the organisation (not the dates derived from its certificates)."""
        return (
            self.name,
            self.province,
            self.city_code,
            self.city,
            self.industry,
            self.party_type,
            self.synthetic,
            self.county_code,
            self.region_inferred,
            self.credit_code,
        )

    def row(self) -> tuple[object, ...]:
        """The values in column order."""
        return (
            *self.described()[:7],
            self.first_certified_on,
            self.pilot_since,
            self.guanbiao_since,
            self.county_code,
            self.region_inferred,
            self.credit_code,
            self.name_key,
        )


@dataclass(slots=True)
class StoredOrganisation:
    id: int
    values: OrganisationValues


@dataclass(slots=True)
class HeldCertificate:
    """A certificate during planning: its values as they will be, and as stored (None when it is new)."""

    values: CertificateValues
    stored: CertificateValues | None = None
    id: int | None = None
    source: str | None = None


@dataclass
class StoredState:
    """What storage holds about the organisations and certificate numbers of one list."""

    organisations: dict[str, StoredOrganisation] = field(default_factory=dict)  # by key (see the module)
    certificates: dict[int, list[HeldCertificate]] = field(default_factory=dict)  # by organisation id
    number_owners: dict[str, int] = field(default_factory=dict)  # certificate number → organisation id
    first_self_assessed: dict[int, dt.date] = field(default_factory=dict)  # by organisation id


# The owner's key and stored id (None for an organisation added by the same list), and the certificate.
NewCertificate = tuple[str, int | None, HeldCertificate]


@dataclass(slots=True)
class ChangedOrganisation:
    id: int
    stored: OrganisationValues
    values: OrganisationValues


@dataclass
class ImportPlan:
    """What to write for one list, and what to report about it."""

    outcome: ImportOutcome = field(default_factory=ImportOutcome)
    new_organisations: dict[str, OrganisationValues] = field(default_factory=dict)  # by key
    changed_organisations: list[ChangedOrganisation] = field(default_factory=list)
    new_certificates: list[NewCertificate] = field(default_factory=list)
    changed_certificates: list[HeldCertificate] = field(default_factory=list)


def _describe(
    row: CertificateRecord,
    first_certified: dt.date | None,
    pilot: dt.date | None,
    before: OrganisationValues | None = None,
) -> OrganisationValues:
    if before is not None and row.credit_code is None:  # a notice list's row: it fills in, never overwrites
        located = (row.city_code, row.city) if before.city is None else (before.city_code, before.city)
        return OrganisationValues(
            before.name, before.province, *located, before.industry or row.industry,
            before.party_type or row.party_type, before.synthetic or row.synthetic, first_certified, pilot, None,
            before.county_code if before.city is not None else row.county_code,
            before.region_inferred if before.city is not None else row.region_inferred,
            before.credit_code, before.name_key,
        )  # fmt: skip
    return OrganisationValues(
        row.name,
        row.province,
        row.city_code,
        row.city,
        row.industry,
        row.party_type,
        row.synthetic,
        first_certified,
        pilot,
        None,
        row.county_code,
        row.region_inferred,
        row.credit_code if row.credit_code is not None else (before.credit_code if before else None),
        name_key(row.name),
    )


def _same_certificate(held: CertificateValues, new: CertificateValues) -> bool:
    """Whether a list's certificate is one already held: same level and day, same number, or the one known
    from its notice date (same level, the issue date in the window after the notice)."""
    if held.level == new.level and held.issue_date == new.issue_date:
        return True
    if new.certificate_number and held.certificate_number == new.certificate_number:
        return True
    if held.level != new.level or held.issued_on_notice == new.issued_on_notice:
        return False
    noticed, issued = (held, new) if held.issued_on_notice else (new, held)
    return (
        noticed.issue_date + ISSUED_AFTER_NOTICE[0] <= issued.issue_date <= noticed.issue_date + ISSUED_AFTER_NOTICE[1]
    )


class _Planner:
    """Reads the records in order, then settles each organisation and its certificates."""

    def __init__(self, stored: StoredState, source: str) -> None:
        self.stored = stored
        self.source = source[-300:]
        self.plan = ImportPlan()
        self.rows: dict[str, CertificateRecord] = {}  # the row describing each organisation
        self.pilots: dict[str, dt.date] = {}
        self.held: dict[str, list[HeldCertificate]] = {
            code: stored.certificates.get(org.id, []) for code, org in stored.organisations.items()
        }
        self.seen_keys: dict[CertificateKey, tuple[int, tuple[object, ...]]] = {}
        self.seen_numbers: dict[str, tuple[str, int]] = {}

    def reject(self, record: CertificateRecord, column: str, reason: str) -> None:
        self.plan.outcome.rejected.append(RejectedRow(record.row, column, reason))

    def read(self, record: CertificateRecord) -> None:
        code = record.key
        if record.status == "pilot":
            self.rows[code] = record
            self.pilots[code] = min(self.pilots.get(code, record.issue_date), record.issue_date)
            return
        number = record.certificate_number
        if number and self.number_taken(record, number):
            return
        assert record.level is not None
        values = certificate_values(
            record.level,
            record.issue_date,
            record.expiry_date,
            record.edition,
            record.status == "revoked",
            record.certificate_number,
            record.body,
            record.batch,
            record.notice_date,
            record.issued_on_notice,
        )
        key = (code, record.level, record.issue_date)
        if key in self.seen_keys:
            self.repeated(record, *self.seen_keys[key], values)
            return
        self.seen_keys[key] = (record.row, values.terms())
        if record.certificate_number:
            self.seen_numbers[record.certificate_number] = (code, record.row)
        self.rows[code] = record
        self.hold(code, values)

    def number_taken(self, record: CertificateRecord, number: str) -> bool:
        """Whether the certificate number belongs to another organisation, in this list or in storage."""
        if number not in self.seen_numbers and number not in self.stored.number_owners:
            return False  # most numbers are new to the list and to storage
        earlier = self.seen_numbers.get(number)
        if earlier and earlier[0] != record.key:
            other = earlier[0] if earlier[0][0] not in "#~" else "another organisation"
            self.reject(record, "certificate_number", f"{number} is also in row {earlier[1]} for {other}")
            return True
        owner = self.stored.number_owners.get(number)
        stored = self.stored.organisations.get(record.key)
        if owner is not None and (stored is None or stored.id != owner):
            self.reject(record, "certificate_number", f"{number} is already recorded for another organisation")
            return True
        return False

    def repeated(
        self, record: CertificateRecord, first_row: int, first_terms: tuple[object, ...], values: CertificateValues
    ) -> None:
        """A second row for the same certificate: harmless when it says the same, rejected when it does not."""
        if first_terms == values.terms():
            self.plan.outcome.repeated_rows += 1
        else:
            self.reject(record, "level", f"repeats the certificate of row {first_row} with other values")

    def hold(self, code: str, values: CertificateValues) -> None:
        """Add the certificate, or correct the held one it is (same level and day, or same number)."""
        held = self.held.get(code)
        if held is None:  # the organisation's first certificate in this write
            self.held[code] = [HeldCertificate(values, source=self.source)]
            return
        for existing in held:
            current = existing.values
            if _same_certificate(current, values):
                if values.issued_on_notice and not current.issued_on_notice:
                    current.notice_date = current.notice_date or values.notice_date  # a notice adds its date only
                    return
                notice_date = current.notice_date
                current.take_terms(values)
                current.notice_date = current.notice_date or notice_date
                return
        held.append(HeldCertificate(values, source=self.source))

    def settle(self, code: str, row: CertificateRecord) -> None:
        """Derive one organisation's dates and its certificates' supersession; plan what changes."""
        held = self.held.get(code, [])
        for certificate in held:
            certificate.values.province = row.province
            certificate.values.city_code = row.city_code
            certificate.values.county_code = row.county_code
            certificate.values.industry = row.industry
        first_certified = derive_certificates([c.values for c in held])
        stored = self.stored.organisations.get(code)
        if stored is None:
            self.add_organisation(code, row, first_certified)
        else:
            self.update_organisation(code, stored, row, first_certified)
        for certificate in held:
            self.settle_certificate(code, None if stored is None else stored.id, certificate)

    def add_organisation(self, code: str, row: CertificateRecord, first_certified: dt.date | None) -> None:
        pilot = self.pilots.get(code)
        values = _describe(row, first_certified, pilot)
        values.guanbiao_since = guanbiao_since(first_certified, pilot)
        self.plan.new_organisations[code] = values
        self.plan.outcome.organisations_added += 1
        if pilot is not None:
            self.plan.outcome.pilots_recorded += 1

    def update_organisation(
        self, code: str, stored: StoredOrganisation, row: CertificateRecord, first_certified: dt.date | None
    ) -> None:
        before = stored.values
        pilot = earliest(before.pilot_since, self.pilots.get(code))
        values = _describe(row, first_certified, pilot, before)
        values.guanbiao_since = guanbiao_since(first_certified, pilot, self.stored.first_self_assessed.get(stored.id))
        if values != before:
            self.plan.changed_organisations.append(ChangedOrganisation(stored.id, before, values))
            if values.described() != before.described():
                self.plan.outcome.organisations_updated += 1
        if code in self.pilots and before.pilot_since != pilot:
            self.plan.outcome.pilots_recorded += 1

    def settle_certificate(self, code: str, org_id: int | None, certificate: HeldCertificate) -> None:
        outcome = self.plan.outcome
        if certificate.stored is None:
            self.plan.new_certificates.append((code, org_id, certificate))
            outcome.certificates_added += 1
        elif certificate.stored != certificate.values:
            self.plan.changed_certificates.append(certificate)
            if certificate.stored.recorded() != certificate.values.recorded():
                outcome.certificates_updated += 1
            else:
                outcome.certificates_unchanged += 1  # only what is derived moved (a new certificate supersedes it)
        else:
            outcome.certificates_unchanged += 1


def plan_import(records: Sequence[CertificateRecord], stored: StoredState, source: str) -> ImportPlan:
    """Decide what ``records`` (one list, read from ``source``) change, given what is ``stored``."""
    planner = _Planner(stored, source)
    for record in records:
        planner.read(record)
    for code, row in planner.rows.items():
        planner.settle(code, row)
    return planner.plan


def plan_self_assessments(records: Sequence[SelfAssessmentRecord], stored: dict[str, StoredOrganisation]) -> ImportPlan:
    """The organisations that self-assessments add or make 贯标 units earlier (the assessments are stored as read).

    An organisation known only from its self-assessments is described by the first of them and is a
    贯标 unit from the earliest; a stored one becomes a 贯标 unit earlier when it assessed itself
    before its first certificate or pilot.
    """
    plan = ImportPlan()
    changed: dict[str, ChangedOrganisation] = {}
    for record in records:
        code = record.credit_code
        org = stored.get(code)
        if org is None:
            new = plan.new_organisations.setdefault(code, _assessed(record))
            new.guanbiao_since = earliest(new.guanbiao_since, record.assessed_on)
            continue
        current = changed[code].values if code in changed else org.values
        since = earliest(current.guanbiao_since, record.assessed_on)
        if since != current.guanbiao_since:
            after = replace(current, guanbiao_since=since)
            changed[code] = ChangedOrganisation(org.id, org.values, after)
    plan.changed_organisations = list(changed.values())
    return plan


def _assessed(record: SelfAssessmentRecord) -> OrganisationValues:
    return OrganisationValues(
        record.name,
        record.province,
        record.city_code,
        record.city,
        record.industry,
        record.party_type,
        record.synthetic,
        guanbiao_since=record.assessed_on,
        county_code=record.county_code,
        region_inferred=record.region_inferred,
        credit_code=record.credit_code,
        name_key=name_key(record.name),
    )
