"""Assessment plans on disk: a YAML file saying which respondent answers which domains and items of an edition."""

from __future__ import annotations

from pathlib import Path

import yaml

from dcmm.core.errors import Problem, UserError
from dcmm.core.plan import Plan
from dcmm.core.questionnaire import Questionnaire
from dcmm.files.questionnaires import load_edition
from dcmm.files.writing import write_atomically
from dcmm.files.yaml_source import line_of, validate_yaml

_WHAT = "an assessment plan"


def read_plan(path: str | Path, questionnaire: Questionnaire | None = None) -> tuple[Plan, Questionnaire]:
    """The plan in ``path`` and its edition's questionnaire; UserError naming file, line and field of every problem
    (YAML, unknown keys, a respondent named twice or assigned nothing, domains and items the edition lacks)."""
    problems: list[Problem] = []
    plan, _, node = validate_yaml(Path(path), Plan, problems, _WHAT)
    if plan is None or problems:  # a key given twice is refused too, never the last one silently winning
        raise UserError(problems)
    file = str(path)
    if questionnaire is None or questionnaire.id != plan.edition:
        try:
            questionnaire = load_edition(plan.edition)
        except UserError as exc:
            raise UserError([Problem(file, exc.problems[0].message, line_of(node, ("edition",)), "edition")]) from None
    unknown = [
        Problem(file, f"unknown {kind} id {value!r} for {questionnaire.id}", line_of(node, where), field)
        for where, field, kind, value in _ids(plan, questionnaire)
    ]
    if unknown:
        raise UserError(unknown)
    return plan, questionnaire


def _ids(plan: Plan, questionnaire: Questionnaire) -> list[tuple[tuple[str | int, ...], str, str, str]]:
    domain_ids = {domain.id for domain in questionnaire.domains}
    found: list[tuple[tuple[str | int, ...], str, str, str]] = []
    for index, assignment in enumerate(plan.respondents):
        for n, domain in enumerate(assignment.domains):
            if domain not in domain_ids:
                found.append(
                    (("respondents", index, "domains", n), f"respondents[{index}].domains[{n}]", "domain", domain)
                )
        for n, item in enumerate(assignment.items):
            if item not in questionnaire.item_by_id:
                found.append((("respondents", index, "items", n), f"respondents[{index}].items[{n}]", "item", item))
    return found


def plan_yaml(plan: Plan) -> str:
    """A plan as the YAML text ``dcmm plan new`` writes (and :func:`read_plan` reads)."""
    data = plan.model_dump(mode="json", exclude_defaults=True)
    data = {"edition": plan.edition, **data}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)


def write_plan(plan: Plan, path: Path) -> None:
    write_atomically(path, plan_yaml(plan).encode("utf-8"))
