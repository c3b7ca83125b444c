"""The PDF step, tested by the text WeasyPrint put on the pages, never by PDF bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from dcmm.assessments import ScoredFile, score_file
from dcmm.files.brand import read_brand
from dcmm.files.evidence_check import check_evidence
from dcmm.render import ASSET_BASE, AssetFetcher, AssetRefused
from dcmm.report.context import build_context
from dcmm.report.html import render_report_html
from dcmm.report.pdf import write_pdf
from tests.report.conftest import HOSTILE_NAME, write_hostile
from tests.report.pdf_text import spaces_in_cjk
from tests.report.test_docx import BRAND_NAME, write_brand
from tests.report.test_management import EVIDENCE_ANSWERS, EVIDENCE_ROOT


def _outline_titles(outline: list) -> list[str]:  # type: ignore[type-arg]
    titles: list[str] = []
    for entry in outline:
        if isinstance(entry, list):
            titles += _outline_titles(entry)
        else:
            titles.append(str(entry.title))
    return titles


@pytest.fixture(scope="module")
def hostile_scored(tmp_path_factory: pytest.TempPathFactory) -> ScoredFile:
    return score_file(write_hostile(tmp_path_factory.mktemp("answers")))


@pytest.fixture(scope="module")
def chinese_pdf(tmp_path_factory: pytest.TempPathFactory, hostile_scored: ScoredFile) -> tuple[Path, int, AssetFetcher]:
    """Example 1's Chinese report, with a note that tries to load a local file and a remote image."""
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    fetcher = AssetFetcher()
    pages = write_pdf(render_report_html(build_context(hostile_scored, "zh")), path, fetcher)
    return path, pages, fetcher


@pytest.fixture(scope="module")
def chinese_text(chinese_pdf: tuple[Path, int, AssetFetcher]) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(chinese_pdf[0]).pages)


def test_chinese_report_text(
    chinese_pdf: tuple[Path, int, AssetFetcher], chinese_text: str, hostile_scored: ScoredFile
) -> None:
    path, pages, _fetcher = chinese_pdf
    assert len(PdfReader(path).pages) == pages and 25 <= pages <= 75
    for domain in hostile_scored.questionnaire.domains:
        assert domain.name.zh in chinese_text
    level = hostile_scored.result.overall.level
    assert f"L{level} {hostile_scored.questionnaire.level_definition(level).name.zh}" in chinese_text
    assert "L3 稳健级" in chinese_text  # the target level
    assert f"第 2 页 / 共 {pages} 页" in chinese_text  # page numbers in the footer
    flat = chinese_text.replace("\n", "")
    verification = build_context(hostile_scored, "zh").verification
    assert verification.answers_sha256 in flat and verification.questionnaire_sha256 in flat


def test_hostile_note_and_name_are_text_and_nothing_is_fetched(
    chinese_pdf: tuple[Path, int, AssetFetcher], chinese_text: str
) -> None:
    fetcher = chinese_pdf[2]
    assert fetcher.served == [] and fetcher.refused == []  # the report is self-contained
    flat = chinese_text.replace("\n", "")
    assert '<img src="file:///etc/passwd">' in flat and "<script>alert(1)</script>" in flat
    assert "root:x:0:0" not in flat
    assert HOSTILE_NAME in flat


def test_cover_then_contents(chinese_pdf: tuple[Path, int, AssetFetcher]) -> None:
    reader = PdfReader(chinese_pdf[0])
    assert "数据管理能力成熟度自评估差距报告" in reader.pages[0].extract_text()
    contents = reader.pages[1].extract_text()
    assert "目录" in contents and "执行摘要" in contents and "附录 B" in contents


def test_bookmarks(chinese_pdf: tuple[Path, int, AssetFetcher], hostile_scored: ScoredFile) -> None:
    titles = _outline_titles(PdfReader(chinese_pdf[0]).outline)
    assert "执行摘要" in titles and "行动计划" in titles and "附录 B\u3000计分方法与规则" in titles
    for domain in hostile_scored.questionnaire.domains:
        assert f"{domain.id}\u3000{domain.name.zh}" in titles
    assert "数据管理能力成熟度自评估差距报告" not in titles  # the cover title is not a bookmark


def test_fetcher_serves_own_assets_and_refuses_everything_else(tmp_path: Path) -> None:
    html = (
        '<img src="file:///etc/passwd"><img src="https://example.com/x.png">'
        '<link rel="stylesheet" href="../pyproject.toml"><img src="logo.svg"><p>x</p>'
    )
    fetcher = AssetFetcher()
    write_pdf(html, tmp_path / "x.pdf", fetcher)
    assert fetcher.served == ["logo.svg"]
    assert {"file:///etc/passwd", "https://example.com/x.png"} <= set(fetcher.refused)
    assert any(url.endswith("pyproject.toml") for url in fetcher.refused)
    for url in (
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "data:text/plain,x",
        ASSET_BASE + "../report.css",
        ASSET_BASE + "%2e%2e/report.css",
        ASSET_BASE + ".hidden.css",
        ASSET_BASE + "x/y.svg",
        ASSET_BASE + "report.html.j2",
    ):
        with pytest.raises(AssetRefused):
            AssetFetcher().fetch(url)


def _font_names(path: Path) -> set[str]:
    names: set[str] = set()
    for page in PdfReader(path).pages:
        resources: Any = page.get("/Resources")
        fonts: Any = resources.get_object().get("/Font") if resources else None
        for font in fonts.get_object().values() if fonts else ():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_pdf_embeds_the_simplified_chinese_faces(chinese_pdf: tuple[Path, int, AssetFetcher]) -> None:
    from dcmm.render.fonts import missing_faces

    if missing_faces():
        pytest.skip("Noto CJK SC is not installed here")
    names = _font_names(chinese_pdf[0])
    # The text is set in the declared faces (served from the installed SC files), not in whatever
    # font the machine would pick for "Noto Sans CJK SC".
    assert {"DCMM-Sans", "DCMM-Sans-Bold", "DCMM-Serif", "DCMM-Serif-Bold"} <= names
    assert not any(name.startswith(("Noto-Sans-CJK", "Noto-Serif-CJK")) for name in names)


def test_no_space_between_chinese_characters(chinese_pdf: tuple[Path, int, AssetFetcher]) -> None:
    # 稳健级。 距目标, 自行撰写， 用于, 补齐 L1 初始级 条款: a space that folded text or joined sentences leave
    assert spaces_in_cjk(chinese_pdf[0]) == []


@pytest.fixture(scope="module")
def branded_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], AssetFetcher]:
    """The evidence example's Chinese report, branded, with the evidence folder checked."""
    folder = tmp_path_factory.mktemp("branded")
    scored = score_file(EVIDENCE_ANSWERS)
    brand = read_brand(write_brand(folder))
    context = build_context(scored, "zh", brand=brand, evidence=check_evidence(scored.answers, EVIDENCE_ROOT))
    fetcher = AssetFetcher()
    write_pdf(render_report_html(context), folder / "report.pdf", fetcher)
    assert spaces_in_cjk(folder / "report.pdf") == []
    return [page.extract_text() for page in PdfReader(folder / "report.pdf").pages], fetcher


def test_brand_on_the_pdf(branded_pdf: tuple[list[str], AssetFetcher]) -> None:
    pages, fetcher = branded_pdf
    assert fetcher.refused == []  # the logo is written into the document
    assert BRAND_NAME in pages[0] and "电话 0531-00000000" in pages[0]
    assert all("电话 0531-00000000" in page for page in pages[2:])  # the footer
    assert "签字与盖章" in pages[-1] and "王示例" in pages[-1] and "盖章处" in pages[-1]


def test_evidence_list_and_readiness_in_the_pdf(branded_pdf: tuple[list[str], AssetFetcher]) -> None:
    text = "\n".join(branded_pdf[0])
    assert "佐证材料清单" in text and "规划/数据战略规划-2026-2028.pdf" in text and text.count("一致") >= 3
    assert "佐证文件 0 个缺失，0 个在记录后被改动。" in text.replace("\n", "")
    assert "行动计划" in text and "负责人" in text and "完成时间" in text
