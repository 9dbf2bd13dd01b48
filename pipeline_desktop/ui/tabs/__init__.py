"""The main window's tabs, in order. The Deals tab paints first; the others get the class that
builds them from `ui.furnish` (imported after the first paint with the rest of the app: their
charts bring pyqtgraph, about a second to import) and are built the first time they are shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QVBoxLayout, QWidget

# (controller, settings) → the tab's widget
TabFactory = Callable[..., QWidget]


@dataclass(frozen=True)
class TabSpec:
    key: str  # also the screenshot file name
    title: str


TABS: tuple[TabSpec, ...] = (
    TabSpec("deals", QT_TRANSLATE_NOOP("MainWindow", "Deals")),
    TabSpec("board", QT_TRANSLATE_NOOP("MainWindow", "Board")),
    TabSpec("funnel", QT_TRANSLATE_NOOP("MainWindow", "Funnel")),
    TabSpec("metrics", QT_TRANSLATE_NOOP("MainWindow", "Metrics")),
    TabSpec("health", QT_TRANSLATE_NOOP("MainWindow", "Health")),
)


class LazyTab(QWidget):
    """Stands in for a tab until it is first shown, then builds it with `factory(*args)`.
    `factory` is None until the window is furnished (just after the first paint)."""

    def __init__(self, spec: TabSpec, factory: TabFactory | None, *factory_args: object
                 ) -> None:
        super().__init__()
        self.spec = spec
        self.factory = factory
        self._args = factory_args
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def ensure_built(self) -> QWidget:
        if self.content is None:
            assert self.factory is not None, f"the {self.spec.key} tab before ui.furnish"
            self.content = self.factory(*self._args)
            self.layout().addWidget(self.content)
        return self.content

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Build the real tab the first time it becomes visible."""
        self.ensure_built()
        super().showEvent(event)
