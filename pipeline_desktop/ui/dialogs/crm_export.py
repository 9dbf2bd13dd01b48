"""File › Export for a CRM…: which CRM, and whether only the deals changed here since they
came from it. The file is asked next (ui/excel_actions.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.services.excel.crm_layouts import LAYOUTS


class CrmExportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crm_export_dialog")
        self.setWindowTitle(self.tr("Export for a CRM"))
        self.crm_combo = QComboBox(self)
        self.crm_combo.setObjectName("crm_combo")
        for layout in LAYOUTS.values():
            self.crm_combo.addItem(layout.name, layout.key)
        self.changed_box = QCheckBox(self.tr("Only deals made or changed here since they "
                                             "came from that CRM"), self)
        self.changed_box.setObjectName("changed_box")
        note = QLabel(self.tr("Deals that came from the CRM are updated there; deals made "
                              "here are created. Stages go out under the CRM's own names."),
                      self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        form = QFormLayout()
        form.addRow(self.tr("CRM:"), self.crm_combo)
        form.addRow("", self.changed_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @classmethod
    def ask(cls, parent: QWidget | None = None) -> tuple[str, bool] | None:
        """(CRM key, only changed deals) or None (cancelled)."""
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.crm_combo.currentData(), dialog.changed_box.isChecked()
