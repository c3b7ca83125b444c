"""The HTML step: golden files, autoescaping, strict undefined names, and what every report must contain."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from dcmm.assessments import ScoredFile, score_file
from dcmm.render import environment, render_html
from dcmm.report.context import build_context
from dcmm.report.html import REPORT_TEMPLATE, render_report_html, report_charts
from tests.report.conftest import HOSTILE_NOTE

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DCMM_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize(("number", "language"), [(1, "zh"), (4, "en")])
def test_report_html_matches_golden_file(scored_examples: list[ScoredFile], number: int, language: str) -> None:
    html = render_report_html(build_context(scored_examples[number - 1], language))  # type: ignore[arg-type]
    golden = GOLDEN / f"report-{number:02d}-{language}.html"
    if UPDATE:
        golden.write_text(html, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if html != expected:  # point at the first difference; a full diff of 300 kB is unreadable and slow
        at = next((i for i, (a, b) in enumerate(zip(html, expected, strict=False)) if a != b), len(expected))
        line = expected.count("\n", 0, at) + 1
        pytest.fail(
            f"{golden.name} differs at line {line}:\n  got:      {html[max(0, at - 60) : at + 60]!r}\n"
            f"  expected: {expected[max(0, at - 60) : at + 60]!r}\nWhen the change is intended, regenerate with "
            "DCMM_UPDATE_GOLDEN=1 pytest tests/report/test_html.py and review the diff."
        )


def test_report_has_every_part(scored_examples: list[ScoredFile]) -> None:
    scored = scored_examples[0]
    html = render_report_html(build_context(scored, "zh"))
    for anchor in ("summary", "overview", "roadmap", "answers", "method"):
        assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    for domain in scored.questionnaire.domains:
        assert f'id="domain-{domain.id}"' in html and domain.name.zh in html
    assert html.count('class="chart radar"') == 1 and html.count('class="chart heatmap"') == 1
    assert scored.answers.organisation.name in html
    assert "不是认证结论" in html  # a self-assessment, never presented as a certification
    assert scored.questionnaire.meta.provenance.zh.split("，")[0] in html


def test_notes_are_escaped_not_markup(hostile_file: Path) -> None:
    html = render_report_html(build_context(score_file(hostile_file), "zh"))
    assert "<img" not in html and "<script" not in html
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "&lt;b&gt;恶意&lt;/b&gt;" in html  # the organisation name too
    assert HOSTILE_NOTE not in html


def test_every_template_autoescapes() -> None:
    env = environment()
    for name in ("report.html.j2", "portfolio.html.j2", "_macros.html.j2", "_comparison.html.j2", "progress.html.j2"):
        assert env.autoescape(name) if callable(env.autoescape) else env.autoescape
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_a_missing_name_fails_the_render(scored_examples: list[ScoredFile]) -> None:
    context = build_context(scored_examples[0], "zh")
    fields = dict(context)
    del fields["method"]
    with pytest.raises(UndefinedError):
        render_html(REPORT_TEMPLATE, fields, charts=report_charts(context))


def test_comparison_chapter_only_with_a_previous_assessment(scored_examples: list[ScoredFile]) -> None:
    scored = scored_examples[0]
    assert 'id="comparison"' not in render_report_html(build_context(scored, "zh"))
    html = render_report_html(build_context(scored, "zh", previous=scored))
    assert 'id="comparison"' in html and html.count('class="chart radar"') == 2
