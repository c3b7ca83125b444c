"""Report HTML to PDF through the one rendering call site (``dcmm.render.pdf``)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from dcmm.render.fetcher import AssetFetcher
from dcmm.render.pdf import render_pdf


def write_pdf(html: str, target: str | Path | BinaryIO, fetcher: AssetFetcher | None = None) -> int:
    """Render ``html`` to a PDF file (written atomically) or stream; returns the number of pages."""
    return render_pdf(html, target, fetcher)
