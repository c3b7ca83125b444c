"""The core imports pydantic and the standard library only."""

import json
import subprocess
import sys

ALLOWED = {"dcmm", "pydantic", "pydantic_core", "typing_extensions", "annotated_types", "typing_inspection"}


def test_core_loads_no_ui_pdf_or_database_library() -> None:
    code = (
        "import sys, json\n"
        "import dcmm.core.scoring, dcmm.core.answers, dcmm.core.questionnaire, dcmm.core.identifiers\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout))
    foreign = {m for m in loaded if m not in sys.stdlib_module_names and not m.startswith("_") and m not in ALLOWED}
    assert foreign == set()
    assert not loaded & {"textual", "weasyprint", "sqlalchemy", "rich", "jinja2", "yaml"}
