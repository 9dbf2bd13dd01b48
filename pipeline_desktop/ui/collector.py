"""Python's cyclic garbage collection, kept in the GUI thread.

The collector runs in whichever thread happens to allocate when a threshold is crossed. When
that is a worker thread (the deal loader, a metrics snapshot, an import), it may destroy Qt
objects that belong to the GUI thread, and Qt crashes (seen: a segfault while "Garbage-
collecting" in the deal loader as a window was being built). So automatic collection is off
while the application runs, and a timer in the GUI thread collects instead, generation by
generation as the thresholds say (pyqtgraph's GarbageCollector does the same). Reference
counting frees everything else as usual."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    @staticmethod
    def collect() -> None:
        """What automatic collection would have done by now, in this (the GUI) thread."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


def collect_in_gui_thread(app: QObject) -> GuiThreadCollector:
    """Install once per application; the collector lives as long as `app`. It is remembered
    on `app` itself: findChild() or children() from Python would first set up the classes of
    Qt's own children of the application (~5 ms of start-up)."""
    collector = getattr(app, "gui_thread_collector", None)
    if collector is None:
        collector = GuiThreadCollector(app)
        app.gui_thread_collector = collector  # type: ignore[attr-defined]
    return collector


def settle_after_bulk_load() -> None:
    """After a bulk load (every deal, a metrics snapshot), in the GUI thread: one full
    collection, then what survives is set aside (gc.freeze) so later collections walk only
    what is new. A full collection over 100,000 loaded deals takes ~80 ms: enough to stutter
    a sort or a keystroke whenever the timer's turn comes. (Unfrozen first, so what an earlier
    load set aside and has since become garbage is collected too.)"""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
