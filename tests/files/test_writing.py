"""Atomic writes: a crash leaves the old file or the new one, never half of either."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dcmm.files.writing import write_atomically


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def power_cut(_source: object, _target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dcmm.files.writing.os.replace", power_cut)
    with pytest.raises(OSError):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_a_write_keeps_the_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    write_atomically(target, "new")
    assert (target.read_text(encoding="utf-8"), target.stat().st_mode & 0o777) == ("new", 0o600)
