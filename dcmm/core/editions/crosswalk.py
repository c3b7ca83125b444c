"""The crosswalk between two editions: which items and criteria of the older one live on in the newer one."""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from dcmm.core.base import StrictModel
from dcmm.core.questionnaire import Questionnaire
from dcmm.core.text import LocalizedText

Location = tuple[str | int, ...]  # a field's path inside a document, as pydantic reports it


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


IdList = Annotated[list[str], BeforeValidator(_as_list, json_schema_input_type=str | list[str])]


class ItemMapping(StrictModel):
    """Where an item of the older edition went: one or more items of the newer one, or none."""

    source: str = Field(alias="from")
    target: IdList = Field(alias="to", description="empty when the item has no successor")
    note: LocalizedText | None = None


class CriterionMapping(StrictModel):
    """A criterion of the older edition and the criteria of the newer one that ask the same thing."""

    source: str = Field(alias="from")
    target: IdList = Field(alias="to", min_length=1)
    note: LocalizedText | None = Field(default=None, description="set when the match is not exact")


class NotCarried(StrictModel):
    """A criterion of the older edition deliberately left behind, and why."""

    source: str = Field(alias="from")
    note: LocalizedText


class Crosswalk(StrictModel):
    """The contents of a crosswalk file: item map, criterion map and the criteria left behind on purpose."""

    source_edition: str = Field(alias="from", pattern=r"^[a-z0-9-]+$")
    target_edition: str = Field(alias="to", pattern=r"^[a-z0-9-]+$")
    data_version: str
    provenance: LocalizedText
    items: list[ItemMapping] = Field(min_length=1)
    criteria: list[CriterionMapping] = []
    not_carried: list[NotCarried] = []

    @cached_property
    def item_targets(self) -> dict[str, list[str]]:
        return {m.source: m.target for m in self.items}

    @cached_property
    def criterion_mapping(self) -> dict[str, CriterionMapping]:
        return {m.source: m for m in self.criteria}

    @cached_property
    def not_carried_notes(self) -> dict[str, LocalizedText]:
        return {m.source: m.note for m in self.not_carried}

    def domain_sources(self, target_domain: str) -> list[str]:
        """Domains of the older edition that have an item mapped into ``target_domain``, in clause order."""
        found = {m.source.split(".")[0] for m in self.items for t in m.target if t.split(".")[0] == target_domain}
        return sorted(found, key=int)


def _duplicates(crosswalk: Crosswalk) -> list[tuple[Location, str]]:
    problems: list[tuple[Location, str]] = []
    item_seen: set[str] = set()
    for index, item_map in enumerate(crosswalk.items):
        if item_map.source in item_seen:
            problems.append((("items", index, "from"), f"item {item_map.source} has a second entry"))
        item_seen.add(item_map.source)
    criterion_seen: set[str] = set()
    entries: list[tuple[str, int, str]] = [("criteria", i, m.source) for i, m in enumerate(crosswalk.criteria)]
    entries += [("not_carried", i, m.source) for i, m in enumerate(crosswalk.not_carried)]
    for section, index, source_id in entries:
        if source_id in criterion_seen:
            problems.append(((section, index, "from"), f"criterion {source_id} has a second entry"))
        criterion_seen.add(source_id)
    return problems


def crosswalk_problems(
    crosswalk: Crosswalk, source: Questionnaire, target: Questionnaire
) -> list[tuple[Location, str]]:
    """Problems that need both editions to see; (field path, message) pairs, empty when all ids fit."""
    problems = _duplicates(crosswalk)
    if crosswalk.source_edition != source.id:
        problems.append((("from",), f"edition {crosswalk.source_edition!r} is not {source.id!r}"))
    if crosswalk.target_edition != target.id:
        problems.append((("to",), f"edition {crosswalk.target_edition!r} is not {target.id!r}"))
    if problems:
        return problems
    for index, item_map in enumerate(crosswalk.items):
        if item_map.source not in source.item_by_id:
            problems.append((("items", index, "from"), f"no item {item_map.source} in {source.id}"))
        for t_index, target_id in enumerate(item_map.target):
            if target_id not in target.item_by_id:
                problems.append((("items", index, "to", t_index), f"no item {target_id} in {target.id}"))
    missing = [item.id for item in source.items if item.id not in crosswalk.item_targets]
    if missing:
        problems.append(
            (("items",), f"every item of {source.id} needs an entry (to: [] if none); missing: {', '.join(missing)}")
        )
    for index, mapping in enumerate(crosswalk.criteria):
        if mapping.source not in source.criteria:
            problems.append((("criteria", index, "from"), f"no criterion {mapping.source} in {source.id}"))
            continue
        allowed = crosswalk.item_targets.get(mapping.source.rsplit(".", 2)[0], [])
        for t_index, target_id in enumerate(mapping.target):
            loc: Location = ("criteria", index, "to", t_index)
            if target_id not in target.criteria:
                problems.append((loc, f"no criterion {target_id} in {target.id}"))
            elif target_id.rsplit(".", 2)[0] not in allowed:
                problems.append(
                    (
                        loc,
                        f"{target_id} is in item {target_id.rsplit('.', 2)[0]}, but the item map sends "
                        f"{mapping.source.rsplit('.', 2)[0]} to {', '.join(allowed) or 'nothing'}",
                    )
                )
    for index, left in enumerate(crosswalk.not_carried):
        if left.source not in source.criteria:
            problems.append((("not_carried", index, "from"), f"no criterion {left.source} in {source.id}"))
    return problems


def crosswalk_file_name(source_edition: str, target_edition: str) -> str:
    """The file name under which the crosswalk between two editions is kept."""
    return f"{source_edition}--{target_edition}.yaml"
