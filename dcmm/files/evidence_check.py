"""Evidence check: every referenced file under the evidence folder read, hashed and compared with its record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
from pathlib import Path

from dcmm.core.answers import AnswerFile
from dcmm.core.evidence import EvidenceRef, escapes_folder, path_reference, reference_kind
from dcmm.core.grades import Grade
from dcmm.files.problems import refusal

_CHUNK = 1 << 20
_NOT_IN_A_PATH = re.compile(r"[\s《》（）()，、：；。]")
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_CLAIMS = (Grade.FULLY_MET, Grade.MOSTLY_MET)


@dataclasses.dataclass(frozen=True)
class FileRecord:
    """What the disk says of one referenced file."""

    sha256: str
    size: int
    modified: dt.datetime


@dataclasses.dataclass
class EvidenceCheck:
    """The findings of one check, and the answer file with the files' records written in."""

    answers: AnswerFile
    missing: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # (criterion, path)
    changed: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    outside: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # texts of 1.0 files through .. or /
    unreferenced: list[str] = dataclasses.field(default_factory=list)
    claimed_without_evidence: list[str] = dataclasses.field(default_factory=list)
    checked: int = 0

    @property
    def clean(self) -> bool:
        return not (self.missing or self.outside or self.changed or self.unreferenced or self.claimed_without_evidence)


def _record(root: Path, relative: str) -> FileRecord | None:
    """The file's digest, size and time, or None when it is not a readable regular file inside the root."""
    if escapes_folder(relative):
        return None
    path = root / relative
    try:
        resolved = path.resolve(strict=True)
        if not resolved.is_relative_to(root.resolve()) or not resolved.is_file():
            return None  # a symlink leaving the folder counts as missing: its target is not evidence kept here
        digest = hashlib.sha256()
        with resolved.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
        stat = resolved.stat()
    except OSError:
        return None
    modified = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).replace(microsecond=0)
    return FileRecord(digest.hexdigest(), stat.st_size, modified)


def _files_under(root: Path) -> set[str]:
    found: set[str] = set()
    for folder, _dirs, files in os.walk(root):
        for name in files:
            found.add((Path(folder) / name).relative_to(root).as_posix())
    return found


def check_evidence(answers: AnswerFile, root: Path, today: dt.date | None = None) -> EvidenceCheck:
    """Check every path reference of ``answers`` against the files under ``root``; a plain text is a path
    when it names a file there or looks like one (has a folder or a suffix), else a named document."""
    if not root.is_dir():
        raise refusal(str(root), "evidence.root_not_a_folder")
    today = today or dt.date.today()
    result = EvidenceCheck(answers)
    referenced: set[str] = set()
    updated = {}
    for criterion, answer in answers.answers.items():
        if answer.grade in _CLAIMS and not answer.evidence:
            result.claimed_without_evidence.append(criterion)
        new_evidence: list[str] = []
        for reference in answer.evidence:
            kind = reference_kind(reference)
            is_path = kind == "path" or (kind is None and _looks_like_path(root, reference))
            if not is_path:
                new_evidence.append(reference)
                continue
            if escapes_folder(reference):  # only a text can: a structured path is refused when read
                result.outside.append((criterion, str(reference)))
                new_evidence.append(reference)
                continue
            ref = reference if isinstance(reference, EvidenceRef) else path_reference(reference)
            relative = Path(ref).as_posix()
            referenced.add(relative)
            record = _record(root, relative)
            result.checked += 1
            if record is None:
                result.missing.append((criterion, str(ref)))
                new_evidence.append(reference)
                continue
            entry = ref.entry
            if entry.sha256 is not None and entry.sha256 != record.sha256:
                result.changed.append((criterion, str(ref)))
            new_evidence.append(ref.with_record(record.sha256, record.size, record.modified, today))
        updated[criterion] = answer.model_copy(update={"evidence": new_evidence})
    result.unreferenced = sorted(_files_under(root) - referenced)
    result.answers = answers.model_copy(update={"answers": updated})
    return result


def _looks_like_path(root: Path, text: str) -> bool:
    if escapes_folder(text) or (root / text).exists():
        return True
    # A file name has no spaces or Chinese punctuation, and has a folder or a short suffix (制度/战略.pdf).
    if _NOT_IN_A_PATH.search(text):
        return False
    name = text.replace("\\", "/").rsplit("/", 1)[-1]
    return "/" in text.replace("\\", "/") or bool(_SUFFIX.search(name))


__all__ = ["EvidenceCheck", "FileRecord", "check_evidence"]
