"""Polish: Preferences, light/dark themes, About with the package version, the icon set,
accessible names and the shortcuts a desktop user expects."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QAbstractButton, QComboBox, QSpinBox
from safety_helpers import sqlite_session

from pipeline_desktop.session import Session
from pipeline_desktop.ui import theme
from pipeline_desktop.ui.dialogs import preferences
from pipeline_desktop.ui.dialogs.about import AboutDialog
from pipeline_desktop.ui.dialogs.preferences import PreferencesDialog
from pipeline_desktop.ui.settings import AppSettings


@pytest.fixture
def session(pipeline_path: Path) -> Iterator[Session]:
    """Always a SQLite file (see safety_helpers.sqlite_session)."""
    yield from sqlite_session(pipeline_path)


@pytest.fixture
def light_afterwards(qapp):
    yield
    theme.apply(qapp, "light")


def test_preferences_load_and_save(qtbot) -> None:
    settings = AppSettings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.currency.currentText() == "USD"
    assert dialog.date_format.currentData() == "yyyy-MM-dd"
    assert dialog.stale_days.value() == 30
    assert dialog.theme.currentData() == "system"
    dialog.currency.setCurrentText("eur")
    dialog.date_format.setCurrentIndex(dialog.date_format.findData("dd.MM.yyyy"))
    dialog.stale_days.setValue(45)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.save()
    again = AppSettings()
    assert (again.get("currency"), again.get("date_format"), again.get("stale_days"),
            again.get("theme")) == ("EUR", "dd.MM.yyyy", 45, "dark")


def test_nonsense_currency_keeps_the_last_good_one(qtbot) -> None:
    settings = AppSettings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.currency.setCurrentText("dollars")
    dialog.save()
    assert settings.get("currency") == "USD"


def test_date_formats_are_shown_as_examples(qtbot) -> None:
    dialog = PreferencesDialog(AppSettings())
    qtbot.addWidget(dialog)
    shown = [dialog.date_format.itemText(i) for i in range(dialog.date_format.count())]
    assert shown[0].startswith("2026-03-09") and shown[1].startswith("09/03/2026")


def test_edit_preferences_applies_theme_and_refreshes(window, qapp, monkeypatch,
                                                      light_afterwards) -> None:
    def choose_dark(_cls, settings, _parent=None, _thresholds=None) -> bool:
        settings.set("theme", "dark")
        return True

    monkeypatch.setattr(PreferencesDialog, "ask", classmethod(choose_dark))
    changed: list[object] = []
    window.controller.changed.connect(changed.append)
    preferences.edit_preferences(window, window.controller, window.settings)
    assert theme.is_dark(qapp)
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert changed  # tabs refresh from the one "pipeline changed" signal


def test_themes(qapp, light_afterwards) -> None:
    assert theme.apply(qapp, "dark") == "dark"
    window_colour = qapp.palette().color(QPalette.ColorRole.Window)
    text_colour = qapp.palette().color(QPalette.ColorRole.WindowText)
    assert text_colour.lightness() - window_colour.lightness() > 120  # readable contrast
    assert theme.apply(qapp, "light") == "light"
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 180
    expected = "dark" if theme.system_is_dark(qapp) else "light"
    assert theme.apply(qapp, "system") == expected
    assert theme.apply(qapp, "nonsense") == expected


def test_about_shows_the_package_version(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    title = dialog.findChild(object, "about_title")
    assert version("pipeline-desktop") in title.text()
    assert "Backups" in dialog.findChild(object, "about_body").text()


def test_icon_set_has_every_size(qapp) -> None:
    icon = theme.app_icon()
    assert not icon.isNull()
    sizes = {s.width() for s in icon.availableSizes()}
    assert set(theme.ICON_SIZES) <= sizes


def test_preference_controls_have_accessible_names(qtbot) -> None:
    dialog = PreferencesDialog(AppSettings())
    qtbot.addWidget(dialog)
    controls = [*dialog.findChildren(QComboBox), *dialog.findChildren(QSpinBox)]
    assert len(controls) == 4
    for control in controls:
        assert control.accessibleName(), control.objectName()
    for button in dialog.findChildren(QAbstractButton):
        assert button.text() or button.accessibleName()


def test_desktop_shortcuts(window) -> None:
    actions = window.actions_by_name
    expected = {
        "new_deal": QKeySequence("Ctrl+N"),
        "find": QKeySequence(QKeySequence.StandardKey.Find),
        "undo": QKeySequence(QKeySequence.StandardKey.Undo),
        "quit": QKeySequence("Ctrl+Q"),  # StandardKey.Quit is empty on some Linux desktops
        "import": QKeySequence("Ctrl+I"),
    }
    for name, keys in expected.items():
        assert actions[name].shortcut() == keys, name
    assert actions["redo"].shortcuts()
    assert actions["delete_deal"].shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    tab_keys = {a.shortcut().toString() for a in window.actions()}
    assert {"Ctrl+1", "Ctrl+2"} <= tab_keys
    for name in ("preferences", "restore_backup", "about"):
        assert actions[name].isEnabled(), name


def test_every_menu_action_has_text(window) -> None:
    for menu_action in window.menuBar().actions():
        for action in menu_action.menu().actions():
            assert action.isSeparator() or action.menu() or action.text(), action.objectName()



def unnamed_controls(root) -> list[str]:
    """Controls a screen reader could only call "edit" or "combo box": no accessible name, no
    label pointing at them (buddy or form row), no text, placeholder or tooltip."""
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QAbstractSpinBox,
        QFormLayout,
        QLabel,
        QLineEdit,
    )

    labelled = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    for form in root.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if field is not None and field.widget() is not None:
                labelled.add(field.widget())
    missing = []
    for kind in (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QAbstractButton):
        for control in root.findChildren(kind):
            parent = control.parent()
            if isinstance(parent, (QComboBox, QAbstractSpinBox)) or \
                    isinstance(parent.parent(), QComboBox):
                continue  # the editor or popup list inside a combo box or spin box
            if control.objectName().startswith("qt_"):
                continue  # Qt's own corner buttons
            named = (control.accessibleName() or control in labelled or control.toolTip()
                     or (isinstance(control, QAbstractButton) and control.text())
                     or (isinstance(control, QLineEdit) and control.placeholderText()))
            if not named:
                missing.append(f"{type(control).__name__} {control.objectName()!r}")
    return missing


def test_safety_dialogs_name_their_controls(qtbot, session) -> None:
    from pipeline_desktop import paths
    from pipeline_desktop.storage import backup
    from pipeline_desktop.ui.backup_actions import RestoreDialog

    backup.make_backup(session.db, session.path, paths.backups_dir(), "manual")
    dialogs = [PreferencesDialog(AppSettings()), AboutDialog(),
               RestoreDialog(None, backup.list_backups(paths.backups_dir(), session.path))]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_controls(dialog) == [], type(dialog).__name__


def test_the_window_can_be_translated(qapp, qtbot) -> None:
    """tr() strings reach Qt's translator: the German catalog turns the dialogs German."""
    from PySide6.QtCore import QLocale

    from pipeline_desktop.ui import i18n

    loaded = i18n.install_translations(qapp, QLocale(QLocale.Language.German))
    try:
        assert "pipeline_desktop" in loaded
        dialog = PreferencesDialog(AppSettings())
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == "Einstellungen"
        assert dialog.theme.itemText(2) == "Dunkel"
    finally:
        i18n.remove_translations(qapp)
    english = PreferencesDialog(AppSettings())
    qtbot.addWidget(english)
    assert english.windowTitle() == "Preferences"


def test_translation_catalog_is_up_to_date() -> None:
    """Every tr() string of the window is in the catalog (run resources/update_translations.py)."""
    import re
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from pipeline_desktop.ui import i18n

    catalog = ET.parse(i18n.TRANSLATIONS / "pipeline_desktop_de.ts").getroot()
    known = {m.findtext("source") for m in catalog.iter("message")}
    ours = Path(preferences.__file__).read_text()
    for text in re.findall(r'self\.tr\("([^"]+)"\)', ours):
        assert text in known, text


def test_health_thresholds_are_a_preferences_page_saved_with_the_pipeline(qtbot, window):
    from pipeline_desktop.services import health
    from pipeline_desktop.ui.dialogs.preferences import _health_page

    page = _health_page(window.controller)
    dialog = PreferencesDialog(window.settings, window, page)
    qtbot.addWidget(dialog)
    name, (box, _percent) = next(iter(page.editor.inputs.items()))
    box.setValue(box.minimum())
    dialog.save()
    saved = health.load_thresholds(window.controller.repository)
    assert getattr(saved, name) != getattr(health.Thresholds(), name)
