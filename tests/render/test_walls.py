"""The rendering room's walls: WeasyPrint is imported in one module only, and rendering HTML never loads it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

SOURCE = Path(__file__).resolve().parents[2] / "dcmm"
IMPORT = re.compile(r"^\s*(?:import weasyprint|from weasyprint\b)", re.M)


def test_only_the_render_pdf_module_imports_weasyprint() -> None:
    importers = sorted(str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*.py") if IMPORT.search(p.read_text("utf-8")))
    assert importers == ["render/pdf.py"]


def test_rendering_html_does_not_load_weasyprint() -> None:
    code = (
        "import sys\n"
        "from dcmm.assessments import score_file\n"
        "from dcmm.report.context import build_context\n"
        "from dcmm.report.html import render_report_html\n"
        "import dcmm.tracker.report_pdf, dcmm.report.build, dcmm.report.batch\n"
        "from pathlib import Path\n"
        "path = next(Path(sys.argv[1]).glob('01-*.json'))\n"
        "render_report_html(build_context(score_file(path)))\n"
        "print('weasyprint' in sys.modules)\n"
    )
    root = SOURCE.parent
    found = subprocess.run(
        [sys.executable, "-c", code, str(EXAMPLES)], capture_output=True, text=True, cwd=root, check=True
    )
    assert found.stdout.strip() == "False"


def test_the_tracker_does_not_import_the_report_feature() -> None:
    tracker = (SOURCE / "tracker" / "report_pdf.py").read_text("utf-8")
    assert "dcmm.report" not in tracker
