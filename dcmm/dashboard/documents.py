"""Downloads: a publication as CSV, XLSX, DOCX or PDF through the tracker's own writers, and the staff
lists (expiring certificates) as CSV or XLSX; every text cell made inert for spreadsheets."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

from starlette.responses import Response

from dcmm.files.cells import spreadsheet_row
from dcmm.i18n import Language, vocabulary
from dcmm.render.briefing import Briefing, BriefingColumn, BriefingRow, BriefingTable
from dcmm.tracker.published import Publication
from dcmm.tracker.records import ExpiringCertificate
from dcmm.tracker.regions import region_name

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
EXPIRING_COLUMNS = ("credit_code", "name", "province", "city", "level", "certificate_number", "issue_date", "expiry")


def attachment(content: bytes, format: str, stem: str) -> Response:
    name = f"{stem}.{format}"
    headers = {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}
    return Response(content, media_type=MEDIA[format], headers=headers)


def _written(write: object, format: str) -> bytes:
    """What a writer that takes a path writes, read back (it writes atomically into a folder of its own)."""
    with tempfile.TemporaryDirectory(prefix="dcmm-dashboard-") as folder:
        path = Path(folder) / f"download.{format}"
        write(path)  # type: ignore[operator]
        return path.read_bytes()


def publication_file(publication: Publication, format: str, stem: str) -> Response:
    """The publication as one file, written by the writer the command line uses for that format."""
    if format == "csv":
        from dcmm.tracker.output import to_csv

        return attachment(to_csv(publication).encode("utf-8-sig"), format, stem)
    if format == "pdf":
        from dcmm.tracker.report_pdf import write_progress_pdf

        return attachment(_written(lambda path: write_progress_pdf(publication, path), format), format, stem)
    from dcmm.tracker.briefing import BriefingFormat, write_briefing

    kind: BriefingFormat = "xlsx" if format == "xlsx" else "docx"
    return attachment(_written(lambda path: write_briefing(publication, path, kind), format), format, stem)


def _expiring_cells(c: ExpiringCertificate) -> tuple[object, ...]:
    return (
        c.credit_code,
        c.name,
        region_name(c.province),
        c.city,
        c.level,
        c.certificate_number,
        c.issue_date.isoformat(),
        c.expiry_date.isoformat(),
    )


def expiring_file(found: Sequence[ExpiringCertificate], format: str, lang: Language, stem: str) -> Response:
    """Expiring certificates as CSV or XLSX (an internal list: it names organisations)."""
    t = vocabulary(lang)
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([f"# {t('dashboard.internal_banner')}"])
        writer.writerow(EXPIRING_COLUMNS)
        for certificate in found:
            writer.writerow(spreadsheet_row(_expiring_cells(certificate)))
        return attachment(buffer.getvalue().encode("utf-8-sig"), format, stem)
    columns = tuple(BriefingColumn(t(f"dashboard.col_{key}"), key == "level", 0, key) for key in EXPIRING_COLUMNS)
    rows = tuple(BriefingRow(tuple(_expiring_cells(c))) for c in found)  # type: ignore[arg-type]
    table = BriefingTable(t("dashboard.expiring_title"), t("dashboard.expiring_sheet"), columns, rows)
    document = Briefing(t("dashboard.expiring_title"), "", lang, (t("dashboard.internal_banner"),), (table,))
    from dcmm.render.xlsx import write_xlsx

    return attachment(_written(lambda path: write_xlsx(document, path), format), format, stem)
