"""Cell editors for the deal table: stages are picked from a list, never typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pipeline_desktop.domain.model import Stage

AnyIndex = QModelIndex | QPersistentModelIndex


class StageDelegate(QStyledItemDelegate):
    def __init__(self, stages: Callable[[], list[Stage]], parent=None) -> None:
        super().__init__(parent)
        self._stages = stages

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802
                     index: AnyIndex) -> QWidget:
        """A combo box of the pipeline's stages, in process order."""
        combo = QComboBox(parent)
        combo.setAccessibleName(self.tr("Stage"))
        for stage in self._stages():
            combo.addItem(stage.name, stage.id)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        """Select the deal's current stage."""
        assert isinstance(editor, QComboBox)
        position = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(position, 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802
                     index: AnyIndex) -> None:
        """Hand the chosen stage id to the model, which turns it into a move."""
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
