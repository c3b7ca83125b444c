"""``dcmm plan new|show``: who answers which domains and items of an assessment, and the workbooks it sends out."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import click

from dcmm.cli.errors import EXIT_OK
from dcmm.cli.help import TranslatedGroup, translated_option
from dcmm.cli.language import tr
from dcmm.cli.options import EDITION, OutputFile, lang_option, output_options, path_type
from dcmm.cli.printer import console, note
from dcmm.i18n import Language, vocabulary

if TYPE_CHECKING:
    from dcmm.core.questionnaire import Questionnaire


@click.group("plan", cls=TranslatedGroup, help="cli.plan_help")
def plan() -> None:
    pass


@plan.command("new", help="cli.plan_new_help")
@translated_option("--edition", type=EDITION, default="gbt36073-2025", show_default=True, help="cli.opt_edition")
@translated_option("--respondent", "respondents", multiple=True, metavar="NAME=IDS", help="cli.opt_plan_respondent")
@output_options("cli.opt_plan_output", required=True)
@lang_option()
def new(edition: str, respondents: tuple[str, ...], output: OutputFile, lang: Language) -> int:
    from dcmm.core.errors import Problem, UserError
    from dcmm.core.plan import Assignment, Plan
    from dcmm.files import load_edition
    from dcmm.files.plan import plan_yaml, read_plan

    q = load_edition(edition)
    output.check()
    if respondents:
        assignments = [_assignment(given, q) for given in respondents]
    else:  # a starting point: one respondent per domain, to be renamed
        assignments = [Assignment(respondent=d.name.get(lang), domains=[d.id]) for d in q.domains]
    try:
        new_plan = Plan(edition=q.id, respondents=assignments)
    except ValueError as exc:
        raise UserError([Problem("--respondent", str(exc).splitlines()[-1])]) from None
    output.write(plan_yaml(new_plan))
    assert output.path is not None
    read_plan(output.path, q)  # only a plan that reads back is left behind
    note(tr("cli.plan_wrote", path=output.path, respondents=len(assignments), edition=q.id))
    return EXIT_OK


def _assignment(given: str, q: Questionnaire):  # type: ignore[no-untyped-def]
    """``信息安全部=10,8.2``: a respondent and the domains (6) and items (8.2) it answers."""
    from dcmm.core.errors import Problem, UserError
    from dcmm.core.plan import Assignment

    name, _, ids = given.partition("=")
    wanted = [part for part in re.split(r"[,，;；\s]+", ids) if part]
    if not name.strip() or not wanted:
        raise UserError([Problem("--respondent", tr("cli.plan_bad_respondent", given=given))])
    unknown = [i for i in wanted if i not in q.domain_by_id and i not in q.item_by_id]
    if unknown:
        raise UserError([Problem("--respondent", tr("cli.plan_unknown_id", id=unknown[0], edition=q.id))])
    return Assignment(
        respondent=name.strip(),
        domains=[i for i in wanted if i in q.domain_by_id],
        items=[i for i in wanted if i not in q.domain_by_id],
    )


@plan.command("show", help="cli.plan_show_help")
@click.argument("file", type=path_type(), metavar="PLAN.yaml")
@lang_option()
def show(file: Path, lang: Language) -> int:
    from dcmm.assessments import require_input
    from dcmm.cli.tables import titled_table
    from dcmm.files.plan import read_plan

    require_input(file)
    assessment_plan, q = read_plan(file)
    t = vocabulary(lang)
    table = titled_table(
        t("cli.plan_title", edition=q.id, respondents=len(assessment_plan.respondents)),
        [(t("cli.col_respondent"), "left"), (t("cli.col_plan_parts"), "left"), (t("cli.col_assigned"), "right")],
    )
    assigned: dict[str, list[str]] = {}
    for a in assessment_plan.respondents:
        criteria = assessment_plan.criteria_for(a.respondent, q)
        for criterion in criteria:
            assigned.setdefault(criterion, []).append(a.respondent)
        parts = [*(f"{d} {q.domain_by_id[d].name.get(lang)}" for d in a.domains), *a.items]
        table.add_row(a.respondent + (f" ({a.contact})" if a.contact else ""), "; ".join(parts), str(len(criteria)))
    console().print(table)
    nobody = [c for c in q.criteria if c not in assigned]
    twice = [c for c, names in assigned.items() if len(names) > 1]
    console().print(t("cli.plan_unassigned", count=len(nobody), first=_first(nobody)) if nobody else t("cli.plan_all"))
    if twice:
        console().print(t("cli.plan_twice", count=len(twice), first=_first(twice)))
    return EXIT_OK


def _first(ids: list[str], shown: int = 8) -> str:
    return ", ".join(ids[:shown]) + (" …" if len(ids) > shown else "")


def plan_workbooks(
    plan_file: Path, q: Questionnaire, folder: Path, force: bool, lang: Language, name: str, target: int
) -> int:
    """``dcmm template --format xlsx --plan PLAN -o FOLDER``: one workbook per respondent, each with its part."""
    from dcmm.core.errors import Problem, UserError
    from dcmm.files.answer_workbook import WorkbookRequest, write_answer_workbook
    from dcmm.files.plan import read_plan

    assessment_plan, q = read_plan(plan_file, q)
    if folder.suffix.lower() == ".xlsx" or (folder.exists() and not folder.is_dir()):
        raise UserError([Problem(str(folder), tr("cli.plan_output_folder"))])
    outputs = [(a, OutputFile(folder / workbook_name(a.respondent), force)) for a in assessment_plan.respondents]
    for _, output in outputs:  # every output is checked before the first is written
        output.check(inputs=[plan_file])
    folder.mkdir(parents=True, exist_ok=True)
    for a, output in outputs:
        assert output.path is not None
        request = WorkbookRequest(q, lang, a.domains, a.respondent, None, name, target, items=a.items)
        write_answer_workbook(request, output.path)
        count = len(assessment_plan.criteria_for(a.respondent, q))
        note(tr("cli.template_wrote", path=output.path, what=tr("cli.template_criteria", n=count), edition=q.id))
    return EXIT_OK


def workbook_name(respondent: str) -> str:
    """A respondent's workbook file name: its name with the characters file systems refuse replaced."""
    return (re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", respondent).strip(". ") or "respondent") + ".xlsx"


COMMANDS = (plan,)
