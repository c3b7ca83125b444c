"""``dcmm score``, ``dcmm template`` and ``dcmm schema``: answer files in, scores and blank files out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dcmm.cli.errors import EXIT_CRASH, EXIT_INPUT, EXIT_OK, report_failures, report_problems
from dcmm.cli.help import TranslatedCommand, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import (
    EDITION,
    LEVEL,
    OutputFile,
    format_option,
    jobs_option,
    lang_option,
    out_folder_option,
    output_options,
    path_type,
    refuse_output_without_file,
    scoring_options,
)
from dcmm.cli.printer import console, deliver, note
from dcmm.core.errors import Problem
from dcmm.i18n import Language

if TYPE_CHECKING:
    from dcmm.core.questionnaire import Questionnaire
    from dcmm.core.scoring import ScoringRules


def answer_file_schema() -> dict[str, Any]:
    """The JSON Schema of answer files, as shipped in the package."""
    from dcmm.files.schemas import schema_for

    return schema_for("answer-file")


@click.command("schema", cls=TranslatedCommand, help="cli.schema_help")
@output_options()
def schema(output: OutputFile) -> int:
    output.check()
    deliver(json.dumps(answer_file_schema(), ensure_ascii=False, indent=2) + "\n", output)
    return EXIT_OK


@click.command("template", cls=TranslatedCommand, help="cli.template_help")
@translated_option("--edition", type=EDITION, default=None, help="cli.opt_edition_in_force")
@translated_option("--name", help="cli.opt_name")
@translated_option("--target", type=LEVEL, default=3, show_default=True, metavar="1-5", help="cli.opt_target")
@output_options()
@translated_option("--quick-scan", is_flag=True, help="cli.opt_template_quick_scan")
@translated_option(
    "--format", type=click.Choice(("json", "xlsx")), default=None, help="cli.opt_template_format", metavar="json|xlsx"
)
@translated_option("--domain", "domains", multiple=True, metavar="ID", help="cli.opt_template_domain")
@translated_option("--respondent", help="cli.opt_template_respondent")
@translated_option("--plan", "plan_file", type=path_type(), metavar="PLAN.yaml", help="cli.opt_template_plan")
@lang_option("cli.opt_template_lang")
def template(
    edition: str | None,
    name: str | None,
    target: int,
    output: OutputFile,
    quick_scan: bool,
    format: str | None,
    domains: tuple[str, ...],
    respondent: str | None,
    plan_file: Path | None,
    lang: Language,
) -> int:
    from dcmm.core.answers import blank_answer_file
    from dcmm.core.quickscan import blank_quick_scan_file
    from dcmm.files import load_edition

    if format is None:
        xlsx = plan_file is not None or (output.path is not None and output.path.suffix.lower() == ".xlsx")
        format = "xlsx" if xlsx else "json"
    q = load_edition(edition or today_edition())
    if plan_file is not None:  # one workbook per respondent, into the folder -o names
        if domains or respondent or quick_scan or format == "json" or output.path is None:
            raise click.UsageError(tr("cli.template_plan_alone"))
        from dcmm.assessments import require_input
        from dcmm.cli.plan import plan_workbooks

        require_input(plan_file)
        return plan_workbooks(plan_file, q, output.path, output.force, lang, name or "", target)
    if format == "xlsx":
        return _workbook_template(q, name, target, output, quick_scan, domains, respondent, lang)
    if domains or respondent:
        raise click.UsageError(tr("cli.template_workbook_only", option="--domain" if domains else "--respondent"))
    output.check()
    blank = blank_quick_scan_file(q, name or "") if quick_scan else blank_answer_file(q, name or "")
    blank["target_level"] = target
    deliver(json.dumps(blank, ensure_ascii=False, indent=2) + "\n", output)
    if output.path is not None:
        what = (
            tr("cli.template_items", items=len(q.items))
            if quick_scan
            else tr("cli.template_criteria", n=len(q.criteria))
        )
        note(tr("cli.template_wrote", path=output.path, what=what, edition=q.id))
    return EXIT_OK


def _workbook_template(
    q: Questionnaire,
    name: str | None,
    target: int,
    output: OutputFile,
    quick_scan: bool,
    domains: tuple[str, ...],
    respondent: str | None,
    lang: Language,
) -> int:
    """``dcmm template --format xlsx``: the questionnaire as a workbook to fill in (see dcmm.files.answer_workbook)."""
    from dcmm.files.answer_workbook import WorkbookRequest, chosen_domains, write_answer_workbook

    if quick_scan:
        raise click.UsageError(tr("cli.template_workbook_no_quick_scan"))
    if output.path is None:
        raise click.UsageError(tr("cli.template_workbook_needs_output"))
    unknown = [d for d in domains if d not in q.domain_by_id]
    if unknown:
        known = ", ".join(f"{d.id} {d.name.get(lang)}" for d in q.domains)
        raise click.UsageError(tr("cli.template_unknown_domain", domain=unknown[0], edition=q.id, known=known))
    output.check()
    request = WorkbookRequest(q, lang, domains or None, respondent or "", None, name or "", target)
    write_answer_workbook(request, output.path)
    count = sum(len(item.criteria) for domain in chosen_domains(request) for item in domain.items)
    note(tr("cli.template_wrote", path=output.path, what=tr("cli.template_criteria", n=count), edition=q.id))
    return EXIT_OK


@click.command("score", cls=TranslatedCommand, help="cli.score_help")
@click.argument("inputs", nargs=-1, required=True, type=path_type(None), metavar="FILE|DIR...")
@format_option(("table", "json", "csv"))
@scoring_options
@lang_option()
@output_options("cli.opt_score_output")
@translated_option("--pdf", is_flag=True, help="cli.opt_score_pdf")
@translated_option("--html", is_flag=True, help="cli.opt_score_html")
@translated_option("--docx", is_flag=True, help="docx.opt_score_docx")
@translated_option("--brand", type=path_type(), metavar="BRAND.yaml", help="docx.opt_brand")
@translated_option("--evidence-root", type=path_type(), metavar="DIR", help="evidence.opt_evidence_root")
@out_folder_option()
@jobs_option
def score(
    inputs: tuple[str, ...],
    format: str,
    target: int | None,
    rules: ScoringRules,
    lang: Language,
    output: OutputFile,
    pdf: bool,
    html: bool,
    docx: bool,
    brand: Path | None,
    evidence_root: Path | None,
    out: Path,
    jobs: int,
) -> int:
    """Bad files are reported one line per problem and skipped; the others are still scored."""
    formats = [f for f, wanted in (("pdf", pdf), ("html", html), ("docx", docx)) if wanted]
    if formats:
        from dcmm.cli.report import write_batch_reports

        refuse_output_without_file(output, formats[0])  # reports go into --out, never -o
        return write_batch_reports(inputs, out, formats, jobs, rules, target, lang, brand, evidence_root)
    if brand is not None:
        raise click.UsageError(tr("docx.brand_needs_report"))
    if evidence_root is not None:
        raise click.UsageError(tr("evidence.evidence_root_needs_report"))
    if format == "table":
        refuse_output_without_file(output, format)
    from dcmm.assessments import assess_files, expand_inputs

    output.check(inputs=[p for p in expand_inputs(inputs) if isinstance(p, Path)])
    found = assess_files(inputs, rules, target)
    scored, estimated, problems = found.scored, found.estimated, found.problems
    if estimated and format == "csv":
        problems += [Problem(str(e.path), tr("cli.estimate_has_no_csv")) for e in estimated]
        estimated = []
    report_problems(problems)
    problems += report_failures(found.failures)
    if format == "json":
        from dcmm.score_output import estimate_record, to_json

        text = to_json(scored, problems)
        if estimated:  # quick-scan estimates go beside the results, never among them
            document = json.loads(text)
            document["estimates"] = [estimate_record(e) for e in estimated]
            text = json.dumps(document, ensure_ascii=False, indent=2)
        deliver(text + "\n", output)
    elif format == "csv":
        from dcmm.score_output import to_csv

        deliver(to_csv(scored), output)
    else:
        from dcmm.cli.tables import print_estimates, print_scores

        terminal = console()
        if scored:
            print_scores(scored, terminal, lang)
        if estimated:
            print_estimates(estimated, terminal, lang)
    if problems:
        note(tr("cli.score_summary", done=len(scored) + len(estimated), problems=len(problems)))
    return EXIT_CRASH if found.failures else EXIT_INPUT if problems else EXIT_OK


COMMANDS = (score, template, schema)


def today_edition() -> str:
    """The bundled edition in force today, for a new assessment that names none."""
    import datetime as dt

    from dcmm.core.editions.in_force import edition_in_force
    from dcmm.files import available_editions, load_edition

    editions = available_editions()
    return edition_in_force((load_edition(e).meta for e in editions), dt.date.today()) or editions[0]
