"""The core imports pydantic and the standard library only."""

import json
import subprocess
import sys

ALLOWED = {"dcmm", "pydantic", "pydantic_core", "typing_extensions", "annotated_types", "typing_inspection"}


def test_core_loads_no_ui_pdf_or_database_library() -> None:
    code = (
        "import sys, json\n"
        "import dcmm.core.scoring, dcmm.core.answers, dcmm.core.questionnaire, dcmm.core.identifiers\n"
        "import dcmm.core.base, dcmm.core.text, dcmm.core.errors, dcmm.core.quickscan\n"
        "import dcmm.core.editions.crosswalk, dcmm.core.editions.migrate, dcmm.core.editions.merge\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = set(json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout))
    foreign = {m for m in loaded if m not in sys.stdlib_module_names and not m.startswith("_") and m not in ALLOWED}
    assert foreign == set()
    assert not loaded & {"textual", "weasyprint", "sqlalchemy", "rich", "jinja2", "yaml"}


def test_the_core_imports_no_other_part_of_dcmm() -> None:
    code = (
        "import sys, json, pkgutil, importlib, dcmm.core\n"
        "for m in pkgutil.walk_packages(dcmm.core.__path__, 'dcmm.core.'): importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('dcmm'))))"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
    assert "dcmm.core.editions.merge" in loaded
    assert [m for m in loaded if m != "dcmm" and not m.startswith("dcmm.core")] == []
