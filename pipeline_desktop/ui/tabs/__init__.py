"""The main window's tabs, in order, each with the callable that builds it from the controller
and the settings. The Deals tab paints first; the others are built the first time they are
shown and their modules imported then (`later`), so pyqtgraph (about a second to import) never
delays the window appearing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QVBoxLayout, QWidget

from pipeline_desktop.ui.later import later
from pipeline_desktop.ui.tabs.deals import DealsTab

# (controller, settings) → the tab's widget
TabFactory = Callable[..., QWidget]


@dataclass(frozen=True)
class TabSpec:
    key: str  # also the screenshot file name
    title: str
    factory: TabFactory


TABS: tuple[TabSpec, ...] = (
    TabSpec("deals", QT_TRANSLATE_NOOP("MainWindow", "Deals"), DealsTab),
    TabSpec("board", QT_TRANSLATE_NOOP("MainWindow", "Board"), later(f"{__name__}.board",
                                                                       "BoardTab")),
    TabSpec("funnel", QT_TRANSLATE_NOOP("MainWindow", "Funnel"), later(f"{__name__}.funnel",
                                                                         "FunnelTab")),
    TabSpec("metrics", QT_TRANSLATE_NOOP("MainWindow", "Metrics"), later(f"{__name__}.metrics",
                                                                           "MetricsTab")),
    TabSpec("health", QT_TRANSLATE_NOOP("MainWindow", "Health"), later(f"{__name__}.health",
                                                                         "HealthTab")),
)


class LazyTab(QWidget):
    """Stands in for a tab until it is first shown, then builds it with `factory_args`."""

    def __init__(self, spec: TabSpec, *factory_args: object) -> None:
        super().__init__()
        self.spec = spec
        self._args = factory_args
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            self.content = self.spec.factory(*self._args)
            self.layout().addWidget(self.content)
        return self.content

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Build the real tab the first time it becomes visible."""
        self.ensure_built()
        super().showEvent(event)
