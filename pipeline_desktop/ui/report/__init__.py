"""The printable report: a few A4 pages drawn with Qt's own PDF writer (QPdfWriter + QPainter).

Page 1: health score and its breakdown, the target, the KPIs against the previous period.
Page 2: the funnel and the forecast with the target line. Then the findings and the deals to act
on. Every page carries the pipeline's name, the date and "page n of N" (the document is laid
out twice: once to count the pages, once to write them).

The figures come from the Qt-free core (services.metrics and services.health); `data` gathers
them (no Qt), `page` holds the geometry, colours and the y cursor over pages, `summary`,
`charts` and `findings` lay out and paint the pages, and `writer` drives QPdfWriter."""

from pipeline_desktop.ui.report.data import ReportData, gather
from pipeline_desktop.ui.report.writer import render, write_report

__all__ = ["ReportData", "gather", "render", "write_report"]
