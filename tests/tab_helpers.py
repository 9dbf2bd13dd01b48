"""Showing an analysis tab as a user sees it, on the conftest demo pipeline's day."""

from __future__ import annotations

from conftest import DEMO_TODAY


def shown(qtbot, tab):
    """Put `tab` on screen at 1280×760, judged as of DEMO_TODAY, and fill it."""
    tab.today = lambda: DEMO_TODAY
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    tab.refresh()
    return tab
