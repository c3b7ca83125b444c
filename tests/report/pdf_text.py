"""The text of a PDF as its text-showing operations wrote it, each decoded through its font's ToUnicode map.

pypdf's ``extract_text`` joins the cells of a table row with spaces of its own; the operations show only the
spaces the document itself holds, which is what a test of typography needs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader
from pypdf.generic import ByteStringObject, TextStringObject

CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"  # CJK punctuation, ideographs, full-width forms
SPACE_IN_CJK = re.compile(f"[{CJK}] +[{CJK}]")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _to_unicode(font: Any) -> dict[bytes, str]:
    mapping: dict[bytes, str] = {}
    if "/ToUnicode" in font:
        for block in _BFCHAR.findall(font["/ToUnicode"].get_object().get_data()):
            for code, text in _PAIR.findall(block):
                mapping[bytes.fromhex(code.decode())] = bytes.fromhex(text.decode()).decode("utf-16-be")
    return mapping


def _page_runs(page: PageObject) -> list[str]:
    found: list[str] = []
    resources: Any = page["/Resources"]
    fonts = resources.get("/Font", {})
    maps: dict[str, dict[bytes, str]] = {}
    current: dict[str, dict[bytes, str]] = {"map": {}}

    def before(op: bytes, args: list[Any], _cm: Any, _tm: Any) -> None:
        if op == b"Tf":
            name = args[0]
            if name not in maps:
                maps[name] = _to_unicode(fonts[name].get_object())
            current["map"] = maps[name]
        elif op in (b"TJ", b"Tj"):
            mapping = current["map"]
            width = len(next(iter(mapping))) if mapping else 1
            items = args[0] if op == b"TJ" else [args[0]]
            raw = b"".join(i.original_bytes for i in items if isinstance(i, ByteStringObject | TextStringObject))
            found.append("".join(mapping.get(raw[i : i + width], "") for i in range(0, len(raw), width)))

    page.extract_text(visitor_operand_before=before)
    return found


def text_runs(path: Path) -> list[str]:
    """The text of every Tj and TJ operation of every page, in order."""
    return [run for page in PdfReader(path).pages for run in _page_runs(page)]


def spaces_in_cjk(path: Path) -> list[str]:
    """Every space between two Chinese characters or punctuation marks, with the text it is in."""
    return [f"{match.group(0)!r} in {run!r}" for run in text_runs(path) for match in SPACE_IN_CJK.finditer(run)]
