"""Two assessments of one organisation against two editions, compared through the crosswalk between them.

The older answers are carried into the newer edition as ``dcmm migrate`` carries them and scored under
it, so both sides are measured by one questionnaire; what has no counterpart is named, never scored as 0.
"""

from __future__ import annotations

from dcmm.assessments import ScoredFile
from dcmm.core.editions.crosswalk import Crosswalk
from dcmm.core.editions.migrate import migrate_answers
from dcmm.core.errors import Problem, UserError
from dcmm.core.scoring import score_assessment
from dcmm.core.text import Language
from dcmm.files.crosswalk import find_crosswalk, load_crosswalk
from dcmm.report.comparison import same_edition_context, snapshot
from dcmm.report.models import Comparison, EditionBridge, NamedPart
from dcmm.report.names import Namer


def crosswalk_between(old: ScoredFile, new: ScoredFile) -> Crosswalk:
    """The bundled crosswalk from OLD's edition to NEW's; a UserError located at NEW's edition when there is none."""
    try:
        found = find_crosswalk(old.questionnaire.id, new.questionnaire.id)
    except UserError as exc:
        reason = f"cannot compare across editions: {exc.problems[0].message}"
        raise UserError([Problem(str(new.path), reason, field="edition")]) from None
    return load_crosswalk(found, old.questionnaire, new.questionnaire)


def compare_across_editions(old: ScoredFile, new: ScoredFile, language: Language = "zh") -> Comparison:
    """What changed from an assessment against an older edition to one against a newer edition."""
    crosswalk = crosswalk_between(old, new)
    source, target = old.questionnaire, new.questionnaire
    migration = migrate_answers(old.answers, source, target, crosswalk, language)
    carried = migration.answer_file
    result = score_assessment(target, carried, old.result.rules)
    through = ScoredFile(old.path, carried, target, result, old.sha256)
    compared = same_edition_context(through, new, language)
    old_names, new_names = Namer(source, language), Namer(target, language)
    mapped_items = {t for targets in crosswalk.item_targets.values() for t in targets}
    older_domains = {d.id: d for d in old.result.domains}
    sources = {
        d.id: [
            NamedPart(id=s, name=old_names.domain(s), score=older_domains[s].score, level=older_domains[s].level)
            for s in crosswalk.domain_sources(d.id)
        ]
        for d in target.domains
    }
    new_domains = {d for d, feeding in sources.items() if not feeding}
    without = set(migration.to_answer)
    bridge = EditionBridge(
        source_edition=source.id,
        target_edition=target.id,
        original=snapshot(old, old_names),
        sources={d: s for d, s in sources.items() if s},
        item_sources={
            i.id: [s for s, targets in crosswalk.item_targets.items() if i.id in targets] for i in target.items
        },
        new_domains=[NamedPart(id=d.id, name=new_names.domain(d.id)) for d in target.domains if d.id in new_domains],
        new_items=[NamedPart(id=i.id, name=new_names.item(i.id)) for i in target.items if i.id not in mapped_items],
        dropped_items=[
            NamedPart(id=i.id, name=old_names.item(i.id)) for i in source.items if not crosswalk.item_targets.get(i.id)
        ],
        criteria_not_carried=len(migration.not_carried),
        criteria_without_predecessor=len(without),
    )
    # What has no counterpart has no "before": it is named in the bridge, not shown as a change from 0.
    return compared.model_copy(
        update={
            "domains": [d for d in compared.domains if d.id not in new_domains],
            "items": [i for i in compared.items if i.id in mapped_items],
            "improved": [c for c in compared.improved if c.id not in without],
            "regressed": [c for c in compared.regressed if c.id not in without],
            "crosswalk": bridge,
        }
    )
