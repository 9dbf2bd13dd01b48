"""File › Open team pipeline… and File › Copy to team server… (entries of the File menu).

The password is asked here, kept for this run, and put in the system keyring when the person
ticks "Remember"; it never goes into settings or the recent-files list, which hold the address
without it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from pipeline_desktop import APP_NAME
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.session import open_session
from pipeline_desktop.storage import team
from pipeline_desktop.storage.database import is_server_url
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.status import say
from pipeline_desktop.ui.workers import Progress, run_job

OpenUrl = Callable[[str], None]  # opens another pipeline in place of the current one

SSL_MODES = ("prefer", "disable", "require", "verify-ca", "verify-full")


@dataclass
class ServerAnswer:
    host: str
    port: int
    database: str
    user: str
    password: str
    sslmode: str = "prefer"
    remember: bool = False
    replace: bool = False

    @property
    def url(self) -> str:
        sslmode = "" if self.sslmode == "prefer" else self.sslmode  # libpq's default
        return team.server_url(self.host, self.database, self.user, port=self.port,
                               sslmode=sslmode)


def answer_from_url(url: str) -> ServerAnswer:
    """Pre-fill the dialog from a remembered address (which never holds a password)."""
    if not is_server_url(url):
        return ServerAnswer("localhost", 5432, "pipeline", "", "")
    parts = urlsplit(url)
    sslmode = parse_qs(parts.query).get("sslmode", ["prefer"])[0]
    return ServerAnswer(parts.hostname or "", parts.port or 5432,
                        unquote(parts.path.lstrip("/")), unquote(parts.username or ""), "",
                        sslmode if sslmode in SSL_MODES else "prefer")


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return False
    return not isinstance(keyring.get_keyring(), fail.Keyring)


class TeamServerDialog(QDialog):
    """Where the team pipeline lives: server, database, user, password, TLS."""

    def __init__(self, parent: QWidget | None, answer: ServerAnswer, *, title: str,
                 offer_replace: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("team_server_dialog")
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.host = QLineEdit(answer.host)
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(answer.port)
        self.database = QLineEdit(answer.database)
        self.user = QLineEdit(answer.user)
        self.password = QLineEdit(answer.password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        self.sslmode.addItems(SSL_MODES)
        self.sslmode.setCurrentText(answer.sslmode)
        self.remember = QCheckBox(self.tr("Remember the password in the system keyring"))
        if not keyring_available():
            self.remember.setEnabled(False)
            self.remember.setToolTip(self.tr("No system keyring was found: the password is "
                                             "kept until the app closes"))
        self.replace = QCheckBox(self.tr("Replace the deals already on the server"))
        for label, widget in ((self.tr("Server"), self.host), (self.tr("Port"), self.port),
                              (self.tr("Database"), self.database),
                              (self.tr("User"), self.user), (self.tr("Password"), self.password),
                              (self.tr("Encryption (sslmode)"), self.sslmode)):
            form.addRow(label, widget)
        form.addRow(self.remember)
        if offer_replace:
            form.addRow(self.replace)
        note = QLabel(self.tr("Access is managed on the server with PostgreSQL roles: a role "
                              "allowed only to read opens the pipeline read-only."))
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def answer(self) -> ServerAnswer:
        return ServerAnswer(self.host.text().strip(), self.port.value(),
                            self.database.text().strip(), self.user.text().strip(),
                            self.password.text(), self.sslmode.currentText(),
                            self.remember.isChecked(), self.replace.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, answer: ServerAnswer, *, title: str,
            offer_replace: bool = False) -> ServerAnswer | None:
        dialog = cls(parent, answer, title=title, offer_replace=offer_replace)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()


def ask_password(parent: QWidget | None, url: str, message: str) -> str | None:
    """Asked again when the server refuses the password (tests replace this)."""
    text, ok = QInputDialog.getText(parent, parent.tr("Team server password") if parent else "",
                                    f"{message}\n\n{team.display_url(url)}",
                                    QLineEdit.EchoMode.Password)
    return text if ok else None


def last_server(controller: PipelineController, settings: AppSettings) -> str:
    """The most recent team address (recent files hold addresses without passwords)."""
    current = controller.url
    if is_server_url(current):
        return current
    return next((u for u in settings.get("recent_files") if is_server_url(u)), "")


def connect_checked(parent: QWidget, answer: ServerAnswer) -> str | None:
    """Remember the password and make sure the server takes it (asking again if not);
    return the address to open, or None when the person gave up."""
    url, password = answer.url, answer.password
    while True:
        if password:
            team.remember_password(url, password, keep=answer.remember)
        try:
            open_session(url).close()
        except team.PasswordNeeded as error:
            password = ask_password(parent, url, str(error))
            if password is None:
                return None
            continue
        return url


def open_team_pipeline(parent: QWidget, controller: PipelineController, settings: AppSettings,
                       open_url: OpenUrl) -> None:
    answer = TeamServerDialog.ask(parent, answer_from_url(last_server(controller, settings)),
                                  title=parent.tr("Open team pipeline"))
    if answer is None:
        return
    url = connect_checked(parent, answer)
    if url is not None:
        open_url(url)


def copy_to_server(parent: QWidget, controller: PipelineController, settings: AppSettings,
                   open_url: OpenUrl) -> None:
    """From a file: copy it onto a server. From a server: copy it back into a file."""
    if controller.session.path is None:
        copy_to_file(parent, controller)
        return
    answer = TeamServerDialog.ask(parent, answer_from_url(last_server(controller, settings)),
                                  title=parent.tr("Copy to team server"), offer_replace=True)
    if answer is None:
        return
    url = connect_checked(parent, answer)
    if url is None:
        return
    report = run_copy(parent, controller, url, replace=answer.replace)
    if report is None:
        return
    if QMessageBox.question(parent, parent.tr("Copy to team server"),
                            report.summary() + "\n\n" + parent.tr("Open the team pipeline now?")
                            ) == QMessageBox.StandardButton.Yes:
        open_url(url)


def copy_to_file(parent: QWidget, controller: PipelineController) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Copy the team pipeline to a file"),
                                          str(Path.home() / "Team copy.pipeline"),
                                          "Pipeline files (*.pipeline)")
    if not path:
        return None
    target = Path(path)
    if target.exists():
        target.unlink()  # the dialog already asked to replace it
    report = run_copy(parent, controller, str(target), replace=True)
    if report is not None:
        say(parent, report.summary(), 8000)
    return target if report is not None else None


def run_copy(parent: QWidget, controller: PipelineController, target: str, *, replace: bool
             ) -> team.CopyReport | None:
    """Copy in a worker, with a progress dialog and Cancel: the window keeps painting (a
    100,000-deal pipeline takes seconds). A problem becomes a message, nothing half-done."""
    source = controller.session.db

    def copy(progress: Progress) -> team.CopyReport:
        return team.copy_pipeline(source, target, replace=replace, progress=progress)

    try:
        result = run_job(parent, parent.tr("Copying the pipeline…"), copy, databases=(source,),
                         cancel_errors=(team.CopyCancelled,), minimum_ms=300)
    except PipelineError as error:
        QMessageBox.warning(parent, APP_NAME, str(error))
        return None
    return None if result.cancelled else result.value
