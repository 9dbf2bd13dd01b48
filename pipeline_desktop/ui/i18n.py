"""Translations for the user's language: Qt's own (standard buttons and dialogs) and the app's
(`tr()` strings, compiled from pipeline_desktop/resources/translations/*.ts by
resources/update_translations.py). A language without a file simply shows English."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[1] / "resources" / "translations"
APP_CATALOG = "pipeline_desktop"
_installed: list[QTranslator] = []


def install_translations(app: QCoreApplication, locale: QLocale | None = None) -> list[str]:
    """Load the catalogs for `locale` (default: the system's); return the ones found."""
    remove_translations(app)
    locale = locale or QLocale.system()
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for catalog, folder in (("qtbase", qt_folder), (APP_CATALOG, str(TRANSLATIONS))):
        translator = QTranslator(app)
        if translator.load(locale, catalog, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
            loaded.append(catalog)
    return loaded


def remove_translations(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())
