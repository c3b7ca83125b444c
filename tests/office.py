"""LibreOffice for tests that open what dcmm writes in a real office suite: find it, convert a file with it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest


def soffice() -> str:
    """The soffice program; a skip without it (a failure in CI, where the set-up installs it)."""
    found = shutil.which("soffice")
    if found is None:
        reason = "LibreOffice (soffice) is not installed; scripts/install-system-deps.sh installs it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def convert(source: Path, to: str, folder: Path) -> Path:
    """``soffice --headless --convert-to``, with a profile of its own so that parallel tests do not meet; the
    converted file's path."""
    profile = folder / "profile"
    command = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to]
    subprocess.run([*command, "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=240)
    return folder / f"{source.stem}.{to.split(':')[0]}"
