"""Embedded fonts: the documents declare them, the fetcher serves the installed SC faces, a missing font is said."""

from __future__ import annotations

import re
import warnings
from io import BytesIO

import pytest
from fontTools.ttLib import TTFont

from dcmm.files import data_dir
from dcmm.render import fetcher as fetcher_module
from dcmm.render import fonts
from dcmm.render.fetcher import FONT_BASE, AssetFetcher, AssetRefused

INSTALLED = not fonts.missing_faces()
needs_fonts = pytest.mark.skipif(not INSTALLED, reason="Noto CJK SC is not installed here")


def test_the_base_stylesheet_declares_every_face() -> None:
    css = (data_dir("templates") / "base.css").read_text(encoding="utf-8")
    declared = set(re.findall(r'font-family: "([^"]+)"; font-weight: (\d+); src: url\("font/([a-z-]+)"\)', css))
    assert declared == {(face.family, str(face.weight), face.key) for face in fonts.FACES}


@needs_fonts
@pytest.mark.parametrize("face", fonts.FACES, ids=lambda face: face.key)
def test_the_fetcher_serves_the_simplified_chinese_face_alone(face: fonts.FontFace) -> None:
    fetcher = AssetFetcher()
    body, mime = fetcher.fetch(FONT_BASE + face.key)
    assert mime == "font/otf" and body[:4] in (b"OTTO", b"\x00\x01\x00\x00")  # one font, not a collection
    font = TTFont(BytesIO(body))
    assert font["name"].getDebugName(1) == face.installed_family
    assert font["name"].getDebugName(2) == face.style
    assert fetcher.fonts == [face.key] and fetcher.served == [] and fetcher.refused == []


@needs_fonts
def test_known_folders_find_the_face_without_fontconfig(monkeypatch: pytest.MonkeyPatch) -> None:
    face = fonts.FACES_BY_KEY["serif-bold"]
    found = fonts._known_path(face)
    via_fontconfig = fonts._fc_match(face)
    assert found is not None
    if via_fontconfig is not None:
        assert (found.path.name, found.index) == (via_fontconfig.path.name, via_fontconfig.index)


def test_unknown_font_urls_are_refused() -> None:
    fetcher = AssetFetcher()
    for url in (FONT_BASE + "comic-sans", FONT_BASE + "../base.css", FONT_BASE):
        with pytest.raises(AssetRefused):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 3 and fetcher.fonts == []


def test_a_missing_font_is_refused_and_said(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("weasyprint")
    from dcmm.render import pdf

    monkeypatch.setattr(fetcher_module, "find_font", lambda key: None)
    monkeypatch.setattr(pdf, "missing_faces", lambda: list(fonts.FACES))
    fetcher = AssetFetcher()
    with pytest.raises(AssetRefused, match="font not installed"):
        fetcher.fetch(FONT_BASE + "sans-regular")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdf.render_document("<p>中文</p>")
    (warning,) = [w for w in caught if issubclass(w.category, pdf.FontFallback)]
    assert "Noto Sans CJK SC Regular" in str(warning.message) and fonts.INSTALL_FONTS in str(warning.message)


def test_a_collection_face_is_cut_out_whole() -> None:
    if not INSTALLED:
        pytest.skip("Noto CJK SC is not installed here")
    font = fonts.find_font("sans-regular")
    assert font is not None
    cut = TTFont(BytesIO(fonts.face_bytes(font)))
    original = TTFont(font.path, fontNumber=font.index, lazy=True)
    assert sorted(cut.keys()) == sorted(original.keys())
    assert cut["maxp"].numGlyphs == original["maxp"].numGlyphs


def test_one_font_configuration_serves_every_document_of_a_process() -> None:
    pytest.importorskip("weasyprint")
    from dcmm.render import pdf

    first = AssetFetcher()
    pdf.render_document("<p>中文</p>", first)
    second = AssetFetcher()
    pdf.render_document("<p>中文</p>", second)
    assert pdf._font_configuration() is pdf._font_configuration()
    assert second.fonts == []  # the faces were loaded once, by an earlier document
