"""The main window's tabs, in order. Each tab module is imported only when the tab is first
shown, so pyqtgraph (about a second to import) never delays the window appearing."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class TabSpec:
    key: str  # also the screenshot file name and the module's name in this package
    title: str
    class_name: str

    @property
    def module(self) -> str:
        return f"{__name__}.{self.key}"


TABS: tuple[TabSpec, ...] = (
    TabSpec("deals", QT_TRANSLATE_NOOP("MainWindow", "Deals"), "DealsTab"),
    TabSpec("board", QT_TRANSLATE_NOOP("MainWindow", "Board"), "BoardTab"),
    TabSpec("funnel", QT_TRANSLATE_NOOP("MainWindow", "Funnel"), "FunnelTab"),
    TabSpec("metrics", QT_TRANSLATE_NOOP("MainWindow", "Metrics"), "MetricsTab"),
    TabSpec("health", QT_TRANSLATE_NOOP("MainWindow", "Health"), "HealthTab"),
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
            try:
                module = importlib.import_module(self.spec.module)
                factory = getattr(module, self.spec.class_name)
            except (ImportError, AttributeError):
                self.content = QLabel(f"{self.spec.title}: coming soon")
            else:
                self.content = factory(*self._args)
            self.layout().addWidget(self.content)
        return self.content

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Build the real tab the first time it becomes visible."""
        self.ensure_built()
        super().showEvent(event)
