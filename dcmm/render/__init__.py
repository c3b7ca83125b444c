"""The one rendering room: jinja2 templates, the asset-only URL fetcher, embedded fonts, charts and the
one call into WeasyPrint, shared by gap reports, portfolios and progress reports.

``render_pdf`` lives in :mod:`dcmm.render.pdf` and is imported from there, so that rendering HTML never
loads WeasyPrint.
"""

from dcmm.render.fetcher import ASSET_BASE, AssetFetcher, AssetRefused
from dcmm.render.templates import environment, render_html

__all__ = ["ASSET_BASE", "AssetFetcher", "AssetRefused", "environment", "render_html"]
