"""Pipeline › Currencies…: the home currency and the dated exchange rates (issue 13).

Every change (the home currency, a rate added, changed or deleted, a file of rates loaded) is
stored at once as one `ChangeCurrencies` through the controller, so Edit › Undo takes it back
and every tab refreshes. A mistake (rate 0, unknown code, a broken file) is said in the dialog
in one line and nothing is stored."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.currency import (
    ChangeCurrencies,
    Rate,
    RateBook,
    check_code,
    parse_rate,
    plan_change,
)
from pipeline_desktop.domain.currency_codes import ISO_4217
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.services.rates_file import read_rates_file
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.ui.controller import PipelineController

COMMON = ("USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "INR")


def _codes() -> list[str]:
    return [*COMMON, *sorted(ISO_4217 - set(COMMON))]


class CurrenciesDialog(QDialog):
    def __init__(self, controller: PipelineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Currencies"))
        self.setObjectName("currencies_dialog")
        self.home = self._code_box("home")
        self.set_home = QPushButton(self.tr("Set &home currency"), self)
        self.set_home.clicked.connect(self._set_home)
        self.table = QTableWidget(0, 3, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._selected)
        self.currency = self._code_box("currency")
        self.since = QDateEdit(QDate.currentDate(), self)
        self.since.setObjectName("since")
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.rate = QLineEdit(self)
        self.rate.setObjectName("rate")
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e")
        self.add_button = self._button(self.tr("&Add"), "add", self._add)
        self.edit_button = self._button(self.tr("&Change selected"), "edit", self._edit)
        self.delete_button = self._button(self.tr("&Delete selected"), "delete", self._delete)
        self.load_button = self._button(self.tr("&Load rates from a file…"), "load", self._load)
        self._lay_out()
        self.controller.changed.connect(self._refresh)
        self._refresh()
        self.resize(560, 520)

    # ---- building ------------------------------------------------------------------------

    def _code_box(self, name: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setEditable(True)  # any ISO code: the list only suggests
        box.addItems(_codes())
        return box

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _lay_out(self) -> None:
        home_row = QHBoxLayout()
        home_row.addWidget(QLabel(self.tr("Home currency (every figure is in it):"), self))
        home_row.addWidget(self.home)
        home_row.addWidget(self.set_home)
        form = QFormLayout()
        form.addRow(self.tr("Currency"), self.currency)
        form.addRow(self.tr("In force from"), self.since)
        self.rate_label = QLabel(self)
        form.addRow(self.rate_label, self.rate)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button, self.load_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(home_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)

    # ---- showing -------------------------------------------------------------------------

    def _refresh(self, _changes: object = None) -> None:
        self.book: RateBook = read_book(self.controller.repository.db)
        self.home.setCurrentText(self.book.home)
        self.rate_label.setText(self.tr("Rate (%s for 1)") % self.book.home)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Currency"), self.tr("Since"), self.tr("Rate (%s for 1)") % self.book.home])
        rates = sorted(self.book.rates, key=lambda r: (r.currency, r.since), reverse=False)
        self.table.setRowCount(len(rates))
        for row, rate in enumerate(rates):
            for column, text in enumerate((rate.currency, rate.since, f"{rate.rate:.10g}")):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.rates = rates
        self._selected()

    def _selected(self) -> None:
        rate = self._current()
        self.edit_button.setEnabled(rate is not None)
        self.delete_button.setEnabled(rate is not None)
        if rate is not None:
            self.currency.setCurrentText(rate.currency)
            self.since.setDate(QDate.fromString(rate.since, "yyyy-MM-dd"))
            self.rate.setText(f"{rate.rate:.10g}")

    def _current(self) -> Rate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rates[rows[0].row()] if rows and rows[0].row() < len(self.rates) else None

    # ---- changing ------------------------------------------------------------------------

    def _typed(self) -> Rate:
        code = check_code(self.currency.currentText(), self.tr("Currency"))
        since = self.since.date().toString("yyyy-MM-dd")
        return Rate(code, since, parse_rate(self.rate.text(), self.tr("Rate")))

    def _run(self, make) -> bool:
        """Build and store one change; say what is wrong instead when it cannot be."""
        try:
            self.controller.execute(make())
        except PipelineError as error:
            self.message.setText(str(error))
            return False
        self.message.clear()
        return True

    def _set_home(self) -> None:
        before = self.book
        if not self._run(lambda: plan_change(before, self.home.currentText())):
            return
        new, old = self.book.home, before.home
        dropped = (sum(r.currency != new for r in before.rates)
                   - sum(r.currency != old for r in self.book.rates))
        if dropped > 0:  # no rate of the new home currency on their date to go through
            text = self.tr("1 rate dated before %s's first rate could not be re-expressed "
                           "in %s and was removed (Edit › Undo brings it back).") % (new, new) \
                if dropped == 1 else self.tr(
                    "%d rates dated before %s's first rate could not be re-expressed in %s "
                    "and were removed (Edit › Undo brings them back).") % (dropped, new, new)
            self.message.setText(text)

    def _add(self) -> None:
        self._run(lambda: plan_change(self.book, None, [self._typed()], label="Add rate"))

    def _edit(self) -> None:
        old = self._current()
        if old is None:
            return

        def change() -> ChangeCurrencies:
            new = plan_change(self.book, None, [self._typed()], label="Change rate")
            gone = () if new.put[0].key == old.key else (old.key,)
            return ChangeCurrencies(None, new.put, gone, "Change rate")

        self._run(change)

    def _delete(self) -> None:
        old = self._current()
        if old is not None:
            self._run(lambda: ChangeCurrencies(remove=(old.key,), label="Delete rate"))

    def _load(self) -> None:
        path = self.choose_file(self)
        if path is None:
            return

        self._run(lambda: plan_change(self.book, None, read_rates_file(path, self.book.home),
                                      label=f"Load rates from {path.name}"))

    @staticmethod
    def choose_file(parent: QWidget) -> Path | None:
        """Asks for a CSV file of rates (tests of this dialog answer it themselves)."""
        name, _ = QFileDialog.getOpenFileName(
            parent, parent.tr("Load exchange rates"), str(Path.home()),
            parent.tr("Exchange rates (*.csv);;All files (*)"))
        return Path(name) if name else None


def edit_currencies(parent: QWidget, controller: PipelineController) -> None:
    CurrenciesDialog(controller, parent).exec()

