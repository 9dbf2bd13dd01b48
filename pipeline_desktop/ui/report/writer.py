"""The QPdfWriter driver: lay the document out once to count its pages, then write it with
"page n of N" on every footer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from pipeline_desktop import APP_NAME
from pipeline_desktop.errors import StorageError
from pipeline_desktop.session import Session
from pipeline_desktop.ui.report.charts import FUNNEL_STEP, forecast, funnel
from pipeline_desktop.ui.report.data import ReportData, gather
from pipeline_desktop.ui.report.findings import findings_pages
from pipeline_desktop.ui.report.page import Doc
from pipeline_desktop.ui.report.summary import summary_page


def write_report(session: Session, out: Path, *, start: date | None = None,
                 end: date | None = None, today: date | None = None) -> int:
    """Write the PDF; return its number of pages. A folder that refuses it is a StorageError."""
    data = gather(session, start, end, today)
    return render(data, out)


def render(data: ReportData, out: Path) -> int:
    """Write `data` as a PDF to `out`; return its number of pages."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pages = _draw(_writer(buffer, data), data, total=0)  # a dry run to count the pages
    buffer.close()
    if not out.parent.is_dir():
        raise StorageError(f"Cannot write {out}: the folder {out.parent} does not exist")
    _draw(_writer(str(out), data), data, total=pages)
    if not out.exists() or out.stat().st_size == 0:
        raise StorageError(f"Could not write {out}")
    return pages


def _writer(target: str | QBuffer, data: ReportData) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setTitle(f"{data.name} — pipeline report {data.today.isoformat()}")
    writer.setCreator(APP_NAME)
    return writer


def _draw(writer: QPdfWriter, data: ReportData, total: int) -> int:
    painter = QPainter()
    if not painter.begin(writer):
        raise StorageError("Could not start the PDF (is the file open in another program?)")
    try:
        doc = Doc(painter, writer, data, total)
        summary_page(doc)
        doc.ensure(60 + FUNNEL_STEP * len(data.now.open_stage_figures()))  # keep it together
        doc.heading("Funnel", "Open deals by stage, as of today; the share that moves on to "
                    "the next stage between the bars")
        funnel(doc)
        if doc.page == 1:
            doc.new_page()
        doc.ensure(300)
        doc.heading("Forecast", "Won value by month, and the weighted value of open deals "
                    "expected to close; the red line is the target")
        forecast(doc)
        findings_pages(doc)
        doc.finish()
        return doc.page
    finally:
        painter.end()
