"""Content versions of an edition: what became of each criterion id from one version to the next.

A criterion whose meaning changes gets a new id, so an answer given to the old id cannot silently count
for the new requirement. An id map says, for each criterion of the older version, whether it is kept,
changed (its answer is carried to the new ids and marked for review) or removed. Answer files of an older
version load through the chain of maps up to the edition's current version.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, model_validator

from dcmm.core.answers import Answer, AnswerFile
from dcmm.core.base import StrictModel
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.text import LocalizedText

VERSION_PATTERN = r"^\d+\.\d+\.\d+$"


class IdChange(StrictModel):
    """What became of one criterion id of the older version."""

    id: str
    status: Literal["kept", "changed", "removed"]
    to: list[str] = []
    why: LocalizedText | None = None

    @model_validator(mode="after")
    def _shape(self) -> IdChange:
        if self.status == "changed" and not self.to:
            raise ValueError(f"{self.id} is changed but names no new id (to)")
        if self.status != "changed" and self.to:
            raise ValueError(f"{self.id} is {self.status}, so it takes no new ids (to)")
        if self.status != "kept" and self.why is None:
            raise ValueError(f"{self.id} is {self.status} and needs a reason (why)")
        return self


class IdMap(StrictModel):
    """The changes from one content version of an edition to the next."""

    edition: str
    from_version: str = Field(alias="from", pattern=VERSION_PATTERN)
    to_version: str = Field(alias="to", pattern=VERSION_PATTERN)
    changes: list[IdChange] = Field(min_length=1)

    model_config = StrictModel.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _once_each(self) -> IdMap:
        ids = [change.id for change in self.changes]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"ids listed twice: {', '.join(twice)}")
        return self

    def problems_with(self, questionnaire: Questionnaire) -> list[str]:
        """Ids that do not fit the version the map leads to (for the loader and the tests)."""
        current = questionnaire.criteria
        found = []
        for change in self.changes:
            if change.status == "kept" and change.id not in current:
                found.append(f"{change.id} is kept but not in {self.edition} {self.to_version}")
            if change.status != "kept" and change.id in current:
                found.append(f"{change.id} is {change.status} but still used in {self.to_version}")
            found += [
                f"{change.id} is changed to {new}, unknown in {self.to_version}"
                for new in change.to
                if new not in current
            ]
        return found


@dataclass
class Carried:
    """What loading an older answer file through the id maps did."""

    from_version: str
    to_version: str
    review: dict[str, list[str]] = field(default_factory=dict)  # old id -> new ids, answer carried, to review
    removed: list[str] = field(default_factory=list)  # old ids answered, whose criterion no longer exists

    @property
    def changed_anything(self) -> bool:
        return bool(self.review or self.removed)


def _carry_one(answers: dict[str, Answer], idmap: IdMap, carried: Carried) -> dict[str, Answer]:
    by_id = {change.id: change for change in idmap.changes}
    result: dict[str, Answer] = {}
    moved: list[tuple[str, str, Answer]] = []
    for criterion_id, answer in answers.items():
        change = by_id.get(criterion_id)
        if change is None or change.status == "kept":
            result[criterion_id] = answer
        elif change.status == "removed":
            if answer.grade is not None:
                carried.removed.append(criterion_id)
        else:
            if answer.grade is not None:
                carried.review[criterion_id] = list(change.to)
            moved += [(criterion_id, new, answer) for new in change.to]
    for old, new, answer in moved:
        if new in result and result[new].grade is not None:
            continue
        if answer.grade is None:
            result.setdefault(new, answer)
            continue
        note = f"{answer.note}\n" if answer.note else ""
        result[new] = answer.model_copy(
            update={
                "marked_for_review": True,
                "note": f"{note}[{old} → {new}, {idmap.from_version} → {idmap.to_version}]",
            }
        )
    return result


def carry_forward(answer_file: AnswerFile, maps: list[IdMap], current: str) -> tuple[AnswerFile, Carried | None]:
    """An answer file moved to the content version ``current`` along ``maps`` (the edition's id maps).

    A file that records no content version was written before versions were recorded: it is read as the
    oldest version the maps start from. Returns the file unchanged and None when nothing needs carrying.
    """
    start = answer_file.content_version or (min((m.from_version for m in maps), key=_key) if maps else current)
    if start == current:
        return answer_file, None
    step = {m.from_version: m for m in maps}
    carried = Carried(start, current)
    answers = answer_file.answers
    version = start
    while version != current:
        idmap = step.get(version)
        if idmap is None:
            raise ValueError(f"no id map leads from content version {version} of {answer_file.edition} to {current}")
        answers = _carry_one(answers, idmap, carried)
        version = idmap.to_version
    update = {"answers": answers, "content_version": current}
    if answer_file.format_version < "1.3":
        update["format_version"] = "1.3"
    return answer_file.model_copy(update=update), carried


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))
