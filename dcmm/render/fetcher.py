"""The URL fetcher of every document: it serves the project's own assets and fonts and refuses the rest.

Documents are self-contained HTML (styles and charts inline), so a normal render fetches only the
fonts its ``@font-face`` rules name and a logo written into it as a PNG or JPEG ``data:`` address;
anything else that asks for a URL (a file path, a remote address) is refused and recorded, never read.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes

from dcmm.files import data_dir
from dcmm.render.fonts import FACES_BY_KEY, face_bytes, find_font

# Relative URLs in a document resolve against this address; it never resolves on any network
# (.invalid is reserved), and the fetcher answers it from the templates folder.
ASSET_BASE = "https://assets.dcmm.invalid/"
FONT_BASE = ASSET_BASE + "font/"
ASSET_SUFFIXES = (".css", ".svg", ".png")
FONT_MIME = "font/otf"
# A picture written into the document itself (a consultancy's logo): it names no file and no address.
INLINE_PICTURES = ("data:image/png;base64,", "data:image/jpeg;base64,")


class AssetRefused(ValueError):
    """A document asked for something other than one of the project's own assets."""


class AssetFetcher:
    """Serves ``ASSET_BASE/<name>`` from the templates folder and ``FONT_BASE/<face>`` from the
    installed font; refuses every other URL. ``served`` lists assets, ``fonts`` the faces served."""

    def __init__(self) -> None:
        self.served: list[str] = []
        self.fonts: list[str] = []
        self.refused: list[str] = []

    def _refuse(self, url: str, reason: str) -> AssetRefused:
        self.refused.append(url)
        return AssetRefused(reason)

    def _font(self, url: str) -> tuple[bytes, str]:
        key = url.removeprefix(FONT_BASE)
        if key not in FACES_BY_KEY:
            raise self._refuse(url, f"not one of the documents' fonts: {url}")
        font = find_font(key)
        if font is None:
            raise self._refuse(url, f"font not installed: {FACES_BY_KEY[key].installed_family}")
        self.fonts.append(key)
        return face_bytes(font), FONT_MIME

    def _asset(self, url: str) -> tuple[bytes, str]:
        name = url.removeprefix(ASSET_BASE) if url.startswith(ASSET_BASE) else ""
        if not name or "/" in name or "\\" in name or name.startswith(".") or not name.endswith(ASSET_SUFFIXES):
            raise self._refuse(url, f"not one of the documents' own assets: {url}")
        asset = data_dir("templates") / name
        if not asset.is_file():
            raise self._refuse(url, f"no such asset: {name}")
        self.served.append(name)
        return asset.read_bytes(), mimetypes.guess_type(name)[0] or "application/octet-stream"

    def _inline(self, url: str) -> tuple[bytes, str]:
        head, _, body = url.partition(",")
        try:
            return base64.b64decode(body, validate=True), head.removeprefix("data:").removesuffix(";base64")
        except binascii.Error:
            raise self._refuse(url[:60], "not a base64 picture") from None

    def fetch(self, url: str) -> tuple[bytes, str]:
        """The body and media type of ``url``; raises AssetRefused for anything not ours."""
        if url.startswith(INLINE_PICTURES):
            return self._inline(url)
        return self._font(url) if url.startswith(FONT_BASE) else self._asset(url)
