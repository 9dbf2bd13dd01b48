"""Preferences and window state, each declared once with its type and default.

Stored with QSettings in an INI file inside the data folder, so PIPELINE_DESKTOP_DATA_DIR (tests,
scripts) keeps everything away from the real home folder."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from pipeline_desktop import paths

DEFAULTS: dict[str, Any] = {
    "currency": "USD",
    "date_format": "yyyy-MM-dd",
    "stale_days": 30,
    "theme": "system",  # system | light | dark
    "recent_files": [],
    "last_file": "",
    "last_folder": "",  # where the last file dialog chose a file (ui/file_folders.py)
}
MAX_RECENT = 8


class AppSettings(QObject):
    """`changed` is emitted once the person saved new preferences: whoever shows a setting
    connects to it (the dialog does not look for them)."""

    changed = Signal()

    def __init__(self, qsettings: QSettings | None = None) -> None:
        super().__init__()
        self.qsettings = qsettings or QSettings(str(paths.data_dir() / "settings.ini"),
                                                QSettings.Format.IniFormat)

    def get(self, key: str) -> Any:
        default = DEFAULTS[key]
        value = self.qsettings.value(key, default)
        if isinstance(default, list):
            if value in (None, ""):
                return []
            return [value] if isinstance(value, str) else list(value)
        if isinstance(default, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return value

    def set(self, key: str, value: Any) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self.qsettings.setValue(key, value)

    def state(self, key: str) -> QByteArray | None:
        """Opaque Qt state (geometry, header), stored under `state/`."""
        value = self.qsettings.value(f"state/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_state(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(f"state/{key}", value)

    def add_recent(self, url: str) -> None:
        recent = [url, *(r for r in self.get("recent_files") if r != url)]
        self.set("recent_files", recent[:MAX_RECENT])
        self.set("last_file", url)

    def sync(self) -> None:
        self.qsettings.sync()
