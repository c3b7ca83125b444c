"""The bundled 2018 → 2025 crosswalk and the 2025 edition: valid, complete, and usable on the examples."""

import io
import json
from pathlib import Path

import pytest

from dcmm.cli import Context, main
from dcmm.core.editions.crosswalk import Crosswalk
from dcmm.files import load_edition, read_answer_file
from dcmm.files.crosswalk import find_crosswalk, load_crosswalk
from dcmm.files.editions import migrate_file

EXAMPLES = sorted((Path(__file__).parents[2] / "examples" / "answers").glob("*-gbt36073-2018.json"))


@pytest.fixture(scope="module")
def bundled() -> Crosswalk:
    return load_crosswalk(find_crosswalk("gbt36073-2018", "gbt36073-2025"))


def test_the_2025_edition_has_9_domains_33_items_and_states_what_is_provisional() -> None:
    q = load_edition("gbt36073-2025")
    assert (len(q.domains), len(q.items)) == (9, 33)
    assert [d.id for d in q.domains] == [str(n) for n in range(6, 15)]
    assert q.meta.in_force.isoformat() == "2026-07-01"
    assert {d.id for d in q.domains} | {i.id for i in q.items} <= set(q.meta.provisional)
    assert "PROVISIONAL" in q.meta.provenance.en and "暂定" in q.meta.provenance.zh


def test_every_2018_item_has_an_entry_and_only_new_2025_items_lack_a_source(bundled: Crosswalk) -> None:
    old, new = load_edition("gbt36073-2018"), load_edition("gbt36073-2025")
    assert list(bundled.item_targets) == [item.id for item in old.items]
    reached = {t for targets in bundled.item_targets.values() for t in targets}
    assert sorted(set(new.item_by_id) - reached) == ["9.1", "9.2", "9.3"]  # the new data-assets domain


def test_mapped_criteria_keep_their_level(bundled: Crosswalk) -> None:
    moved = [(m.source, t) for m in bundled.criteria for t in m.target if m.source.split(".")[2] != t.split(".")[2]]
    assert moved == []


def test_most_of_the_2018_criteria_find_a_2025_counterpart(bundled: Crosswalk) -> None:
    assert len(bundled.criteria) / len(load_edition("gbt36073-2018").criteria) > 0.7


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_every_example_migrates_to_a_valid_2025_file(example: Path, tmp_path: Path) -> None:
    run = migrate_file(example, "gbt36073-2025")
    output = tmp_path / "out.json"
    output.write_text(run.migration.answer_file.model_dump_json(by_alias=True), encoding="utf-8")
    answers, questionnaire = read_answer_file(output)
    assert questionnaire.id == "gbt36073-2025"
    assert len(answers.answers) == len(questionnaire.criteria)
    assert len(run.migration.carried) + len(run.migration.not_carried) == run.migration.answered


def test_migrate_score_shows_both_editions_for_an_example(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    output = tmp_path / "2025.json"
    code = main(
        ["migrate", str(EXAMPLES[0]), "--to", "gbt36073-2025", "-o", str(output), "--score", "--format", "json"],
        Context(out, err),
    )
    assert code == 0, err.getvalue()
    comparison = json.loads(out.getvalue())["comparison"]
    rows = {row["domain_id"]: row for row in comparison["rows"]}
    assert [source[0] for source in rows["14"]["sources"]] == ["9"]
    assert rows["9"]["sources"] == []  # data assets: new in 2025
    assert [source[0] for source in rows["10"]["sources"]] == ["12"]
