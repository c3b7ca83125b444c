"""Evidence references: a file under the evidence folder, a web address or a named document, with what was recorded."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Final, Literal

from pydantic import (
    Field,
    GetCoreSchemaHandler,
    GetPydanticSchema,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from dcmm.core.text import StrictModel

# 1.2 adds structured evidence references (an object instead of a text in an answer's evidence list).
FORMAT_VERSION_EVIDENCE: Final = "1.2"
EVIDENCE_NEEDS_1_2 = "evidence_needs_1_2"  # error type
EVIDENCE_SHAPE = "evidence_shape"  # error type
EVIDENCE_ONE_TARGET = "evidence_one_target"  # error type
# The error types above are worded by the evidence catalogue (dcmm/i18n/*/evidence.yaml), in both languages.
EVIDENCE_ERRORS: Final = frozenset({"evidence_needs_1_2", "evidence_shape", "evidence_one_target", "evidence_outside"})
EVIDENCE_OUTSIDE = "evidence_outside"  # error type
EvidenceKind = Literal["path", "url", "document"]
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_SHA256 = r"^[0-9a-f]{64}$"


def escapes_folder(path: str) -> bool:
    """Whether a path would leave the folder it is relative to: absolute (``/x``, ``C:\\x``, ``\\\\host``) or
    through ``..``. Symlinks are for the files layer, which sees the disk."""
    parts = re.split(r"[/\\]", path)
    return path.startswith(("/", "\\")) or bool(re.match(r"^[A-Za-z]:", path)) or ".." in parts


class EvidenceEntry(StrictModel):
    """One evidence reference as an answer file writes it: exactly one of path, url or document."""

    path: str | None = Field(default=None, min_length=1, description="a file, relative to the evidence folder")
    url: str | None = Field(default=None, min_length=1, description="a web address")
    document: str | None = Field(default=None, min_length=1, description="a named document (制度、记录、访谈)")
    owner: str | None = Field(default=None, description="who keeps it")
    date: dt.date | None = Field(default=None, description="the date of the document")
    description: str | None = None
    sha256: str | None = Field(default=None, pattern=_SHA256, description="path only: recorded by evidence check")
    size: int | None = Field(default=None, ge=0, description="path only: bytes, recorded by evidence check")
    modified: dt.datetime | None = Field(default=None, description="path only: the file's time, recorded")
    recorded_on: dt.date | None = Field(default=None, description="path only: when the record was made")

    @field_validator("path")
    @classmethod
    def _inside_the_folder(cls, path: str | None) -> str | None:
        if path is not None and escapes_folder(path):
            raise PydanticCustomError(
                EVIDENCE_OUTSIDE,
                "{path!r} leaves the evidence folder: give a path relative to it, without ..",
                {"path": path},
            )
        return path

    @model_validator(mode="after")
    def _one_target(self) -> EvidenceEntry:
        given = [name for name in ("path", "url", "document") if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                EVIDENCE_ONE_TARGET, "an evidence reference names exactly one of path, url or document"
            )
        if self.path is None and any(v is not None for v in (self.sha256, self.size, self.modified, self.recorded_on)):
            raise PydanticCustomError(EVIDENCE_ONE_TARGET, "sha256, size, modified and recorded_on belong to a path")
        return self


class EvidenceRef(str):
    """A structured evidence reference. It is its target's text (path, url or document name), so every
    reader of evidence as text keeps working; the details ride along in ``entry``."""

    entry: EvidenceEntry

    def __new__(cls, entry: EvidenceEntry) -> EvidenceRef:
        ref = super().__new__(cls, entry.path or entry.url or entry.document or "")
        ref.entry = entry
        return ref

    def __reduce__(self) -> tuple[Any, ...]:
        return (EvidenceRef, (self.entry,))

    @property
    def kind(self) -> EvidenceKind:
        return "path" if self.entry.path is not None else "url" if self.entry.url is not None else "document"

    def with_record(self, sha256: str, size: int, modified: dt.datetime, recorded_on: dt.date) -> EvidenceRef:
        """The same reference with a file's digest, size and time recorded."""
        update = {"sha256": sha256, "size": size, "modified": modified, "recorded_on": recorded_on}
        return EvidenceRef(self.entry.model_copy(update=update))


def reference_kind(reference: str) -> EvidenceKind | None:
    """The kind of a reference: structured ones know theirs; a plain text is a url when it starts with a
    scheme (``https://``), else None: a named document or a path, decided by what the evidence folder holds."""
    if isinstance(reference, EvidenceRef):
        return reference.kind
    return "url" if _URL.match(reference) else None


def path_reference(path: str) -> EvidenceRef:
    """A plain text found to name a file, as a structured path reference."""
    return EvidenceRef(EvidenceEntry(path=path))


def _validate(value: Any, handler: core_schema.ValidatorFunctionWrapHandler, _info: ValidationInfo) -> str:
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise PydanticCustomError(
            EVIDENCE_SHAPE, "an evidence reference is a text or an object with path, url or document"
        )
    return EvidenceRef(handler(value))


def _serialise(value: str, info: core_schema.SerializationInfo) -> Any:
    if info.mode != "json":  # Python keeps the reference itself, details and all
        return value
    if isinstance(value, EvidenceRef):
        return value.entry.model_dump(mode="json", exclude_none=True)
    return str(value)


def _core_schema(_source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
    return core_schema.with_info_wrap_validator_function(
        _validate,
        handler.generate_schema(EvidenceEntry),
        serialization=core_schema.plain_serializer_function_ser_schema(_serialise, info_arg=True),
    )


def _json_schema(_schema: Any, handler: Any) -> Any:
    entry = handler(_schema["schema"])  # the object form, from EvidenceEntry
    return {"anyOf": [{"type": "string", "description": "a named document, a path or a url"}, entry]}


# The element type of an answer's evidence: a text (files of format 1.0 and 1.1) or a structured reference.
Evidence = Annotated[str, GetPydanticSchema(_core_schema, _json_schema)]


def uses_structured_evidence(evidence_lists: Any) -> bool:
    """Whether any of the evidence lists holds a structured reference (format 1.2)."""
    return any(isinstance(e, EvidenceRef) for evidence in evidence_lists for e in evidence)


__all__ = [
    "EVIDENCE_ERRORS",
    "EVIDENCE_NEEDS_1_2",
    "EVIDENCE_ONE_TARGET",
    "EVIDENCE_OUTSIDE",
    "EVIDENCE_SHAPE",
    "FORMAT_VERSION_EVIDENCE",
    "Evidence",
    "EvidenceEntry",
    "EvidenceKind",
    "EvidenceRef",
    "escapes_folder",
    "path_reference",
    "reference_kind",
    "uses_structured_evidence",
]
