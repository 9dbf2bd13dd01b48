"""Start-up in two steps. First the window the person will use, painted with only what the
first page needs: the newest deals read with plain sqlite3 (`storage.first_page`), the Deals
tab and the titles of the tabs and menus. Then, just after that first paint, one import of
the rest of the app (`ui.shell`, whose ordinary imports bring peewee, the session, the
menus' handlers and the other tabs), which furnishes the window and opens its session.

A file that opening would change (older, not in WAL, in use, unreadable) or that is not
there yet (the first start asks about a sample) skips the first step: the shell opens it as
File › Open does."""

from __future__ import annotations

import sys
from types import ModuleType

from PySide6.QtWidgets import QApplication

from pipeline_desktop import APP_NAME, ORG_NAME
from pipeline_desktop.errors import NotAPipelineError
from pipeline_desktop.paths import resolve_url
from pipeline_desktop.storage.address import PipelineAddress
from pipeline_desktop.storage.first_page import read_first_page
from pipeline_desktop.ui import errors, i18n, theme
from pipeline_desktop.ui.collector import collect_in_gui_thread
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.main_window import MainWindow
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.tabs import deals


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    collect_in_gui_thread(app)  # worker threads must never run the garbage collector
    return app  # type: ignore[return-value]


def prepare(app: QApplication, settings: AppSettings) -> None:
    """What every start sets up on the application before its first window."""
    errors.install(app)  # uncaught errors → log file + dialog; the app keeps running
    i18n.install_translations(app)  # the user's language where a catalog exists
    theme.apply(app, settings.get("theme"))
    app.setWindowIcon(theme.app_icon())
    app.setDesktopFileName("pipeline-desktop")  # matches packaging/pipeline-desktop.desktop


def start(db_option: str | None, settings: AppSettings) -> MainWindow | int:
    """The first window: its first page painted before the rest of the app is imported when
    the file allows it, else opened by the shell (first start included). An exit code when
    nothing opened (0: the first start's question declined; 1: the person was told why)."""
    url = resolve_url(db_option or settings.get("last_file") or None)
    window = first_window(url, settings)
    if window is not None:
        return window
    return the_app().start(settings, db_option)


def first_window(url: str, settings: AppSettings) -> MainWindow | None:
    """A shown window on the file's newest deals, its session to open just after the first
    paint (or sooner, when something asks for it); None when the file cannot be read so."""
    try:
        address = PipelineAddress.parse(url)
    except NotAPipelineError:
        return None  # the shell says why
    rows = read_first_page(address.path, deals.FIRST_PAGE) if address.path else None
    if rows is None:
        return None
    controller = PipelineController(None, url=address.url)
    window = MainWindow(controller, settings, first_rows=rows)
    window.show()
    controller.opener = lambda: the_app().Shell(settings).adopt(window, address)
    return window


def the_app() -> ModuleType:
    """The rest of the app, imported once, after the first paint (the one deferred import:
    it brings peewee, pyqtgraph and the Excel readers, ~1 s, which the first paint skips)."""
    from pipeline_desktop.ui import shell

    return shell
