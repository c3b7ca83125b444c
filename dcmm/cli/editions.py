"""``dcmm migrate``, ``dcmm merge`` and ``dcmm quick-scan show|ask``: answer files across editions and respondents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dcmm.cli.errors import EXIT_INPUT, EXIT_OK, report_problems
from dcmm.cli.help import TranslatedCommand, TranslatedGroup, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import (
    OutputFile,
    format_option,
    lang_option,
    output_options,
    path_type,
    rules_option,
    scoring_rules,
)
from dcmm.cli.printer import console, note, print_json
from dcmm.i18n import Language, text

if TYPE_CHECKING:
    from dcmm.core.answers import AnswerFile
    from dcmm.core.questionnaire import Questionnaire

QUICK_SCAN_EDITION = "gbt36073-2025"
QUICK_SCAN_REPLIES = {"", "q", "1", "2", "3", "4", "5"}


def write_answer_file(answers: AnswerFile, output: OutputFile, questionnaire: Questionnaire) -> None:
    """Write an answer file atomically, then read it back through the loader: only valid files are left."""
    from dcmm.files import read_answer_file
    from dcmm.files.editions import answer_file_text

    output.write(answer_file_text(answers))
    assert output.path is not None
    read_answer_file(output.path, questionnaire)


@click.command("migrate", cls=TranslatedCommand, help="cli.migrate_help")
@click.argument("file", type=path_type(), metavar="FILE")
@translated_option("--to", "target_edition", required=True, metavar="EDITION", help="cli.opt_migrate_to")
@output_options("cli.opt_migrate_output")
@translated_option("--crosswalk", type=path_type(), metavar="YAML", help="cli.opt_crosswalk")
@translated_option("--score", "score_both", is_flag=True, help="cli.opt_migrate_score")
@rules_option("cli.opt_migrate_rules")
@format_option(("table", "json"))
@lang_option("cli.opt_migrate_lang")
def migrate(
    file: Path,
    target_edition: str,
    output: OutputFile,
    crosswalk: Path | None,
    score_both: bool,
    rules: str,
    format: str,
    lang: Language,
) -> int:
    from dcmm.assessments import require_input
    from dcmm.cli.tables_editions import print_edition_comparison, print_migration
    from dcmm.files.editions import default_migration_output, migrate_file, score_both_editions

    require_input(file)
    run = migrate_file(file, target_edition, crosswalk, lang)
    if output.path is None:
        output = OutputFile(default_migration_output(run.source_path, run.source.id, run.target.id), output.force)
    assert output.path is not None
    output.check(inputs=[run.source_path])
    write_answer_file(run.migration.answer_file, output, run.target)
    both = score_both_editions(run, scoring_rules(rules)) if score_both else None
    if format == "json":
        document: dict[str, Any] = {"output": str(output.path), **run.migration.summary()}
        if both is not None:
            document["comparison"] = both.comparison.model_dump(mode="json")
        print_json(document)
    else:
        print_migration(run, output.path, console(), lang)
        if both is not None:
            print_edition_comparison(run, both, console(), lang)
    note(tr("cli.migrate_wrote", path=output.path))
    return EXIT_OK


@click.command("merge", cls=TranslatedCommand, help="cli.merge_help")
@click.argument("inputs", nargs=-1, required=True, type=path_type(), metavar="FILE...")
@translated_option(
    "--rule", type=click.Choice(("min", "mean", "median")), default="min", show_default=True, help="cli.opt_merge_rule"
)
@translated_option("--plan", type=path_type(), metavar="PLAN.yaml", help="cli.opt_merge_plan")
@output_options("cli.opt_merge_output", required=True)
@format_option(("table", "json"), help_key="cli.opt_merge_format")
@lang_option()
def merge(
    inputs: tuple[Path, ...], rule: str, plan: Path | None, output: OutputFile, format: str, lang: Language
) -> int:
    from dcmm.assessments import require_input
    from dcmm.cli.tables_editions import print_conflicts, print_coverage
    from dcmm.files import load_edition
    from dcmm.files.editions import merge_files

    for given in inputs:
        require_input(given)
    if plan is not None:
        require_input(plan)
    output.check(inputs=(*inputs, *([plan] if plan else [])))
    outcome = merge_files(inputs, rule, plan)  # type: ignore[arg-type]
    write_answer_file(outcome.answer_file, output, load_edition(outcome.answer_file.edition))
    if format == "json":
        print_json({"output": str(output.path), **outcome.conflict_report()})
    else:
        print_conflicts(outcome, console(), lang)
        if outcome.coverage is not None:
            print_coverage(outcome.coverage, console(), lang)
    note(tr("cli.merge_wrote", path=output.path, respondents=len(outcome.respondents), rule=rule))
    return EXIT_OK


@click.group("quick-scan", cls=TranslatedGroup, help="cli.quick_scan_help")
def quick_scan() -> None:
    pass


@quick_scan.command("show", help="cli.quick_scan_show_help")
@click.argument("edition", default=QUICK_SCAN_EDITION, required=False, metavar="[ID]")
@lang_option()
def show(edition: str, lang: Language) -> int:
    from dcmm.cli.tables import print_questions
    from dcmm.files import load_questionnaire

    print_questions(load_questionnaire(edition), console(), lang)
    return EXIT_OK


@quick_scan.command("ask", help="cli.quick_scan_ask_help")
@click.argument("edition", default=QUICK_SCAN_EDITION, required=False, metavar="[ID]")
@output_options("cli.opt_quick_scan_output", required=True)
@translated_option("--name", help="cli.opt_quick_scan_name")
@lang_option()
def ask(edition: str, output: OutputFile, name: str | None, lang: Language) -> int:
    """Ask the quick-scan questions on the terminal, write the file and show the estimate."""
    import datetime as dt

    from dcmm.assessments import EstimatedFile
    from dcmm.cli.tables import print_estimates
    from dcmm.core.answers import AnswerFile, Organisation
    from dcmm.core.quickscan import estimate_quick_scan, quick_scan_questions
    from dcmm.files import load_edition

    q = load_edition(edition)
    output.check()
    terminal = console()
    read: list[str] = []  # every line standard input gave

    def reply_to(prompt: str) -> str | None:
        terminal.print(prompt, end="")
        line = sys.stdin.readline()
        read.append(line)
        return None if not line else line.strip()

    while not name:
        name = reply_to(text("cli.ask_organisation", lang))
        if name is None:
            return _input_ended("cli.ask_no_name")
    terminal.print(text("cli.ask_instructions", lang))
    chosen: dict[str, int | None] = {item.id: None for item in q.items}
    questions = quick_scan_questions(q)
    for number, question in enumerate(questions, start=1):
        terminal.print(f"\n[bold]({number}/{len(questions)}) {question.item_id} {question.name.get(lang)}[/]")
        for level, statement in enumerate(question.statements, start=1):
            terminal.print(f"  {level}. {statement.get(lang)}")
        reply = reply_to("> ")
        while reply is not None and reply not in QUICK_SCAN_REPLIES:
            reply = reply_to(text("cli.ask_again", lang))
        if reply is None and not any(
            read
        ):  # standard input gave nothing at all (--name, and /dev/null or a closed pipe)
            return _input_ended("cli.ask_no_answers")
        if reply is None or reply == "q":
            break
        chosen[question.item_id] = int(reply) if reply else None
    answers = AnswerFile(
        edition=q.id, organisation=Organisation(name=name), assessed_on=dt.date.today(), quick_scan=chosen
    )
    write_answer_file(answers, output, q)
    assert output.path is not None
    print_estimates([EstimatedFile(output.path, answers, q, estimate_quick_scan(q, answers))], terminal, lang)
    note(tr("cli.wrote", path=output.path))
    return EXIT_OK


def _input_ended(key: str) -> int:
    """Standard input ended before anything was answered: say so (and how to pipe answers), write nothing."""
    from dcmm.files import Problem

    report_problems([Problem(tr("cli.standard_input"), tr(key))])
    if not sys.stdin.isatty():
        note(tr("cli.ask_piped_hint"))
    return EXIT_INPUT


COMMANDS = (migrate, merge, quick_scan)
