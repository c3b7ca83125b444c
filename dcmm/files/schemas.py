"""JSON Schemas of every file dcmm reads or writes, generated from the models it validates them with.

The schemas ship inside the package (``dcmm/files/schemas/<name>.schema.json``). Each one's ``$id`` is
its own file name: a relative reference, so it resolves to wherever the schema is placed — beside the
files it describes, or wherever an editor's schema mapping points that name. Answer files written by
``dcmm template`` carry ``"$schema": "answer-file.schema.json"`` for the same reason.

    python -m dcmm.files.schemas [FOLDER]    # regenerate them (make schema)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from dcmm.core.answers import AnswerFile
from dcmm.core.errors import Problem, UserError
from dcmm.core.questionnaire import Domain, EditionMeta
from dcmm.files.progress_document import ProgressDocument
from dcmm.files.score_document import ScoreDocument
from dcmm.files.writing import write_atomically

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schemas"


def _crosswalk() -> type[BaseModel]:
    # Imported when asked for: the crosswalk module reads its files through dcmm.files itself.
    from dcmm.core.editions.crosswalk import Crosswalk

    return Crosswalk


def _prerequisites() -> type[BaseModel]:
    from dcmm.core.prerequisites import PrerequisiteCatalogue

    return PrerequisiteCatalogue


# Name → (the model, the schema's title). The name gives the file: <name>.schema.json.
_MODELS: dict[str, tuple[Callable[[], type[BaseModel]], str]] = {
    "answer-file": (lambda: AnswerFile, "dcmm answer file (formats 1.0, 1.1 and 1.2)"),
    "questionnaire-edition": (lambda: EditionMeta, "dcmm questionnaire: edition.yaml"),
    "questionnaire-domain": (lambda: Domain, "dcmm questionnaire: a domain file (domains/*.yaml)"),
    "prerequisites": (
        _prerequisites,
        "dcmm admission prerequisites of a certified assessment (questionnaires/prerequisites/*.yaml)",
    ),
    "crosswalk": (_crosswalk, "dcmm crosswalk between two editions (questionnaires/crosswalk/*.yaml)"),
    "score-document": (lambda: ScoreDocument, "dcmm score --format json (format dcmm-score/1)"),
    "progress-document": (
        lambda: ProgressDocument,
        "dcmm tracker progress --format json (format dcmm-tracker-progress/2)",
    ),
}
SCHEMA_NAMES: tuple[str, ...] = tuple(_MODELS)


def schema_id(name: str) -> str:
    """The ``$id`` of a schema, which is also its file name."""
    return f"{name}.schema.json"


def _known(name: str) -> tuple[Callable[[], type[BaseModel]], str]:
    try:
        return _MODELS[name]
    except KeyError:
        known = ", ".join(SCHEMA_NAMES)
        raise UserError([Problem("<schema>", f"unknown schema {name!r}: expected one of {known}")]) from None


def schema_for(name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file, generated from its model (the form the tool reads)."""
    model, title = _known(name)
    return {
        "$schema": DIALECT,
        "$id": schema_id(name),
        **model().model_json_schema(by_alias=True, mode="validation"),
        "title": title,
    }


def schema_text(name: str) -> str:
    """A schema as the text committed and shipped: stable key order, two-space indents, a final newline."""
    return json.dumps(schema_for(name), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (created if missing), each atomically; the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_NAMES:
        path = folder / schema_id(name)
        write_atomically(path, schema_text(name))
        written.append(path)
    return written


def shipped_schemas() -> Traversable:
    """The folder of the schemas that ship with the package."""
    return files("dcmm.files") / SCHEMA_FOLDER


def shipped_schema(name: str) -> dict[str, Any]:
    """A schema as shipped (what an editor or another program is given)."""
    _known(name)
    loaded: dict[str, Any] = json.loads((shipped_schemas() / schema_id(name)).read_text(encoding="utf-8"))
    return loaded


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(str(shipped_schemas()))
    for path in write_schemas(folder):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
