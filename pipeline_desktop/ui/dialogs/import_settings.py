"""The import preview's settings box: the settings sheets' differences from the pipeline
(targets, ideal customer, thresholds, lists), one line each, and the tick box that applies
them with the import."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGroupBox, QListWidget, QVBoxLayout, QWidget

from pipeline_desktop.services.excel.settings_base import SettingsDiff


class SettingsDifferences(QGroupBox):
    """Hidden when the workbook's settings are the pipeline's. The tick box writes straight
    into the preview's `SettingsDiff.accepted`, which `Preview.edit` reads."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Settings in the file that differ from this pipeline's"),
                         parent)
        self.setObjectName("settings_differences")
        self.settings = SettingsDiff()
        self.lines = QListWidget(self)
        self.lines.setObjectName("settings_lines")
        self.apply_box = QCheckBox(self.tr("Apply these settings with the import"), self)
        self.apply_box.setObjectName("apply_settings")
        self.apply_box.toggled.connect(self._choose)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines)
        layout.addWidget(self.apply_box)

    def fill(self, settings: SettingsDiff) -> None:
        self.settings = settings
        self.lines.clear()
        self.lines.addItems(settings.lines())
        self.apply_box.setChecked(settings.accepted)
        self.setVisible(bool(settings))

    def _choose(self, checked: bool) -> None:
        self.settings.accepted = checked
