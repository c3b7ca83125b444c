"""HTML documents to PDF: the only module that imports WeasyPrint, and its one call site."""

from __future__ import annotations

import os
import threading
import warnings
from pathlib import Path
from typing import BinaryIO

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from dcmm.files import write_atomically_with
from dcmm.render.fetcher import ASSET_BASE, AssetFetcher
from dcmm.render.fonts import fallback_message, missing_faces


class FontFallback(UserWarning):
    """The embedded fonts are not installed: the PDF falls back to the machine's fonts."""


class _Fetcher(URLFetcher):  # type: ignore[misc]
    """WeasyPrint's side of an :class:`AssetFetcher`: no protocol of its own, every URL asked of ours."""

    def __init__(self, assets: AssetFetcher) -> None:
        super().__init__(allowed_protocols=())
        self.assets = assets

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        body, mime = self.assets.fetch(url)
        return URLFetcherResponse(url, body, {"Content-Type": mime})


# Pango and the shared font configuration are not safe to use from two threads at once.
_lock = threading.RLock()
_fonts: dict[int, FontConfiguration] = {}


def _font_configuration() -> FontConfiguration:
    """One font configuration per process: the embedded faces are loaded by the first document only.

    Keyed by process id because batch workers are forked, and a configuration owns a temporary folder.
    """
    pid = os.getpid()
    if pid not in _fonts:
        _fonts[pid] = FontConfiguration()
    return _fonts[pid]


def render_document(html: str, fetcher: AssetFetcher | None = None) -> weasyprint.Document:
    """Lay out the pages (the costly step); returns WeasyPrint's Document."""
    missing = missing_faces()
    if missing:
        warnings.warn(fallback_message(missing), FontFallback, stacklevel=2)
    with _lock:
        document = weasyprint.HTML(string=html, base_url=ASSET_BASE, url_fetcher=_Fetcher(fetcher or AssetFetcher()))
        return document.render(font_config=_font_configuration())


def render_pdf(html: str, target: str | Path | BinaryIO, fetcher: AssetFetcher | None = None) -> int:
    """Render ``html`` to a PDF file (written atomically) or a binary stream; returns the number of pages."""
    with _lock:
        document = render_document(html, fetcher)
        if isinstance(target, str | Path):
            write_atomically_with(Path(target), document.write_pdf)
        else:
            document.write_pdf(target)
    return len(document.pages)


def weasyprint_version() -> str:
    return str(weasyprint.__version__)
