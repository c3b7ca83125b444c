"""``dcmm tracker review``: rows of notice lists held because their name did not tell their organisation;
and the import options those lists need (``--province``, ``--notice-date``, ``--column`` naming its fields)."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click

from dcmm.cli.errors import EXIT_OK
from dcmm.cli.help import CatalogueText, TranslatedGroup, TranslatedOption, translated_option
from dcmm.cli.language import help_text, table_language, tr
from dcmm.cli.options import ParamBase, db_option, format_option
from dcmm.cli.printer import console, say
from dcmm.i18n import vocabulary

if TYPE_CHECKING:
    from dcmm.tracker.records import ReviewEntry

REVIEW_COLUMNS = ("id", "source", "row", "name", "province", "credit_code", "level", "reason", "candidates", "status")


class FieldsText(CatalogueText):
    """A help text that names the fields a list's columns may be read as (from dcmm.tracker.headers)."""

    def __get__(self, instance: object, owner: type | None = None) -> str | None:
        template = help_text(getattr(instance, self.key_attribute, None))
        if template is None:
            return None
        from dcmm.tracker.headers import FIELDS, IGNORED

        return template.replace("{fields}", ", ".join((*FIELDS, IGNORED)))


class ColumnOption(TranslatedOption):
    """``--column HEADER=FIELD``, whose help lists the fields."""

    help = FieldsText()


def column_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--column", cls=ColumnOption, multiple=True, metavar="HEADER=FIELD", help="notices.opt_column")(
        command
    )


class ProvinceType(ParamBase):
    """A province by GB/T 2260 code or name."""

    name = "province"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from dcmm.core.identifiers import province_code

        try:
            return province_code(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


PROVINCE = ProvinceType()


def notice_list_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--province`` and ``--notice-date``: what a public notice list leaves out of its table."""
    from dcmm.cli.options import ISO_DATE

    command = translated_option("--notice-date", type=ISO_DATE, metavar="YYYY-MM-DD", help="notices.opt_notice_date")(
        command
    )
    return translated_option("--province", type=PROVINCE, metavar="PROVINCE", help="notices.opt_province")(command)


def _candidates(entry: ReviewEntry) -> str:
    return "; ".join(f"#{c.id} {c.name}" + (f" [{c.credit_code}]" if c.credit_code else "") for c in entry.candidates)


def _status(entry: ReviewEntry) -> str:
    if entry.resolution is None:
        return tr("notices.status_open")
    return tr(f"notices.status_{entry.resolution}", organisation=f"#{entry.organisation_id}")


def _cells(entry: ReviewEntry) -> tuple[object, ...]:
    return (
        entry.id, entry.source, entry.row, entry.name, entry.province, entry.credit_code or "", entry.level or "",
        entry.reason, _candidates(entry), _status(entry),
    )  # fmt: skip


def review_csv(entries: Sequence[ReviewEntry]) -> str:
    from dcmm.files.cells import spreadsheet_row

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REVIEW_COLUMNS)
    writer.writerows(spreadsheet_row(_cells(entry)) for entry in entries)
    return buffer.getvalue()


def review_json(entries: Sequence[ReviewEntry]) -> str:
    rows = [
        {
            "id": e.id,
            "source": e.source,
            "row": e.row,
            "name": e.name,
            "province": e.province,
            "credit_code": e.credit_code,
            "level": e.level,
            "reason": e.reason,
            "candidates": [
                {"id": c.id, "name": c.name, "credit_code": c.credit_code, "province": c.province} for c in e.candidates
            ],
            "held_at": e.held_at.isoformat() + "Z",
            "resolution": e.resolution,
            "organisation_id": e.organisation_id,
        }
        for e in entries
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def print_review(entries: Sequence[ReviewEntry]) -> None:
    if not entries:
        say(tr("notices.review_none"))
        return
    from rich.table import Table

    words = vocabulary(table_language())
    table = Table(title=words("notices.review_title"), title_justify="left")
    for column in REVIEW_COLUMNS:
        table.add_column(words(f"notices.col_{column}"), overflow="fold")
    for entry in entries:
        cells = list(_cells(entry))
        cells[7] = words(f"notices.reason_{entry.reason}")
        table.add_row(*(str(cell) for cell in cells))
    console(120).print(table)


@click.group("review", cls=TranslatedGroup, invoke_without_command=True, help="notices.review_help")
@translated_option("--all", "everything", is_flag=True, help="notices.opt_review_all")
@format_option(("table", "csv", "json"))
@db_option
@click.pass_context
def review(ctx: click.Context, everything: bool, format: str, db: str | None) -> int:
    if ctx.invoked_subcommand is not None:
        return EXIT_OK
    from dcmm.tracker.service import TrackerService

    with TrackerService.open(db, "read") as service:
        entries = service.review(everything)
    if format == "csv":
        sys.stdout.write(review_csv(entries))
    elif format == "json":
        sys.stdout.write(review_json(entries))
    else:
        print_review(entries)
    return EXIT_OK


@review.command("resolve", help="notices.review_resolve_help")
@click.argument("review_id", type=click.IntRange(1, 2**31 - 1), metavar="ID")
@translated_option(
    "--organisation", type=click.IntRange(1, 2**31 - 1), metavar="ID", help="notices.opt_review_organisation"
)
@translated_option("--new", is_flag=True, help="notices.opt_review_new")
@translated_option("--dismiss", is_flag=True, help="notices.opt_review_dismiss")
@db_option
def resolve(review_id: int, organisation: int | None, new: bool, dismiss: bool, db: str | None) -> int:
    from dcmm.cli.errors import EXIT_INPUT

    if (organisation is not None) + new + dismiss != 1:
        raise click.UsageError(tr("notices.resolve_choose_one"))
    from dcmm.tracker.service import TrackerService

    with TrackerService.open(db, "update") as service:
        done = service.resolve_review(review_id, organisation, dismiss)
    if done.resolution == "rejected":
        reasons = "; ".join(r.reason for r in done.outcome.rejected)
        say(tr("notices.resolve_rejected", id=review_id, reasons=reasons))
        return EXIT_INPUT
    status = tr(f"notices.status_{done.resolution}", organisation=f"#{done.organisation_id}")
    say(tr("notices.resolved", id=review_id, status=status))
    return EXIT_OK
