"""Light and dark themes. "system" follows the desktop's colour scheme (Qt 6.5+
`styleHints().colorScheme()`) and changes with it while the app runs; "light" and "dark" force
one. The palette is set explicitly (Fusion), so it looks the same on every platform plugin."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = ("system", "light", "dark")
# Secondary text (captions, hints): the palette's placeholder colour reads well in both themes.
MUTED = "color: palette(placeholder-text);"
ICON_NAME = "pipeline-desktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
Role = QPalette.ColorRole
Group = QPalette.ColorGroup

DARK = {
    Role.Window: "#2b2d30", Role.WindowText: "#e6e6e6", Role.Base: "#1f2023",
    Role.AlternateBase: "#2a2c2f", Role.ToolTipBase: "#3a3d41", Role.ToolTipText: "#f0f0f0",
    Role.PlaceholderText: "#9a9ea3", Role.Text: "#e6e6e6", Role.Button: "#35373b",
    Role.ButtonText: "#e6e6e6", Role.BrightText: "#ff6b6b", Role.Light: "#4a4d52",
    Role.Midlight: "#3d4044", Role.Mid: "#2f3134", Role.Dark: "#1a1b1d", Role.Shadow: "#0d0d0e",
    Role.Highlight: "#3d7bd9", Role.HighlightedText: "#ffffff", Role.Link: "#6ea8fe",
    Role.LinkVisited: "#b28cff",
}
# Fusion's light placeholder is half-transparent black: 4.0:1 on white, under WCAG's 4.5.
LIGHT = {Role.PlaceholderText: "#5f6368"}
DARK_DISABLED = {Role.WindowText: "#7c7f83", Role.Text: "#7c7f83", Role.ButtonText: "#7c7f83",
                 Role.Highlight: "#4a4d52", Role.HighlightedText: "#a0a0a0"}


def system_is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def effective(choice: str, app: QGuiApplication) -> str:
    """"light" or "dark": what `choice` means on this desktop right now."""
    if choice == "dark" or (choice == "system" and system_is_dark(app)):
        return "dark"
    return "light"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    for role, colour in DARK_DISABLED.items():
        palette.setColor(Group.Disabled, role, QColor(colour))
    return palette


def light_palette(app: QApplication) -> QPalette:
    palette = app.style().standardPalette()
    for role, colour in LIGHT.items():
        palette.setColor(role, QColor(colour))
    return palette


def apply(app: QApplication, choice: str) -> str:
    """Apply a theme setting; return the scheme in effect ("light" or "dark"). Works while
    the window is open: widgets and charts take the new palette at once."""
    choice = choice if choice in THEMES else "system"
    _Follower.follow(app, choice)
    scheme = effective(choice, app)
    app.setStyle("Fusion")
    app.setProperty("pipeline_theme", scheme)  # set first: palette-change handlers read it
    app.setPalette(dark_palette() if scheme == "dark" else light_palette(app))
    _repolish_style_sheets(app)
    return scheme


def _repolish_style_sheets(app: QApplication) -> None:
    """A widget with a style sheet keeps the palette it had when the sheet was applied (its
    text stayed black on dark after a live switch); applying the sheet again resolves it,
    and `palette(...)` references in it, against the new palette."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def luminance(colour: QColor) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio, 1 to 21 (4.5 is the minimum for body text)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: QColor | str, background: QColor, minimum: float = 4.5) -> QColor:
    """`colour` made darker on a light background, or lighter on a dark one, until its
    contrast reaches `minimum`: one accent (green, red, orange) serves both themes."""
    result = QColor(colour)
    dark_background = luminance(background) < 0.18
    for _step in range(20):
        if contrast(result, background) >= minimum:
            break
        result = result.lighter(112) if dark_background else result.darker(112)
        if dark_background and result.value() == 255:  # lighter() stops at full value
            result = QColor.fromHsvF(result.hsvHueF(), max(0.0, result.hsvSaturationF() - 0.1),
                                     1.0)
    return result


def window_colour(widget: QWidget | None = None) -> QColor:
    """The background most labels sit on."""
    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    return palette.color(Role.Window)


def is_dark(app: QGuiApplication | None = None) -> bool:
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    return bool(app) and app.property("pipeline_theme") == "dark"


class _Follower:
    """While the setting is "system", re-apply when the desktop switches light/dark."""

    choice = "system"
    _connected = False

    @classmethod
    def follow(cls, app: QApplication, choice: str) -> None:
        cls.choice = choice
        if not cls._connected:
            app.styleHints().colorSchemeChanged.connect(lambda _scheme: cls._changed(app))
            cls._connected = True

    @classmethod
    def _changed(cls, app: QApplication) -> None:
        if cls.choice == "system":
            apply(app, "system")


def icon_folder() -> Path | None:
    """resources/icons: inside a PyInstaller bundle, or in the source tree."""
    roots = [Path(getattr(sys, "_MEIPASS", "")), Path(__file__).resolve().parents[2]]
    for root in roots:
        folder = root / "resources" / "icons"
        if (folder / f"{ICON_NAME}.svg").exists() or (folder / f"{ICON_NAME}-32.png").exists():
            return folder
    return None


@cache
def app_icon() -> QIcon:
    """Every PNG size (crisp at any scale factor), the desktop theme's icon when installed."""
    folder = icon_folder()
    if folder is None:
        return QIcon.fromTheme(ICON_NAME)
    icon = QIcon()
    for size in ICON_SIZES:
        png = folder / f"{ICON_NAME}-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    return icon
