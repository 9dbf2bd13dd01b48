"""Edit › Preferences…: currency, date format, default stale days and theme.

The dialog only reads and writes AppSettings (`load`/`save`); `edit_preferences` then applies
the theme and emits `settings.changed`, which the tabs that show money or dates connect to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.services import health
from pipeline_desktop.ui import theme
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.dialogs.targets import ThresholdsEditor
from pipeline_desktop.ui.settings import AppSettings

CURRENCIES = ("USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "JPY", "SEK", "NOK", "DKK",
              "PLN", "INR", "BRL", "MXN", "ZAR", "SGD")
DATE_FORMATS = ("yyyy-MM-dd", "dd/MM/yyyy", "MM/dd/yyyy", "dd.MM.yyyy", "d MMM yyyy")
MAX_STALE_DAYS = 365
SAMPLE_DAY = date(2026, 3, 9)  # day and month differ, so the formats are told apart


class PreferencesDialog(QDialog):
    def __init__(self, settings: AppSettings, parent: QWidget | None = None,
                 thresholds: HealthPage | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.health_page = thresholds
        self.setObjectName("preferences_dialog")
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout()
        self.currency = QComboBox(self)
        self.currency.setEditable(True)  # any ISO code, the list only suggests
        self.currency.addItems(CURRENCIES)
        self.date_format = QComboBox(self)
        for pattern in DATE_FORMATS:
            self.date_format.addItem(format_sample(pattern), pattern)
        self.stale_days = QSpinBox(self)
        self.stale_days.setRange(1, MAX_STALE_DAYS)
        self.stale_days.setSuffix(self.tr(" days"))
        self.theme = QComboBox(self)
        for key, text in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                          ("dark", self.tr("Dark"))):
            self.theme.addItem(text, key)
        rows = (
            (self.tr("&Currency of new deals"), self.currency, "currency"),
            (self.tr("&Date format"), self.date_format, "date_format"),
            (self.tr("Deals are &stale after"), self.stale_days, "stale_days"),
            (self.tr("&Theme"), self.theme, "theme"),
        )
        for label, widget, name in rows:
            widget.setObjectName(name)
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
        hint = QLabel(self.tr("Stages can set their own stale time in Pipeline › Stages…; this "
                              "is the default for new stages and the health check."), self)
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        general = QWidget(self)
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(form)
        general_layout.addWidget(hint)
        general_layout.addStretch(1)
        layout = QVBoxLayout(self)
        if self.health_page is None:
            layout.addWidget(general)
        else:  # the health check's thresholds travel with the pipeline, not the computer
            pages = QTabWidget(self)
            pages.addTab(general, self.tr("General"))
            pages.addTab(self.health_page.editor, self.tr("Health check"))
            layout.addWidget(pages)
        layout.addWidget(buttons)
        self.load()

    def load(self) -> None:
        self.currency.setCurrentText(str(self.settings.get("currency")))
        index = self.date_format.findData(self.settings.get("date_format"))
        self.date_format.setCurrentIndex(max(index, 0))
        self.stale_days.setValue(int(self.settings.get("stale_days")))
        self.theme.setCurrentIndex(max(self.theme.findData(self.settings.get("theme")), 0))

    def save(self) -> None:
        code = self.currency.currentText().strip().upper()
        if len(code) == 3 and code.isalpha():  # otherwise keep the last good one
            self.settings.set("currency", code)
        self.settings.set("date_format", self.date_format.currentData())
        self.settings.set("stale_days", self.stale_days.value())
        self.settings.set("theme", self.theme.currentData())
        self.settings.sync()
        if self.health_page is not None:
            self.health_page.save(self.health_page.editor.value())

    @classmethod
    def ask(cls, settings: AppSettings, parent: QWidget | None = None,
            thresholds: HealthPage | None = None) -> bool:
        """Show the dialog; True (and saved) when the user pressed OK."""
        dialog = cls(settings, parent, thresholds)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        dialog.save()
        return True


def format_sample(pattern: str) -> str:
    day = QDate(SAMPLE_DAY.year, SAMPLE_DAY.month, SAMPLE_DAY.day)
    return f"{QLocale.c().toString(day, pattern)}   ({pattern})"


@dataclass
class HealthPage:
    """The health-check thresholds page: an editor and how to store what it holds."""

    editor: QWidget
    save: Callable[[Any], None]


def _health_page(controller: PipelineController) -> HealthPage | None:
    if controller.session.read_only:
        return None
    repository = controller.repository
    editor = ThresholdsEditor(health.load_thresholds(repository))
    return HealthPage(editor, lambda value: health.save_thresholds(repository, value))


def edit_preferences(parent: QWidget, controller: PipelineController, settings: AppSettings
                     ) -> None:
    if not PreferencesDialog.ask(settings, parent, _health_page(controller)):
        return
    app = QApplication.instance()
    if isinstance(app, QApplication):
        theme.apply(app, settings.get("theme"))
    settings.changed.emit()  # tabs that show money or dates re-read their settings
    controller.notify()  # and the thresholds may have changed the health check
