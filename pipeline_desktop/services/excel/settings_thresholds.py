"""The Health thresholds sheet: one row per threshold, in the units the threshold editor
shows (10 % rather than 0.1), with the range it allows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from pipeline_desktop.services.excel.schema import Column, Kind
from pipeline_desktop.services.excel.settings_base import SettingsSection, SheetRows, Values
from pipeline_desktop.services.health import THRESHOLD_LABELS, THRESHOLDS_KEY, Thresholds

KEY = THRESHOLDS_KEY
# field → (label, unit, lowest, highest, shown as a percentage)
_SPECS = {name: (label, unit.strip(), low, high, percent)
          for name, label, unit, low, high, _step, percent in THRESHOLD_LABELS}
_WHOLE = {f.name for f in fields(Thresholds) if isinstance(getattr(Thresholds, f.name), int)}


def _load(stored: Mapping[str, Any]) -> Values:
    return {KEY: Thresholds.from_json(stored.get(KEY)).to_json()}


def _shown(name: str, value: float) -> float | int:
    """The stored value in the editor's units (a share 0.1 → 10)."""
    shown = round(value * 100, 6) if _SPECS[name][4] else value
    return int(shown) if float(shown).is_integer() else shown


def _rows(values: Mapping[str, Any]) -> list[tuple]:
    current = values[KEY]
    return [(label, _shown(name, current[name]), unit, f"{low:g} to {high:g}", name)
            for name, (label, unit, low, high, _pct) in _SPECS.items()]


def _number(raw: object) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    try:
        return float(str(raw).rstrip("%×x").strip().replace(",", "."))
    except ValueError:
        return None


def _read(sheet: SheetRows) -> Values:
    if not sheet.require("Value") or not (sheet.has("Key") or sheet.require("Threshold")):
        return {}
    by_label = {spec[0].casefold(): name for name, spec in _SPECS.items()}
    values = Thresholds().to_json()  # a row left out: its default
    for number, row in sheet.rows:
        name = sheet.text(row, "Key") or by_label.get(sheet.text(row, "Threshold").casefold(),
                                                      "")
        if name not in _SPECS:
            shown = sheet.text(row, "Key") or sheet.text(row, "Threshold")
            sheet.problem(number, "Key" if sheet.has("Key") else "Threshold", shown,
                          f"'{shown}' is not a health threshold")
            continue
        label, _unit, low, high, percent = _SPECS[name]
        raw = sheet.cell(row, "Value")
        value = _number(raw)
        if value is None:
            sheet.problem(number, "Value", raw, f"{label}: '{raw}' is not a number")
        elif not low <= value <= high:
            sheet.problem(number, "Value", raw, f"{label}: {value:g} is outside the allowed "
                          f"{low:g} to {high:g}")
        elif name in _WHOLE and not value.is_integer():
            sheet.problem(number, "Value", raw, f"{label}: {value:g} is not a whole number")
        else:
            values[name] = round(value / 100, 10) if percent else (
                int(value) if name in _WHOLE else value)
    return {KEY: Thresholds.from_json(values).to_json()}


def _describe(_key: str, old: Any, new: Any) -> list[str]:
    lines = []
    for name, (label, unit, _low, _high, _pct) in _SPECS.items():
        if (old or {}).get(name) != (new or {}).get(name):
            was, now = (_shown(name, float(v[name])) for v in (old, new))
            lines.append(f"Health threshold “{label}”: {was:g}{unit} → {now:g}{unit}")
    return lines


def _decorate(worksheet: Any, _rows_written: int) -> None:
    for row, (label, _unit, low, high, _pct) in enumerate(_SPECS.values(), start=1):
        worksheet.data_validation(row, 1, row, 1, {
            "validate": "decimal", "criteria": "between", "minimum": low, "maximum": high,
            "error_title": "Health threshold",
            "error_message": f"{label}: a number from {low:g} to {high:g}."})


THRESHOLDS = SettingsSection(
    "Health thresholds", (KEY,),
    (Column("Threshold", "threshold", Kind.TEXT, 46), Column("Value", "value", Kind.NUMBER, 10),
     Column("Unit", "unit", Kind.TEXT, 7), Column("Allowed", "allowed", Kind.TEXT, 12),
     Column("Key", "key", Kind.TEXT, 24)),
    _load, _rows, _read, _describe, _decorate)
