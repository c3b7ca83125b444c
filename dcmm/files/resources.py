"""Where the bundled questionnaires and templates are: inside the installed package, or the checkout."""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


def data_dir(name: str) -> Traversable:
    """The folder ``questionnaires`` or ``templates``.

    A wheel carries them as ``dcmm/_data/<name>``; a source checkout (editable install, tests)
    reads them from the repository root.
    """
    packaged = files("dcmm") / "_data" / name
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / name
