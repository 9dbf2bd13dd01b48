"""Help › About: the version (from the installed package's metadata), what the app runs on, and
where its data, backups and logs live."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import pipeline_desktop
from pipeline_desktop import APP_NAME, paths
from pipeline_desktop.ui.theme import app_icon


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(self.tr("About %s") % APP_NAME)
        version = pipeline_desktop.__version__
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAccessibleName(self.tr("Application icon"))
        title = QLabel(f"<h2>{APP_NAME} {version}</h2>", self)
        title.setObjectName("about_title")
        body = QLabel(self)
        body.setObjectName("about_body")
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setWordWrap(True)
        body.setOpenExternalLinks(False)
        body.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))
        folder = paths.data_dir()
        body.setText(
            self.tr("Keep your sales pipeline, see where it is healthy or stuck, and round-trip "
                    "it through Excel. Works offline; your data stays on this computer.")
            + "<br><br>"
            + self.tr("Data folder: %s") % _link(folder)
            + "<br>" + self.tr("Backups: %s") % _link(paths.backups_dir())
            + "<br>" + self.tr("Logs: %s") % _link(paths.logs_dir())
            + "<br><br>"
            + f"Python {platform.python_version()} · Qt {qVersion()} · "
              f"PySide6 {PySide6.__version__} · {platform.system()} {platform.machine()}"
            + "<br>" + self.tr("Licensed under the MIT licence.")
        )
        body.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(body)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)


def _link(path: object) -> str:
    url = QUrl.fromLocalFile(str(path)).toString()
    return f'<a href="{url}">{path}</a>'


def show_about(parent: QWidget | None) -> None:
    AboutDialog(parent).exec()
