"""Checks that this machine can render Chinese PDF reports, and says how to fix what is missing."""

from __future__ import annotations

import ctypes
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dcmm.render.fonts import INSTALL_FONTS

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC")
# The names WeasyPrint itself tries, for Linux, macOS and Windows builds.
HARFBUZZ_SUBSET = ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")
PANGO = ("libpango-1.0.so.0", "libpango-1.0.0.dylib", "libpango-1.0-0.dll")
INSTALL_ALL = "make sysdeps   (or: sudo bash scripts/install-system-deps.sh)"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def _loadable(names: Sequence[str]) -> str | None:
    for name in names:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return name
    return None


def _font_families() -> set[str] | None:
    """Font families fontconfig knows for Chinese; None when fontconfig's fc-list is missing."""
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False, timeout=60
    ).stdout
    return {family.strip() for line in listed.splitlines() for family in line.split(",")}


def _weasyprint_version() -> str | None:
    try:
        from dcmm.render.pdf import weasyprint_version
    except (ImportError, OSError):
        return None
    return weasyprint_version()


def _embedded_fonts() -> dict[str, str | None]:
    """Each face the documents embed, and the installed file (with its face index) that supplies it."""
    from dcmm.render.fonts import FACES, find_font

    found = {face.key: find_font(face.key) for face in FACES}
    return {key: f"{font.path}#{font.index}" if font else None for key, font in found.items()}


@dataclass(frozen=True)
class Probes:
    """How the checks look at the machine; tests replace them."""

    font_families: Callable[[], set[str] | None] = _font_families
    loadable: Callable[[Sequence[str]], str | None] = _loadable
    weasyprint_version: Callable[[], str | None] = _weasyprint_version
    embedded_fonts: Callable[[], dict[str, str | None]] = _embedded_fonts
    which: Callable[[str], str | None] = shutil.which


def _fonts_check(probes: Probes) -> Check:
    """The CJK families, and the files that reports embed from them (``dcmm.render.fonts``)."""
    families = probes.font_families()
    if families is None:
        return Check(
            "CJK fonts",
            False,
            "fontconfig (fc-list) is not installed",
            "sudo apt-get install fontconfig fonts-noto-cjk",
        )
    missing = [f for f in CJK_FAMILIES if f not in families]
    if missing:
        detail = f"missing {', '.join(missing)}: Chinese text would render as empty boxes"
        return Check("CJK fonts", False, detail, INSTALL_FONTS)
    embedded = probes.embedded_fonts()
    absent = [key for key, file in embedded.items() if file is None]
    if absent:
        detail = f"{', '.join(CJK_FAMILIES)}, but no font file for {', '.join(absent)}: PDFs fall back to other fonts"
        return Check("CJK fonts", False, detail, INSTALL_FONTS)
    files = ", ".join(sorted({Path(file).name for file in filter(None, embedded.values())}))
    return Check("CJK fonts", True, f"{', '.join(CJK_FAMILIES)} (embedded from {files})")


def run_checks(probes: Probes | None = None) -> list[Check]:
    probes = probes or Probes()
    checks: list[Check] = []
    checks.append(_fonts_check(probes))
    subset = probes.loadable(HARFBUZZ_SUBSET)
    checks.append(
        Check(
            "HarfBuzz subsetter",
            subset is not None,
            subset
            or "libharfbuzz-subset is missing: fonts are subset with fontTools instead, "
            "about 30 times slower on CJK fonts",
            "" if subset else "sudo apt-get install libharfbuzz-subset0",
        )
    )
    pango = probes.loadable(PANGO)
    checks.append(
        Check(
            "Pango",
            pango is not None,
            pango or "Pango is missing: WeasyPrint cannot lay out text",
            "" if pango else "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        )
    )
    version = probes.weasyprint_version()
    checks.append(
        Check(
            "WeasyPrint",
            version is not None,
            f"version {version}" if version else "the Python package cannot be imported",
            "" if version else ".venv/bin/pip install -e .",
        )
    )
    pdftoppm = probes.which("pdftoppm")
    checks.append(
        Check(
            "pdftoppm",
            pdftoppm is not None,
            pdftoppm or "missing: only needed to look at report pages as pictures",
            "" if pdftoppm else "sudo apt-get install poppler-utils",
            required=False,
        )
    )
    return checks


def format_checks(checks: Sequence[Check]) -> list[str]:
    lines = []
    for check in checks:
        status = "ok" if check.ok else ("MISSING" if check.required else "optional")
        lines.append(f"{status:<8} {check.name}: {check.detail}")
        if check.fix:
            lines.append(f"{'':<8} fix: {check.fix}")
    if any(not c.ok and c.required for c in checks):
        lines.append(f"to install everything reports need: {INSTALL_ALL}")
    return lines
