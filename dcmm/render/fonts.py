"""The CJK fonts every document embeds: found on this machine once, then served to WeasyPrint as assets.

Documents declare ``@font-face`` families of their own ("DCMM Sans", "DCMM Serif") whose files are
the Noto CJK SC faces installed here, so a PDF does not change with whichever other fonts a machine
happens to have. Noto CJK usually ships as a collection (``.ttc``) of several languages' faces; the
simplified-Chinese face is cut out of it, because a collection handed to fontconfig as a whole would
let it pick the Japanese face and its glyph shapes.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

INSTALL_FONTS = "sudo apt-get install fonts-noto-cjk"
# Where distributions and installers put Noto CJK when fontconfig cannot say.
KNOWN_FOLDERS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/share/fonts/opentype/noto-cjk"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / "Library/Fonts",
)


@dataclass(frozen=True)
class FontFace:
    """One face a document declares, and the installed family and style that supply it."""

    key: str
    family: str
    weight: int
    installed_family: str
    style: str
    file_names: tuple[str, ...]


FACES: tuple[FontFace, ...] = (
    FontFace("sans-regular", "DCMM Sans", 400, "Noto Sans CJK SC", "Regular", ("NotoSansCJK-Regular.ttc",)),
    FontFace("sans-bold", "DCMM Sans", 700, "Noto Sans CJK SC", "Bold", ("NotoSansCJK-Bold.ttc",)),
    FontFace("serif-regular", "DCMM Serif", 400, "Noto Serif CJK SC", "Regular", ("NotoSerifCJK-Regular.ttc",)),
    FontFace("serif-bold", "DCMM Serif", 700, "Noto Serif CJK SC", "Bold", ("NotoSerifCJK-Bold.ttc",)),
)
FACES_BY_KEY = {face.key: face for face in FACES}


@dataclass(frozen=True)
class FontFile:
    """An installed font file and the index of the wanted face within it (0 for a single-face file)."""

    path: Path
    index: int


def _fc_match(face: FontFace) -> FontFile | None:
    if shutil.which("fc-match") is None:
        return None
    pattern = f"{face.installed_family}:style={face.style}"
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}\t%{family}\t%{style}", pattern],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    file, _tab, rest = found.partition("\t")
    index, _tab, rest = rest.partition("\t")
    families, _tab, styles = rest.partition("\t")
    # fc-match always answers with some font; only the wanted family and style will do.
    if face.installed_family not in families.split(",") or face.style not in styles.split(","):
        return None
    if not file or not Path(file).is_file():
        return None
    return FontFile(Path(file), int(index or 0))


def _face_index(path: Path, family: str) -> int | None:
    """The index of the face named ``family`` in a font file (collections hold several)."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.read_bytes()[:4] != b"ttcf":
            names = [TTFont(path, lazy=True)]
        else:
            names = list(TTCollection(path, lazy=True).fonts)
    except Exception:  # a damaged or foreign file is simply not the font we look for
        return None
    for index, font in enumerate(names):
        if font["name"].getDebugName(1) == family:
            return index
    return None


def _known_path(face: FontFace) -> FontFile | None:
    for folder in KNOWN_FOLDERS:
        for name in face.file_names:
            path = folder / name
            if path.is_file() and (index := _face_index(path, face.installed_family)) is not None:
                return FontFile(path, index)
    return None


@cache
def find_font(key: str) -> FontFile | None:
    """The installed file of one declared face (fontconfig first, then the usual folders); None when absent."""
    face = FACES_BY_KEY[key]
    return _fc_match(face) or _known_path(face)


def missing_faces() -> list[FontFace]:
    """The declared faces this machine lacks; documents then fall back to its own fonts."""
    return [face for face in FACES if find_font(face.key) is None]


def fallback_message(missing: list[FontFace]) -> str:
    families = ", ".join(sorted({f"{face.installed_family} {face.style}" for face in missing}))
    return (
        f"fonts not found: {families}; the PDF uses this machine's other fonts and Chinese text may show "
        f"as empty boxes (install them: {INSTALL_FONTS})"
    )


def face_bytes(font: FontFile) -> bytes:
    """The bytes of one face as a standalone OpenType file, cut from its collection when needed."""
    data = font.path.read_bytes()
    if data[:4] != b"ttcf":
        return data
    (offset,) = struct.unpack_from(">L", data, 12 + 4 * font.index)
    version, count = struct.unpack_from(">LH", data, offset)
    tables = [struct.unpack_from(">4sLLL", data, offset + 12 + 16 * i) for i in range(count)]
    out = bytearray(12 + 16 * count)
    selector = count.bit_length() - 1
    search = 16 * (1 << selector)
    struct.pack_into(">LHHHH", out, 0, version, count, search, selector, count * 16 - search)
    for position, (tag, checksum, start, length) in enumerate(tables):
        struct.pack_into(">4sLLL", out, 12 + 16 * position, tag, checksum, len(out), length)
        out += data[start : start + length]
        out += b"\0" * (-len(out) % 4)  # tables start on four-byte boundaries
    return bytes(out)
