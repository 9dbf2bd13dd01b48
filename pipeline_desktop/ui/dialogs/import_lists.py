"""What the import wizard's preview lists beside the changed deals: the new deals the file
brings in, and one sentence when there is nothing to import."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from pipeline_desktop.domain.money import format_money
from pipeline_desktop.services.excel.preview import Preview


def tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


def new_deals(preview: Preview, limit: int) -> tuple[list[tuple[str, str]], int]:
    """(title, value) of the first `limit` new deals, and how many there are."""
    columns, rows = preview.edit().inserts.get("deal", ((), []))
    if not rows:
        return [], 0
    title, value, currency = (columns.index(name) for name in ("title", "value_cents",
                                                                "currency"))
    shown = [(str(row[title]), "" if row[value] is None
              else format_money(row[value], row[currency] or "USD", whole=True))
             for row in rows[:limit]]
    return shown, len(rows)


def add_new_deals(tree: QTreeWidget, preview: Preview, limit: int) -> None:
    """A "New deals (n)" branch first in the changes tree: title, and the value it comes in at."""
    shown, total = new_deals(preview, limit)
    if not total:
        return
    branch = QTreeWidgetItem([tr("New deals (%s)") % f"{total:,}"])
    for title, value in shown:
        branch.addChild(QTreeWidgetItem([title, "", value]))
    if total > len(shown):
        branch.addChild(QTreeWidgetItem([tr("… and %s more") % f"{total - len(shown):,}"]))
    tree.insertTopLevelItem(0, branch)
    branch.setExpanded(True)


def nothing_to_import(preview: Preview) -> str | None:
    """The sentence for a file that would change nothing (None when it would)."""
    if preview.has_changes or preview.problems:
        return None
    unchanged = preview.deals.unchanged
    if unchanged:
        return tr("Nothing to import: the %s deals in %s are already in the pipeline, exactly "
                  "as they are in the file.") % (f"{unchanged:,}", preview.source.path.name)
    return tr("Nothing to import: %s holds no deals on sheet “%s”.") % (
        preview.source.path.name, preview.sheet)
