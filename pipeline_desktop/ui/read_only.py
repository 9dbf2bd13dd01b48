"""A pipeline opened read-only (another window writes it, the file is read-only, or a team
role may only read): every control that could change it is switched off, so nobody types an
edit that could not be saved."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def freeze(widget: QWidget) -> None:
    """Text stays selectable (read-only); buttons, lists to pick from and editors go grey."""
    tip = widget.tr("This pipeline is open read-only")
    for text in widget.findChildren(QLineEdit) + widget.findChildren(QPlainTextEdit) \
            + widget.findChildren(QTextEdit):
        if not isinstance(text.parent(), QComboBox | QAbstractSpinBox):
            text.setReadOnly(True)
    for control in (widget.findChildren(QAbstractButton) + widget.findChildren(QComboBox)
                    + widget.findChildren(QAbstractSpinBox)):
        control.setEnabled(False)
        control.setToolTip(tip)
    for view in widget.findChildren(QAbstractItemView):
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setDragEnabled(False)
        view.setAcceptDrops(False)
