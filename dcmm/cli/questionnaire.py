"""``dcmm questionnaire list|show|validate|export``: the bundled editions and questionnaire files."""

from __future__ import annotations

import click

from dcmm.cli.errors import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, report_problems
from dcmm.cli.help import TranslatedGroup, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import OutputFile, format_option, lang_option, output_options, path_type
from dcmm.cli.printer import deliver, print_json, say
from dcmm.i18n import Language


@click.group("questionnaire", cls=TranslatedGroup, help="cli.questionnaire_help")
def questionnaire() -> None:
    pass


@questionnaire.command("list", help="cli.questionnaire_list_help")
@format_option(("table", "json"))
def list_editions(format: str) -> int:
    from dcmm.files import available_editions, load_edition

    rows = []
    for edition_id in available_editions():
        q = load_edition(edition_id)
        rows.append(
            {
                "id": q.id,
                "standard": q.meta.standard,
                "data_version": q.meta.data_version,
                "in_force": q.meta.in_force.isoformat(),
                "domains": len(q.domains),
                "items": len(q.items),
                "criteria": len(q.criteria),
                "provisional": bool(q.meta.provisional),
            }
        )
    if format == "json":
        print_json(rows)
        return EXIT_OK
    for row in rows:
        note = tr("cli.edition_provisional") if row["provisional"] else ""
        say(tr("cli.edition_line", **row, note=note))
    return EXIT_OK


@questionnaire.command("show", help="cli.questionnaire_show_help")
@click.argument("edition", metavar="ID")
@translated_option("--item", help="cli.opt_item")
@lang_option()
def show(edition: str, item: str | None, lang: Language) -> int:
    from dcmm.files import Problem, load_questionnaire

    q = load_questionnaire(edition)
    if item is None:
        say(f"{q.meta.title.get(lang)}  [{q.id}, data {q.meta.data_version}]")
        say(q.meta.provenance.get(lang))
        for domain in q.domains:
            say(f"\n{domain.id} {domain.name.get(lang)}")
            for entry in domain.items:
                say(f"  {entry.id:<6} {entry.name.get(lang)}  ({len(entry.criteria)})")
        return EXIT_OK
    found = q.item_by_id.get(item)
    if found is None:
        report_problems([Problem(edition, tr("cli.no_such_item", item=repr(item), items=", ".join(q.item_by_id)))])
        return EXIT_INPUT
    say(f"{found.id} {found.name.get(lang)}")
    say(f"  {found.description.get(lang)}")
    for level in found.levels:
        name = q.level_definition(level.level).name.get(lang)
        say(f"\n  L{level.level} {name}: {level.summary.get(lang)}")
        for criterion in level.criteria:
            say(f"    {criterion.id:<10} {criterion.text.get(lang)}")
            for hint in criterion.evidence:
                say(f"    {'':<10}   ↳ {hint.get(lang)}")
    return EXIT_OK


@questionnaire.command("validate", help="cli.questionnaire_validate_help")
@click.argument("path", required=False, type=path_type(None), metavar="[PATH]")
def validate(path: str | None) -> int:
    """Every target is checked; a broken one is reported and the rest still validated."""
    from dcmm.files import UserError, available_editions, load_questionnaire

    failed = False
    for target in [path] if path else available_editions():
        try:
            q = load_questionnaire(target)
        except UserError as exc:
            report_problems(exc.problems)
            failed = True
            continue
        say(tr("cli.questionnaire_ok", id=q.id, domains=len(q.domains), items=len(q.items), criteria=len(q.criteria)))
    return EXIT_INPUT if failed else EXIT_OK


@questionnaire.command("lint", help="cli.questionnaire_lint_help")
@click.argument("path", required=False, type=path_type(None), metavar="[PATH]")
@format_option(("text", "json"))
def lint(path: str | None, format: str) -> int:
    """Content checks on every bundled edition (or one): exit 4 when anything is found."""
    from dcmm.core.lint import lint as content_findings
    from dcmm.files import available_editions, load_questionnaire

    found = {}
    for target in [path] if path else available_editions():
        q = load_questionnaire(target)
        found[q.id] = content_findings(q)
    if format == "json":
        print_json({edition: [vars(f) for f in findings] for edition, findings in found.items()})
    else:
        for edition, findings in found.items():
            for finding in findings:
                say(f"{edition} {finding.where:<10} {finding.code:<13} {finding.message}")
            say(tr("cli.questionnaire_lint_count", id=edition, count=len(findings)))
    return EXIT_FINDINGS if any(found.values()) else EXIT_OK


@questionnaire.command("export", help="cli.questionnaire_export_help")
@click.argument("edition", default=None, required=False, metavar="[ID]")
@format_option(("json",))
@output_options()
def export(edition: str, format: str, output: OutputFile) -> int:
    from dcmm.cli.score import today_edition
    from dcmm.files import load_questionnaire

    q = load_questionnaire(edition or today_edition())
    output.check()
    deliver(q.model_dump_json(indent=2) + "\n", output)
    return EXIT_OK


COMMANDS = (questionnaire,)
