"""HTML reports to PDF with WeasyPrint, fetching nothing but the project's own assets.

This is the only module that imports WeasyPrint. Reports are self-contained HTML (styles and
charts inline), so a normal render fetches nothing at all; the fetcher exists so that anything
else that asks for a URL (a file path, a remote address) is refused and recorded, never read.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any, BinaryIO

from weasyprint import HTML

from dcmm.files import data_dir

try:
    from weasyprint.urls import URLFetcher, URLFetcherResponse
except ImportError:  # WeasyPrint before URLFetcher: a plain callable that returns a dict
    URLFetcher = object
    URLFetcherResponse = None

# Relative URLs in a report resolve against this address; it never resolves on any network
# (.invalid is reserved), and the fetcher answers it from the templates folder.
ASSET_BASE = "https://assets.dcmm.invalid/"
ASSET_SUFFIXES = (".css", ".svg", ".png")


class AssetRefused(ValueError):
    """A report asked for something other than one of the project's own assets."""


class AssetFetcher(URLFetcher):
    """Serves ``ASSET_BASE/<name>`` from the templates folder; refuses every other URL."""

    def __init__(self) -> None:
        if URLFetcher is not object:
            super().__init__(allowed_protocols=())
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        name = url.removeprefix(ASSET_BASE) if url.startswith(ASSET_BASE) else ""
        folder = data_dir("templates")
        if not name or "/" in name or "\\" in name or name.startswith(".") or not name.endswith(ASSET_SUFFIXES):
            self.refused.append(url)
            raise AssetRefused(f"not one of the report's own assets: {url}")
        asset = folder / name
        if not asset.is_file():
            self.refused.append(url)
            raise AssetRefused(f"no such asset: {name}")
        body = asset.read_bytes()
        self.served.append(name)
        mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if URLFetcherResponse is None:
            return {"string": body, "mime_type": mime, "redirected_url": url}
        return URLFetcherResponse(url, body, {"Content-Type": mime})

    def __call__(self, url: str) -> Any:
        return self.fetch(url)


def render_document(html: str, fetcher: AssetFetcher | None = None) -> Any:
    """Lay out the pages (the costly step); returns WeasyPrint's Document."""
    return HTML(string=html, base_url=ASSET_BASE, url_fetcher=fetcher or AssetFetcher()).render()


def write_pdf(html: str, target: Path | BinaryIO, fetcher: AssetFetcher | None = None) -> int:
    """Render ``html`` to a PDF file or stream; returns the number of pages."""
    document = render_document(html, fetcher)
    document.write_pdf(target)
    return len(document.pages)
