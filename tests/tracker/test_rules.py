"""Certificate rules and import planning, without a database: expiry, supersession, status, duplicates, conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from dcmm.tracker.planning import (
    HeldCertificate,
    OrganisationValues,
    StoredOrganisation,
    StoredState,
    plan_import,
    plan_self_assessments,
)
from dcmm.tracker.records import CertificateRecord, RejectedRow, SelfAssessmentRecord
from dcmm.tracker.rules import (
    CertificateValues,
    certificate_status,
    certificate_values,
    default_expiry,
    derive_certificates,
    edition_for,
    guanbiao_since,
)

from .helpers import credit_code

D = dt.date


def record(
    n: int, level: int | None, issued: dt.date, status: str = "valid", row: int | None = None, **kw: object
) -> CertificateRecord:
    """A record of organisation ``n``, in row ``row`` of its list (by default row n + 1)."""
    return CertificateRecord(
        row=row or n + 1, credit_code=credit_code(n), name=f"示例{n}（虚构）", province="37", status=status,
        issue_date=issued, level=level, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def stored_certificate(values: CertificateValues, cert_id: int) -> HeldCertificate:
    """A certificate as storage hands it to the planner: in Shandong, derived, with its stored copy."""
    values.province = "37"
    derive_certificates([values])
    return HeldCertificate(values, replace(values), cert_id, "old.csv")


def test_a_certificate_runs_three_years_and_its_edition_follows_the_issue_day() -> None:
    assert default_expiry(D(2021, 3, 10)) == D(2024, 3, 10)
    assert default_expiry(D(2024, 2, 29)) == D(2027, 2, 28)
    assert (edition_for(D(2026, 6, 30)), edition_for(D(2026, 7, 1))) == ("2018", "2025")
    values = certificate_values(2, D(2021, 3, 10))
    assert (values.expiry_date, values.edition) == (D(2024, 3, 10), "2018")
    assert certificate_values(2, D(2021, 3, 10), D(2022, 1, 1), "2025").expiry_date == D(2022, 1, 1)


def test_a_later_certificate_supersedes_an_earlier_one_on_its_issue_day() -> None:
    first = certificate_values(2, D(2021, 1, 10))
    second = certificate_values(3, D(2022, 6, 10))
    assert derive_certificates([second, first]) == D(2021, 1, 10)
    assert (first.superseded_on, first.ends_on) == (D(2022, 6, 10), D(2022, 6, 10))
    assert (second.superseded_on, second.ends_on) == (None, D(2025, 6, 10))


def test_on_the_same_day_the_higher_level_wins() -> None:
    low, high = certificate_values(2, D(2022, 1, 10)), certificate_values(3, D(2022, 1, 10))
    derive_certificates([high, low])
    assert low.ends_on == low.issue_date and high.ends_on == high.expiry_date


def test_a_revoked_certificate_never_counts_and_supersedes_nothing() -> None:
    kept = certificate_values(2, D(2021, 1, 10))
    revoked = certificate_values(3, D(2022, 1, 10), revoked=True)
    assert derive_certificates([kept, revoked]) == D(2021, 1, 10)
    assert kept.ends_on == kept.expiry_date
    assert (revoked.superseded_on, revoked.ends_on) == (None, revoked.issue_date)
    only = certificate_values(2, D(2021, 1, 10), revoked=True)
    assert derive_certificates([only]) is None and only.ends_on == only.issue_date


def test_status_on_a_day() -> None:
    issued, expires = D(2021, 1, 10), D(2024, 1, 10)
    assert certificate_status(False, issued, expires, None, D(2022, 1, 1)) == "valid"
    assert certificate_status(False, issued, expires, None, D(2024, 1, 10)) == "expired"
    assert certificate_status(False, issued, expires, D(2022, 6, 1), D(2022, 6, 1)) == "superseded"
    assert certificate_status(False, issued, expires, None, D(2020, 1, 1)) == "not yet issued"
    assert certificate_status(True, issued, expires, None, D(2022, 1, 1)) == "revoked"


def test_a_guanbiao_unit_from_its_first_certificate_pilot_or_self_assessment() -> None:
    assert guanbiao_since(D(2022, 1, 1), D(2021, 5, 1), D(2023, 1, 1)) == D(2021, 5, 1)
    assert guanbiao_since(None, None, D(2023, 1, 1)) == D(2023, 1, 1)
    assert guanbiao_since(None, None) is None


def test_a_new_list_plans_organisations_certificates_and_pilots() -> None:
    records = [
        record(1, 2, D(2021, 1, 10)),
        record(1, 3, D(2022, 6, 10)),
        record(2, None, D(2022, 3, 1), status="pilot"),
    ]
    plan = plan_import(records, StoredState(), "list.csv")
    outcome = plan.outcome
    assert (outcome.organisations_added, outcome.certificates_added, outcome.pilots_recorded) == (2, 2, 1)
    first = plan.new_organisations[credit_code(1)]
    assert (first.first_certified_on, first.guanbiao_since, first.pilot_since) == (D(2021, 1, 10), D(2021, 1, 10), None)
    pilot = plan.new_organisations[credit_code(2)]
    assert (pilot.first_certified_on, pilot.pilot_since, pilot.guanbiao_since) == (None, D(2022, 3, 1), D(2022, 3, 1))
    assert [(code, org_id, c.values.superseded_on) for code, org_id, c in plan.new_certificates] == [
        (credit_code(1), None, D(2022, 6, 10)),
        (credit_code(1), None, None),
    ]
    assert all(c.values.province == "37" and c.source == "list.csv" for _, _, c in plan.new_certificates)


def test_repeated_rows_are_counted_and_contradicting_ones_rejected() -> None:
    same = record(1, 2, D(2021, 1, 10), certificate_number="C-1")
    again = record(1, 2, D(2021, 1, 10), row=3, certificate_number="C-1")
    other = record(1, 2, D(2021, 1, 10), row=4, certificate_number="C-9")
    plan = plan_import([same, again, other], StoredState(), "list.csv")
    assert plan.outcome.repeated_rows == 1
    assert plan.outcome.rejected == [RejectedRow(4, "level", "repeats the certificate of row 2 with other values")]
    assert plan.outcome.certificates_added == 1


def test_a_number_belongs_to_one_organisation() -> None:
    mine = record(1, 2, D(2021, 1, 10), certificate_number="C-1")
    theirs = record(2, 2, D(2021, 1, 10), certificate_number="C-1")
    taken = record(3, 2, D(2021, 1, 10), certificate_number="C-7")
    plan = plan_import([mine, theirs, taken], StoredState(number_owners={"C-7": 99}), "list.csv")
    assert plan.outcome.rejected == [
        RejectedRow(3, "certificate_number", f"C-1 is also in row 2 for {credit_code(1)}"),
        RejectedRow(4, "certificate_number", "C-7 is already recorded for another organisation"),
    ]
    assert list(plan.new_organisations) == [credit_code(1)]


def _stored(org_id: int, *certificates: CertificateValues) -> StoredState:
    first = min(c.issue_date for c in certificates)
    values = OrganisationValues(
        "示例1（虚构）", "37", None, None, None, None, False, first, None, first, credit_code=credit_code(1)
    )
    held = [stored_certificate(c, cert_id) for cert_id, c in enumerate(certificates, start=1)]
    return StoredState(
        organisations={credit_code(1): StoredOrganisation(org_id, values)},
        certificates={org_id: held},
        number_owners={c.certificate_number: org_id for c in certificates if c.certificate_number},
    )


def test_the_same_list_again_changes_nothing() -> None:
    stored = _stored(7, certificate_values(2, D(2021, 1, 10), certificate_number="C-1"))
    plan = plan_import([record(1, 2, D(2021, 1, 10), certificate_number="C-1")], stored, "list.csv")
    assert plan.outcome.certificates_unchanged == 1 and not plan.outcome.changed
    assert plan.changed_certificates == [] and plan.changed_organisations == []


def test_a_later_certificate_updates_what_is_stored() -> None:
    stored = _stored(7, certificate_values(2, D(2021, 1, 10), certificate_number="C-1"))
    plan = plan_import([record(1, 3, D(2022, 6, 10), certificate_number="C-2")], stored, "list.csv")
    outcome = plan.outcome
    # The stored certificate now ends on the new one's issue day: a derived change, not an update.
    assert (outcome.certificates_added, outcome.certificates_updated, outcome.certificates_unchanged) == (1, 0, 1)
    (changed,) = plan.changed_certificates
    assert changed.id == 1 and changed.values.ends_on == D(2022, 6, 10)
    assert [(code, org_id) for code, org_id, _ in plan.new_certificates] == [(credit_code(1), 7)]


def test_the_same_number_with_a_corrected_level_replaces_the_stored_certificate() -> None:
    stored = _stored(7, certificate_values(2, D(2021, 1, 10), certificate_number="C-1"))
    plan = plan_import([record(1, 3, D(2021, 1, 10), certificate_number="C-1")], stored, "list.csv")
    assert plan.outcome.certificates_updated == 1 and plan.new_certificates == []
    assert plan.changed_certificates[0].values.level == 3


def assessment(n: int, day: dt.date) -> SelfAssessmentRecord:
    return SelfAssessmentRecord("a.json", credit_code(n), f"示例{n}", "37", "gbt36073-2018", day, 3.2, 3, "published")


def test_self_assessments_add_organisations_and_make_guanbiao_units_earlier() -> None:
    stored = _stored(7, certificate_values(2, D(2021, 1, 10)))
    records = [assessment(1, D(2022, 1, 1)), assessment(1, D(2020, 5, 1)), assessment(2, D(2023, 3, 1))]
    records.append(assessment(2, D(2023, 1, 1)))
    plan = plan_self_assessments(records, stored.organisations)
    (changed,) = plan.changed_organisations
    assert (changed.id, changed.stored.guanbiao_since, changed.values.guanbiao_since) == (
        7,
        D(2021, 1, 10),
        D(2020, 5, 1),
    )
    new = plan.new_organisations[credit_code(2)]
    assert (new.guanbiao_since, new.first_certified_on) == (D(2023, 1, 1), None)
    assert plan_self_assessments([assessment(1, D(2022, 1, 1))], stored.organisations).changed_organisations == []
