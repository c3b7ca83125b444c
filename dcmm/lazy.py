"""Names a package re-exports, each loaded from its module on first use, so that importing the package is cheap.

A package's ``__init__`` imports the names for the type checker only and hands the rest to
:func:`lazy_exports` (PEP 562 module ``__getattr__``)::

    if TYPE_CHECKING:
        from dcmm.files.answers import read_answers
    else:
        __getattr__, __dir__ = lazy_exports(__name__, {"read_answers": "dcmm.files.answers"})

The command line starts on the few modules it needs (tests/cli/test_startup.py checks which): a
package that every command passes through must not load its heavier modules just by being imported.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, origins: Mapping[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, which exports each name of ``origins`` from its module."""

    def exported(name: str) -> Any:
        origin = origins.get(name)
        if origin is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(origin), name)
        setattr(sys.modules[package], name, value)  # found once: the next lookup is an ordinary attribute
        return value

    def names() -> list[str]:
        return sorted(origins)

    return exported, names
