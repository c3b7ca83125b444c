"""Every case of the corpus, gathered from the ``test_<class>.py`` modules, for counting and for the docs."""

from __future__ import annotations

import importlib
import pkgutil

from tests.badinput.harness import Case


def cases_by_class() -> dict[str, list[Case]]:
    """The class of bad input (the module's name without ``test_``) and its cases."""
    import tests.badinput as package

    found: dict[str, list[Case]] = {}
    for module in pkgutil.iter_modules(package.__path__):
        if module.name.startswith("test_"):
            cases = getattr(importlib.import_module(f"tests.badinput.{module.name}"), "CASES", None)
            if cases:
                found[module.name.removeprefix("test_")] = list(cases)
    return found
