"""Ending the app one way, whatever ends it: the window's close button, File › Quit (Ctrl+Q),
the desktop session logging out (Qt emits `aboutToQuit`) or a polite kill (SIGTERM, SIGHUP,
Ctrl+C in a terminal). Each closes the open windows, and a window that closes closes its
pipeline (`Session.close`: the WAL written back into the file, the lock released)."""

from __future__ import annotations

import contextlib
import signal
import socket

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

QUIT_SIGNALS = ("SIGTERM", "SIGHUP", "SIGINT")


def install(app: QApplication) -> None:
    app.aboutToQuit.connect(QApplication.closeAllWindows)
    _quit_on_signals(app)


def _quit_on_signals(app: QApplication) -> None:
    """Python runs a signal handler only when it next gets control, which an idle Qt event loop
    never gives it: the signal also wakes a socket that Qt watches."""
    receiver, sender = socket.socketpair()
    receiver.setblocking(False)
    sender.setblocking(False)
    try:
        signal.set_wakeup_fd(sender.fileno())
    except ValueError:  # not the main thread (an embedding host): leave its signals alone
        receiver.close()
        sender.close()
        return
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(receiver))
    app._quit_signal_sockets = (receiver, sender, notifier)  # type: ignore[attr-defined]
    for name in QUIT_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), lambda *_: app.quit())


def _drain(receiver: socket.socket) -> None:
    with contextlib.suppress(OSError):
        receiver.recv(64)
