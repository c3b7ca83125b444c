"""The report context: plain data taken from the scoring result, names resolved in the chosen language."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dcmm.assessments import ScoredFile, score_file
from dcmm.cli import main
from dcmm.report.context import build_context, compare_context
from dcmm.report.models import ReportContext
from tests.report.conftest import example_data


def test_context_is_plain_json_data(scored_examples: list[ScoredFile]) -> None:
    context = build_context(scored_examples[0], "zh")
    plain = context.model_dump(mode="json")
    assert json.loads(json.dumps(plain, ensure_ascii=False)) == plain
    assert ReportContext.model_validate_json(context.model_dump_json()) == context


def test_context_takes_scores_from_the_result(scored_examples: list[ScoredFile]) -> None:
    scored = scored_examples[1]
    context = build_context(scored, "zh")
    result = scored.result
    assert context.overall.model_dump() == {
        "score": result.overall.score,
        "level": result.overall.level,
        "level_name": scored.questionnaire.level_definition(result.overall.level).name.zh,
    }
    assert [d.score for d in context.domains] == [d.score for d in result.domains]
    assert [i.level_scores for d in context.domains for i in d.items] == [i.level_scores for i in result.items]
    phases = context.roadmap.phases
    assert [[g.id for g in p.gaps] for p in phases] == [[g.criterion_id for g in p.gaps] for p in result.roadmap.phases]
    first = phases[0]
    assert [(w.phase, w.item_id) for w in context.executive.priorities] == [(1, i.id) for i in first.by_item][:5]


def test_priorities_agree_with_the_action_plan_lower_levels_first(scored_examples: list[ScoredFile]) -> None:
    for scored in scored_examples:
        context = build_context(scored, "zh")
        priorities = context.executive.priorities
        levels = [w.level for w in priorities]
        assert levels == sorted(levels) and (not priorities or levels[0] == context.roadmap.phases[0].level)
        gains = [w.gain_overall for w in priorities if w.phase == priorities[0].phase]
        assert gains == sorted(gains, reverse=True) and (not gains or len(set(gains)) > 1)  # not five equal gains
        assert all(w.time_frame for w in priorities)
        if context.target.met:  # the action plan says the target is reached: so does the summary
            assert priorities == []


def test_action_plan_has_criterion_texts_and_time_frames(scored_examples: list[ScoredFile]) -> None:
    context = build_context(scored_examples[0], "en")
    phases = context.roadmap.phases
    assert [p.time_frame for p in phases] == [f"Months {m}" for m in ("1–3", "4–6", "7–12")][: len(phases)]
    criterion = phases[0].by_item[0].criteria[0]
    assert criterion.text == scored_examples[0].questionnaire.criteria[criterion.id].text.en and criterion.grade_name


def test_executive_summary_names_strongest_and_weakest_domains(scored_examples: list[ScoredFile]) -> None:
    context = build_context(scored_examples[0], "zh")
    found = context.executive
    scores = sorted(d.score for d in context.domains)
    assert found.strongest[0].score == scores[-1] and found.weakest[0].score == scores[0]
    target = context.target.level
    assert [d.gap for d in found.domains] == [round(max(0.0, target - d.score), 2) for d in context.domains]


def test_level_names_follow_the_language(scored_examples: list[ScoredFile]) -> None:
    zh = build_context(scored_examples[0], "zh")
    en = build_context(scored_examples[0], "en")
    assert [level.name for level in zh.levels] == ["初始级", "受管理级", "稳健级", "量化管理级", "优化级"]
    assert en.levels[0].name == "Initial"
    assert zh.domains[0].name == "数据战略" and en.domains[0].name == "Data strategy"


def test_method_lists_not_applicable_with_justification_and_unanswered(scored_examples: list[ScoredFile]) -> None:
    scored = scored_examples[0]  # example 1 marks item 9.2 levels 3 to 5 not applicable
    method = build_context(scored, "zh").method
    assert [n.id for n in method.not_applicable] == scored.result.completeness.not_applicable_ids
    assert method.not_applicable and all(n.justification for n in method.not_applicable)
    assert method.unanswered == scored.result.completeness.unanswered_ids
    assert method.rules_description == scored.result.rules.description


def test_unmet_criteria_carry_evidence_hints_and_notes(scored_examples: list[ScoredFile]) -> None:
    scored = scored_examples[0]
    context = build_context(scored, "zh")
    unmet = [c for d in context.domains for item in d.unmet for c in item.criteria]
    gap_ids = {g.criterion_id for g in scored.result.gaps}
    assert gap_ids <= {c.id for c in unmet}
    assert all(c.evidence_hints for c in unmet)
    noted = [c for c in unmet if c.note]
    assert noted, "example 1 has review notes on unmet criteria"


def test_claimed_without_evidence(tmp_path: Path) -> None:
    data = example_data(1)
    first, second, third = [c for c in data["answers"] if c.startswith("6.1.")][:3]
    data["answers"][first] = {"grade": "fully_met", "evidence": []}
    data["answers"][second] = {"grade": "mostly_met", "evidence": ["  "]}
    data["answers"][third] = {"grade": "fully_met", "evidence": ["纪要"]}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    claimed = build_context(score_file(path), "zh").domains[0].claimed_without_evidence
    ids = [c.id for c in claimed]
    assert first in ids and second in ids and third not in ids


def test_verification_hashes_can_be_recomputed(scored_examples: list[ScoredFile], capsys) -> None:  # type: ignore[no-untyped-def]
    scored = scored_examples[0]
    verification = build_context(scored, "zh").verification
    assert verification.answers_sha256 == hashlib.sha256(scored.path.read_bytes()).hexdigest()
    assert main(["questionnaire", "export", scored.questionnaire.id]) == 0
    exported = capsys.readouterr().out
    assert verification.questionnaire_sha256 == hashlib.sha256(exported.encode("utf-8")).hexdigest()


def test_comparison_lists_improved_and_regressed(tmp_path: Path) -> None:
    old_data = example_data(1)
    new_data = example_data(1)
    in_item = {c: a for c, a in old_data["answers"].items() if c.startswith("6.1.")}
    improved = next(c for c, a in in_item.items() if a["grade"] == "not_met")
    regressed = next(c for c, a in in_item.items() if a["grade"] == "fully_met")
    new_data["answers"][improved] = {"grade": "fully_met", "evidence": ["制度文件"]}
    new_data["answers"][regressed] = {"grade": "not_met"}
    new_data["assessed_on"] = "2027-04-01"
    (tmp_path / "old.json").write_text(json.dumps(old_data, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(new_data, ensure_ascii=False), encoding="utf-8")
    old, new = score_file(tmp_path / "old.json"), score_file(tmp_path / "new.json")
    comparison = compare_context(old, new, "zh")
    assert [r.id for r in comparison.improved] == [improved]
    assert [r.id for r in comparison.regressed] == [regressed]
    item = next(i for i in comparison.items if i.id == "6.1")
    assert item.delta == round(new.result.items[0].score - old.result.items[0].score, 2)
    assert comparison.overall_delta == round(new.result.overall.score - old.result.overall.score, 2)
    assert comparison.new.assessed_on == "2027-04-01"
