"""The wheel carries the questionnaires and templates, and the tool works from it outside the repository."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("dcmm-*.whl")
    return built


def test_wheel_contains_questionnaires_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "dcmm/_data/questionnaires/gbt36073-2018/edition.yaml" in names
    assert "dcmm/_data/questionnaires/gbt36073-2018/domains/13-data-lifecycle.yaml" in names
    assert any(n.startswith("dcmm/_data/templates/") for n in names)
    assert "dcmm/files/schemas/answer-file.schema.json" in names
    assert not any(n.startswith(("tests/", "examples/", "benchmarks/")) for n in names)


def test_installed_wheel_works_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import dcmm, dcmm.files.resources as r, sys; "
        "print(dcmm.__file__); print(r.data_dir('questionnaires')); "
        "from dcmm.cli import main; sys.exit(main(['questionnaire', 'validate']))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    module_file, data_dir, *report = run.stdout.splitlines()
    assert module_file.startswith(str(site)) and data_dir.startswith(str(site))
    assert any(line.startswith("ok: gbt36073-2018") for line in report)
