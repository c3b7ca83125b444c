"""What the tracker commands print: import summaries, one organisation's history, targets, expiring certificates."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dcmm.cli.errors import report_problems
from dcmm.cli.language import tr
from dcmm.cli.printer import note, say
from dcmm.files.cells import spreadsheet_row

if TYPE_CHECKING:
    from dcmm.tracker.records import ExpiringCertificate
    from dcmm.tracker.service import ListImport, OrganisationReport, TargetLine

EXPIRING_COLUMNS = ("credit_code", "name", "province", "city", "level", "certificate_number", "issued", "expires")


def print_imports(imports: Sequence[ListImport], dry_run: bool) -> bool:
    """One summary line per file (problems on stderr); whether any file had a problem."""
    prefix = tr("cli.dry_run_prefix") if dry_run else ""
    failed = False
    for done in imports:
        report_problems(done.problems)
        result = done.result
        if result is None:
            failed = True
            continue
        report_problems(result.problems)
        failed = failed or bool(result.problems)
        outcome = result.outcome
        if outcome is None:
            say(
                tr(
                    "cli.import_rejected",
                    name=done.path,
                    prefix=prefix,
                    bad=result.rejected_rows,
                    rows=result.data_rows,
                )
            )
            continue
        say(
            tr(
                "cli.import_summary",
                name=done.path,
                prefix=prefix,
                rows=result.data_rows,
                rejected=result.rejected_rows,
                added=outcome.certificates_added,
                updated=outcome.certificates_updated,
                unchanged=outcome.certificates_unchanged,
                organisations_added=outcome.organisations_added,
                organisations_updated=outcome.organisations_updated,
                pilots=outcome.pilots_recorded,
                repeated=outcome.repeated_rows,
            )
        )
        if result.ignored_columns:
            note(tr("cli.import_unused_columns", name=done.path, columns=", ".join(result.ignored_columns)))
    return failed


def print_organisation(report: OrganisationReport) -> None:
    """The organisation, each certificate with its status on the day asked about, and its self-assessments."""
    org = report.history.organisation
    city = f" {org.city}" if org.city else ""
    say(f"{org.name}  {org.credit_code}  {report.province_name}{city}")
    say(tr("cli.show_industry", industry=org.industry or "-", party=org.party_type or "-"))
    say(
        tr(
            "cli.show_since",
            certified=org.first_certified_on or "-",
            pilot=org.pilot_since or "-",
            guanbiao=org.guanbiao_since or "-",
        )
    )
    for on_day in report.certificates:
        c = on_day.certificate
        say(
            tr(
                "cli.show_certificate",
                level=c.level,
                number=c.certificate_number or tr("cli.show_no_number"),
                issued=c.issue_date,
                expires=c.expiry_date,
                edition=c.edition,
                status=on_day.status,
                on=report.on,
            )
        )
    for a in report.history.self_assessments:
        say(
            tr(
                "cli.show_self_assessment",
                on=a.assessed_on,
                edition=a.edition,
                rules=a.rules,
                level=a.level,
                score=a.overall_score,
            )
        )


def print_targets(lines: Sequence[TargetLine]) -> None:
    for line in lines:
        t = line.target
        say(
            tr(
                "cli.target_line",
                id=t.id,
                region_name=line.region_name,
                region=t.region,
                metric=t.metric,
                comparison=line.comparison_sign,
                number=t.number,
                deadline=t.deadline,
                source=t.source_document,
            )
        )


def expiring_csv(found: Sequence[ExpiringCertificate]) -> str:
    """The certificates as CSV, one row each under a header; an unknown cell is left empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPIRING_COLUMNS)
    for c in found:
        cells = (c.credit_code, c.name, c.province, c.city, c.level, c.certificate_number, c.issue_date, c.expiry_date)
        writer.writerow(spreadsheet_row(cells))
    return buffer.getvalue()
