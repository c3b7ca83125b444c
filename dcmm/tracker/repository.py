"""The tracker's repository: the few operations the service and reports need, each in one transaction.

The rules (dcmm.tracker.planning, dcmm.tracker.rules) decide what a list changes; the storage
modules (dcmm.tracker.storage) read what is stored and write what was decided. A second import of
the same data writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy import Engine

from dcmm.tracker.matching import new_key
from dcmm.tracker.planning import plan_import
from dcmm.tracker.records import (
    CertificateRecord,
    ExpiringCertificate,
    ImportCounts,
    ImportOutcome,
    LoggedImport,
    OrganisationHistory,
    ReviewEntry,
    ReviewOutcome,
    SelfAssessedOrganisation,
    SelfAssessmentRecord,
    TargetDefinition,
    TargetRecord,
)
from dcmm.tracker.regions import NATIONAL
from dcmm.tracker.storage import queries
from dcmm.tracker.storage import targets as stored_targets
from dcmm.tracker.storage.assessments import count_self_assessment_changes, store_self_assessments
from dcmm.tracker.storage.certificates import load_state, log_import, logged, logged_imports, write_plan
from dcmm.tracker.storage.reviews import (
    held_record,
    hold_for_review,
    mark_resolved,
    match_by_name,
    organisation_key,
    review_entries,
)
from dcmm.tracker.storage.sql import refresh_statistics
from dcmm.tracker.storage.tallies import rebuild_tallies


class TrackerRepository(Protocol):
    """What the tracker's service and reports need from storage."""

    def import_certificates(
        self,
        records: Sequence[CertificateRecord],
        source: str,
        sha256: str | None = None,
        dry_run: bool = False,
        all_or_nothing: bool = False,
        counts: ImportCounts | None = None,
    ) -> ImportOutcome: ...

    def imports(self) -> list[LoggedImport]: ...

    def ingest_self_assessments(self, records: Sequence[SelfAssessmentRecord], dry_run: bool = False) -> int: ...

    def targets(self, region: str | None = None) -> list[TargetRecord]: ...

    def save_target(self, target: TargetRecord) -> TargetRecord: ...

    def remove_target(self, target_id: int) -> bool: ...

    def tallies(
        self, series: str, days: Sequence[dt.date], by: str = "province", region: str = NATIONAL
    ) -> dict[tuple[str, int], list[int]]: ...

    def defined_counts(
        self, definition: TargetDefinition, days: Sequence[dt.date], region: str = NATIONAL
    ) -> list[int]: ...

    def industry_known(self, industry: str) -> bool: ...

    def self_assessed(self, as_of: dt.date, region: str = NATIONAL) -> list[SelfAssessedOrganisation]: ...

    def in_force_by_industry(
        self, as_of: dt.date, region: str = NATIONAL, by: str = "province"
    ) -> dict[tuple[str, str | None, int], int]: ...

    def issued_by_year(self, as_of: dt.date, region: str = NATIONAL) -> dict[tuple[int, int], int]: ...

    def expiring(self, as_of: dt.date, days: int, region: str = NATIONAL) -> list[ExpiringCertificate]: ...

    def has_synthetic_organisations(self) -> bool: ...

    def expiring_counts(
        self, as_of: dt.date, days: int, by: str = "province", region: str = NATIONAL
    ) -> dict[str, int]: ...

    def organisation_history(self, credit_code: str) -> OrganisationHistory | None: ...

    def organisations_named(self, name: str) -> list[OrganisationHistory]: ...

    def city_names(self) -> dict[str, str]: ...


class SqlTrackerRepository:
    """The tracker in a SQLite or PostgreSQL database (see dcmm.tracker.database.open_engine)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # writing ---------------------------------------------------------------------------------

    def import_certificates(
        self,
        records: Sequence[CertificateRecord],
        source: str,
        sha256: str | None = None,
        dry_run: bool = False,
        all_or_nothing: bool = False,
        counts: ImportCounts | None = None,
    ) -> ImportOutcome:
        """Add or update the certificates and pilots of one file in one transaction.

        Rows that contradict stored ones are returned as rejected; with ``all_or_nothing`` any
        rejected row keeps the whole file out. A dry run only reads. ``counts`` are the file's rows
        and the rows rejected before they got here, for the import log.
        """
        with self.engine.connect() as connection, connection.begin():
            planned, held = match_by_name(connection, records)
            plan = plan_import(planned, load_state(connection, planned), source)
            outcome = plan.outcome
            outcome.held_for_review = len(held)
            outcome.organisations_matched_by_name = sum(
                1 for r in planned if r.credit_code is None and r.matched and r.matched[0] != "~"
            )
            if dry_run or (all_or_nothing and outcome.rejected):
                return outcome
            write_plan(connection, plan)
            hold_for_review(connection, held, source)
            if sha256 and not logged(connection, sha256):
                given = counts or ImportCounts(len(records) + len({r.row for r in outcome.rejected}), 0)
                rejected = given.rejected + len({r.row for r in outcome.rejected})
                log_import(connection, sha256, source, ImportCounts(given.rows, rejected))
        if outcome.changed:
            refresh_statistics(self.engine)
        return outcome

    def review(self, everything: bool = False) -> list[ReviewEntry]:
        """The rows held for review because their name did not tell their organisation (all, with ``everything``)."""
        with self.engine.connect() as connection:
            return review_entries(connection, everything)

    def resolve_review(self, review_id: int, organisation_id: int | None, dismiss: bool = False) -> ReviewOutcome:
        """Import a held row into organisation ``organisation_id`` (or, when None, into a new organisation), or
        dismiss it; in one transaction. Raises LookupError naming what is missing or already resolved."""
        with self.engine.connect() as connection, connection.begin():
            found = held_record(connection, review_id)
            if found is None:
                raise LookupError(f"no review entry #{review_id}")
            record, source, open_entry = found
            if not open_entry:
                raise LookupError(f"review entry #{review_id} is resolved already")
            if dismiss:
                mark_resolved(connection, review_id, "dismissed", None)
                return ReviewOutcome(review_id, "dismissed", None, ImportOutcome())
            if organisation_id is None:
                record.matched = new_key(record.province, record.name)
            else:
                stored = organisation_key(connection, organisation_id)
                if stored is None:
                    raise LookupError(f"no organisation #{organisation_id}")
                key, province = stored
                if province != record.province:
                    raise LookupError(
                        f"organisation #{organisation_id} is in province {province}, the row in {record.province}"
                    )
                record.matched = key
            plan = plan_import([record], load_state(connection, [record]), source)
            if plan.outcome.rejected:
                return ReviewOutcome(review_id, "rejected", organisation_id, plan.outcome)
            new_ids = write_plan(connection, plan)
            chosen = organisation_id if organisation_id is not None else new_ids.get(record.key)
            mark_resolved(connection, review_id, "new" if organisation_id is None else "merged", chosen)
            return ReviewOutcome(review_id, "new" if organisation_id is None else "merged", chosen, plan.outcome)

    def imports(self) -> list[LoggedImport]:
        """What the import log holds, oldest first."""
        with self.engine.connect() as connection:
            return logged_imports(connection)

    def rebuild_tallies(self) -> None:
        """Recompute the daily tallies from the certificates and organisations (a repair tool)."""
        with self.engine.begin() as connection:
            rebuild_tallies(connection)

    def ingest_self_assessments(self, records: Sequence[SelfAssessmentRecord], dry_run: bool = False) -> int:
        """Store scored self-assessments (one per organisation, edition and day); returns how many changed.

        A dry run only reads, and counts what storing would change."""
        with self.engine.connect() as connection, connection.begin():
            if dry_run:
                return count_self_assessment_changes(connection, records)
            return store_self_assessments(connection, records)

    def targets(self, region: str | None = None) -> list[TargetRecord]:
        with self.engine.connect() as connection:
            return stored_targets.targets(connection, region)

    def save_target(self, target: TargetRecord) -> TargetRecord:
        """Add a target, or replace the one for the same region, metric and deadline."""
        with self.engine.begin() as connection:
            return stored_targets.save_target(connection, target)

    def remove_target(self, target_id: int) -> bool:
        with self.engine.begin() as connection:
            return stored_targets.remove_target(connection, target_id)

    # reading ---------------------------------------------------------------------------------

    def tallies(
        self, series: str, days: Sequence[dt.date], by: str = "province", region: str = NATIONAL
    ) -> dict[tuple[str, int], list[int]]:
        """Counts of ``series`` on each of ``days`` by (province, city or county code, level)."""
        with self.engine.connect() as connection:
            return queries.tallies(connection, series, days, by, region)

    def defined_counts(
        self, definition: TargetDefinition, days: Sequence[dt.date], region: str = NATIONAL
    ) -> list[int]:
        """How many organisations of ``region`` ``definition`` counts on each of ``days``, read from the records."""
        with self.engine.connect() as connection:
            return queries.defined_counts(connection, definition, days, region)

    def industry_known(self, industry: str) -> bool:
        """Whether any organisation recorded has exactly this industry."""
        with self.engine.connect() as connection:
            return stored_targets.industry_known(connection, industry)

    def self_assessed(self, as_of: dt.date, region: str = NATIONAL) -> list[SelfAssessedOrganisation]:
        """Each organisation's latest self-assessment up to ``as_of``, with its certified level on that day."""
        with self.engine.connect() as connection:
            return queries.self_assessed(connection, as_of, region)

    def in_force_by_industry(
        self, as_of: dt.date, region: str = NATIONAL, by: str = "province"
    ) -> dict[tuple[str, str | None, int], int]:
        """Certificates in force on ``as_of`` by (region key as :meth:`tallies` has it, industry, level)."""
        with self.engine.connect() as connection:
            return queries.in_force_by_industry(connection, as_of, region, by)

    def issued_by_year(self, as_of: dt.date, region: str = NATIONAL) -> dict[tuple[int, int], int]:
        """Certificates issued (revoked ones excluded) by year and level, up to ``as_of``."""
        with self.engine.connect() as connection:
            return queries.issued_by_year(connection, as_of, region)

    def expiring(self, as_of: dt.date, days: int, region: str = NATIONAL) -> list[ExpiringCertificate]:
        """Certificates in force on ``as_of`` that expire within ``days`` days, soonest first."""
        with self.engine.connect() as connection:
            return queries.expiring(connection, as_of, days, region)

    def expiring_counts(
        self, as_of: dt.date, days: int, by: str = "province", region: str = NATIONAL
    ) -> dict[str, int]:
        """How many certificates in force on ``as_of`` expire within ``days``, by province, city or county."""
        with self.engine.connect() as connection:
            return queries.expiring_counts(connection, as_of, days, by, region)

    def organisation_history(self, credit_code: str) -> OrganisationHistory | None:
        """Everything recorded about one organisation, or None when it is unknown."""
        with self.engine.connect() as connection:
            return queries.organisation_history(connection, credit_code)

    def organisations_named(self, name: str) -> list[OrganisationHistory]:
        """Everything recorded about each organisation of that name, as names compare (dcmm.tracker.names)."""
        from dcmm.tracker.names import name_key

        with self.engine.connect() as connection:
            return queries.organisations_named(connection, name_key(name))

    def has_synthetic_organisations(self) -> bool:
        """Whether any organisation comes from synthetic (made-up) data: every report must then say so."""
        with self.engine.connect() as connection:
            return queries.has_synthetic_organisations(connection)

    def city_names(self) -> dict[str, str]:
        """City names as the lists wrote them, by GB/T 2260 code."""
        with self.engine.connect() as connection:
            return queries.city_names(connection)


def open_repository(url: str | None = None) -> SqlTrackerRepository:
    """The tracker at ``url`` (or ``$DCMM_DB``, or ./dcmm-tracker.db), migrated to the newest schema."""
    from dcmm.tracker.database import database_url, open_engine

    return SqlTrackerRepository(open_engine(database_url(url)))
