"""What the tracker commands print: import summaries and the import log, one organisation, targets, expiring ones."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich.table import Table

from dcmm.cli.errors import report_problems
from dcmm.cli.language import message_language, table_language, tr
from dcmm.cli.printer import note, say
from dcmm.files.cells import spreadsheet_row
from dcmm.i18n import vocabulary

if TYPE_CHECKING:
    from rich.console import Console

    from dcmm.files import Problem
    from dcmm.tracker.records import ExpiringCertificate, LoggedImport
    from dcmm.tracker.service import ListImport, OrganisationReport, TargetLine

EXPIRING_COLUMNS = ("credit_code", "name", "province", "city", "level", "certificate_number", "issued", "expires")


def report_warnings(warnings: Sequence[Problem]) -> None:
    """Every warning as ``warning: <file>:line: field: message`` on stderr: rows kept, with what was not placed."""
    from dcmm.cli.language import message_language
    from dcmm.files.problems import problem_text

    language = message_language()
    for warning in warnings:
        click.echo(tr("regions.warning_line", problem=problem_text(warning, language)), err=True)


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
        report_warnings(result.warnings)
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
        if outcome.organisations_matched_by_name:
            note(tr("notices.import_matched", name=done.path, matched=outcome.organisations_matched_by_name))
        if outcome.held_for_review:
            note(tr("notices.import_held", name=done.path, held=outcome.held_for_review))
        if result.ignored_columns:
            note(tr("cli.import_unused_columns", name=done.path, columns=", ".join(result.ignored_columns)))
    return failed


def print_organisation(report: OrganisationReport) -> None:
    """The organisation, each certificate with its status on the day asked about, and its self-assessments."""
    org = report.history.organisation
    city = f" {org.city}" if org.city else ""
    if org.county_code:
        from dcmm.tracker.regions import region_name

        city += f" {region_name(org.county_code)}"
    inferred = tr("regions.show_inferred") if org.region_inferred else ""
    code = org.credit_code or tr("cli.show_no_credit_code")
    say(f"{org.name}  {code}  {report.province_name}{city}{inferred}")
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
    """Each target on one line, and what it counts on the next."""
    from dcmm.tracker.definitions import definition_label

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
        say(tr("targets.definition_line", label=definition_label(t, message_language())))


def expiring_csv(found: Sequence[ExpiringCertificate]) -> str:
    """The certificates as CSV, one row each under a header; an unknown cell is left empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPIRING_COLUMNS)
    for c in found:
        cells = (c.credit_code, c.name, c.province, c.city, c.level, c.certificate_number, c.issue_date, c.expiry_date)
        writer.writerow(spreadsheet_row(cells))
    return buffer.getvalue()


IMPORT_LOG_COLUMNS = ("imported_at", "file", "sha256", "kind", "rows", "accepted", "rejected")


def _import_cells(entry: LoggedImport) -> tuple[str, str, str, str, int, int, int]:
    return (
        entry.imported_at.isoformat(sep=" "),
        entry.file_name,
        entry.sha256,
        entry.kind,
        entry.rows,
        entry.accepted,
        entry.rejected,
    )


def imports_csv(logged: Sequence[LoggedImport]) -> str:
    """The import log as CSV, one file a row under a header (times in UTC)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(IMPORT_LOG_COLUMNS)
    writer.writerows(_import_cells(entry) for entry in logged)
    return buffer.getvalue()


def imports_json(logged: Sequence[LoggedImport]) -> str:
    """The import log as a JSON list of objects (times in UTC, ISO 8601)."""
    rows = [dict(zip(IMPORT_LOG_COLUMNS, _import_cells(entry), strict=True)) for entry in logged]
    for row, entry in zip(rows, logged, strict=True):
        row["imported_at"] = entry.imported_at.isoformat() + "Z"
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def print_import_log(logged: Sequence[LoggedImport], console: Console) -> None:
    """The import log as a table, or one line saying it is empty."""
    if not logged:
        say(tr("cli.imports_none"))
        return
    words = vocabulary(table_language())  # a table: Chinese unless --lang or DCMM_LANG says otherwise
    table = Table(title=words("cli.imports_title"), title_justify="left")
    table.add_column(words("cli.col_imported_at"), no_wrap=True)
    table.add_column(words("cli.col_import_file"), overflow="fold", min_width=16)
    table.add_column(words("cli.col_sha256"), overflow="fold")
    for key in ("cli.col_rows", "cli.col_accepted", "cli.col_rejected"):
        heading = words(key)
        table.add_column(heading, justify="right", min_width=len(heading), no_wrap=True)
    for entry in logged:
        at, name, sha256, _kind, rows, accepted, rejected = _import_cells(entry)
        table.add_row(at, name, sha256, str(rows), str(accepted), str(rejected))
    console.print(table)
