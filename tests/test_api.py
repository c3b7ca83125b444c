"""The documented Python API: what ``dcmm`` exports, and the examples of docs/api.md, run as written."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import dcmm

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "api.md").read_text(encoding="utf-8"), re.S)


def test_every_exported_name_resolves() -> None:
    missing = [name for name in dcmm.__all__ if getattr(dcmm, name, None) is None]
    assert missing == []


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = dcmm.no_such_name


def test_importing_dcmm_loads_nothing_heavy() -> None:
    heavy = "('pydantic', 'yaml', 'sqlalchemy', 'weasyprint')"
    code = f"import sys, dcmm; print(sorted(m for m in {heavy} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_the_package_ships_type_information() -> None:
    assert (ROOT / "dcmm" / "py.typed").is_file()


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example-{n}" for n in range(1, len(EXAMPLES) + 1)])
def test_the_documented_example_runs(code: str) -> None:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip()


def test_the_page_has_examples() -> None:
    assert len(EXAMPLES) >= 4
