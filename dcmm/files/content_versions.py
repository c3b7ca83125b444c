"""Reading an edition's id maps (``questionnaires/<edition>/changes/*.yaml``) and carrying old answers forward."""

from __future__ import annotations

from functools import cache

from pydantic import ValidationError

from dcmm.core.answers import AnswerFile
from dcmm.core.content_versions import Carried, IdMap, carry_forward
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Questionnaire
from dcmm.files.problems import warn
from dcmm.files.questionnaires import load_edition
from dcmm.files.resources import data_dir
from dcmm.files.yaml_source import read_yaml, validation_problems

CHANGES_FOLDER = "changes"


@cache
def id_maps(edition_id: str) -> tuple[IdMap, ...]:
    """The bundled id maps of an edition, checked against its current content (cached)."""
    folder = data_dir("questionnaires") / edition_id / CHANGES_FOLDER
    if not folder.is_dir():
        return ()
    maps = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data, node = read_yaml(entry, "an id map")
        try:
            idmap = IdMap.model_validate(data)
        except ValidationError as exc:
            raise UserError(validation_problems(str(entry), node, exc)) from None
        maps.append(idmap)
    questionnaire = load_edition(edition_id)
    last = [m for m in maps if m.to_version == questionnaire.meta.data_version]
    problems = [p for m in last for p in m.problems_with(questionnaire)]
    if problems:
        raise UserError([Problem(str(folder), message) for message in problems])
    return tuple(maps)


def carried_forward(answers: AnswerFile, questionnaire: Questionnaire, file: str) -> tuple[AnswerFile, Carried | None]:
    """``answers`` moved to the questionnaire's content version; says on stderr what had to be reviewed."""
    if answers.edition != questionnaire.id or answers.content_version == questionnaire.meta.data_version:
        return answers, None
    maps = list(id_maps(questionnaire.id)) if _bundled(questionnaire) else []
    try:
        moved, carried = carry_forward(answers, maps, questionnaire.meta.data_version)
    except ValueError as exc:
        raise UserError([Problem(file, str(exc), None, "content_version")]) from None
    if carried is not None and carried.changed_anything:
        review = [f"{old} → {'/'.join(new)}" for old, new in carried.review.items()]
        parts = [f"answered against content {carried.from_version}, read as {carried.to_version}"]
        if review:
            parts.append(f"{len(review)} answers carried to changed criteria and marked for review ({_some(review)})")
        if carried.removed:
            parts.append(
                f"{len(carried.removed)} answers to criteria no longer asked dropped ({_some(carried.removed)})"
            )
        warn(Problem(file, "; ".join(parts), None, "content_version"))
    return moved, carried


def _bundled(questionnaire: Questionnaire) -> bool:
    try:
        return load_edition(questionnaire.id) is questionnaire
    except UserError:
        return False


def _some(ids: list[str], shown: int = 8) -> str:
    more = f", … {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(ids[:shown]) + more
