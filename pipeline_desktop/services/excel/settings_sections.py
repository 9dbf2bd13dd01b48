"""The settings sheets themselves: ideal customer, revenue targets, health thresholds, and the
lists of lost reasons and lead sources. `SECTIONS` is the registry: a new kind of setting
that shapes a figure (a home currency, exchange rates, …) adds one `SettingsSection` here,
and export, import, the preview's differences and undo take it along."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from itertools import zip_longest
from typing import Any

from pipeline_desktop.domain import import_values as iv
from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.icp import DEFAULT_WEIGHT, IdealCustomerProfile
from pipeline_desktop.domain.stages import DEFAULT_LEAD_SOURCES, DEFAULT_LOST_REASONS
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.services.excel.schema import Column, Kind
from pipeline_desktop.services.excel.settings_base import SettingsSection, SheetRows, Values
from pipeline_desktop.services.excel.settings_thresholds import THRESHOLDS

T, N, M = Kind.TEXT, Kind.INT, Kind.MONEY


# ---- ideal customer ---------------------------------------------------------------------------

# (criterion, profile field of its values, its weight field, how to fill it in)
_CRITERIA = (
    ("Industries", "industries", "industry_weight",
     "Separate with “;”. A company in one of these industries fits."),
    ("Employees", "size", "size_weight",
     "A range: 20 to 500, 20 or more, up to 500. Empty: size does not count."),
    ("Regions", "regions", "region_weight", "Separate with “;”."),
    ("Job titles", "job_titles", "title_weight",
     "Separate with “;”. A contact whose job title contains one of these fits."),
)
_NUMBER = r"(\d[\d,. ]*\d|\d)"
_RANGES = ((re.compile(rf"^{_NUMBER}\s*(?:to|-|–|—)\s*{_NUMBER}$"), "between"),
           (re.compile(rf"^(?:at least|from)\s*{_NUMBER}$|^{_NUMBER}\s*(?:\+|or more)$"),
            "low"),
           (re.compile(rf"^(?:up to|at most)\s*{_NUMBER}$"), "high"))


def _icp_load(stored: Mapping[str, Any]) -> Values:
    profile = IdealCustomerProfile.from_json(stored.get("icp"))
    return {"icp": None if profile.is_empty else profile.to_json()}


def _size_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"{low} or more"
    return "" if high is None else f"up to {high}"


def _icp_texts(data: Mapping[str, Any] | None) -> dict[str, tuple[str, int]]:
    """criterion → (its targets as one text, its weight)."""
    profile = IdealCustomerProfile.from_json(data)
    texts = {}
    for label, name, weight, _hint in _CRITERIA:
        values = (_size_text(profile.min_employees, profile.max_employees) if name == "size"
                  else "; ".join(getattr(profile, name)))
        texts[label] = (values, getattr(profile, weight))
    return texts


def _icp_rows(values: Mapping[str, Any]) -> list[tuple]:
    texts = _icp_texts(values.get("icp"))
    return [(label, texts[label][0], texts[label][1], hint) for label, _n, _w, hint in _CRITERIA]


def _size_range(text: str) -> tuple[int | None, int | None]:
    """`20 to 500`, `20-500`, `20 or more`, `20+`, `up to 500` → (low, high)."""
    spoken = " ".join(text.casefold().split())
    for pattern, kind in _RANGES:
        found = pattern.match(spoken)
        if found:
            numbers = [int(re.sub(r"[,. ]", "", g)) for g in found.groups() if g is not None]
            if kind == "low":
                return numbers[0], None
            if kind == "high":
                return None, numbers[0]
            return numbers[0], numbers[1]
    raise ValidationError(f"'{text}' is not a range of employees (such as 20 to 500, "
                          "20 or more, up to 500)")


def _icp_read(sheet: SheetRows) -> Values:
    if not sheet.require("Criterion", "Targets"):
        return {}
    data: dict[str, Any] = {}
    by_label = {label.casefold(): (name, weight) for label, name, weight, _h in _CRITERIA}
    for number, row in sheet.rows:
        label = sheet.text(row, "Criterion")
        if label.casefold() not in by_label:
            sheet.problem(number, "Criterion", label, f"'{label}' is not a criterion (use "
                          + ", ".join(c[0] for c in _CRITERIA) + ")")
            continue
        name, weight_name = by_label[label.casefold()]
        data[weight_name] = _weight(sheet, number, row)
        targets = sheet.cell(row, "Targets")
        if name != "size":
            data[name] = [t for t in re.split(r"[;\n]", str(targets or ""))]
            continue
        try:
            low, high = (None, None) if targets is None else _size_range(str(targets))
        except ValidationError as error:
            sheet.problem(number, "Targets", targets, str(error))
            continue
        if low is not None and high is not None and low > high:
            sheet.problem(number, "Targets", targets, f"{low} is more than {high}")
        data["min_employees"], data["max_employees"] = low, high
    profile = IdealCustomerProfile.from_json(data)
    return {"icp": None if profile.is_empty else profile.to_json()}


def _weight(sheet: SheetRows, number: int, row: list[object]) -> int:
    raw = sheet.cell(row, "Weight")
    try:
        weight = iv.parse_int(raw)
    except ValidationError:
        weight = -1
    if weight is None:
        return DEFAULT_WEIGHT
    if not 0 <= weight <= 100:
        sheet.problem(number, "Weight", raw, f"'{raw}' is not a weight (a whole number 0 to 100)")
    return weight


def _icp_describe(_key: str, old: Any, new: Any) -> list[str]:
    before, after = _icp_texts(old), _icp_texts(new)
    lines = []
    for label, _name, _weight, _hint in _CRITERIA:
        (old_text, old_weight), (new_text, new_weight) = before[label], after[label]
        if old_text != new_text:
            weight = f" (weight {new_weight})" if new_text and not old_text else ""
            lines.append(f"Ideal customer: {label.lower()} {_shown(old_text)} → "
                         f"{_shown(new_text)}{weight}")
        if old_weight != new_weight and old_text and new_text:
            lines.append(f"Ideal customer: {label.lower()} weight {old_weight} → {new_weight}")
    return lines


def _shown(text: str) -> str:
    return text.replace("; ", ", ") if text else "—"


ICP = SettingsSection(
    "Ideal customer", ("icp",),
    (Column("Criterion", "criterion", T, 14), Column("Targets", "targets", T, 50),
     Column("Weight", "weight", N, 9), Column("How to fill in", "hint", T, 66)),
    _icp_load, _icp_rows, _icp_read, _icp_describe)


# ---- revenue targets ----------------------------------------------------------------------

def _targets_load(stored: Mapping[str, Any]) -> Values:
    return {"targets": tg.targets_to_json(tg.parse_targets(stored.get("targets", [])))}


def _targets_rows(values: Mapping[str, Any]) -> list[tuple]:
    return [(t["period"], t["owner"], t["amount_cents"]) for t in values["targets"]]


def _period(value: object) -> str:
    """A period as typed; a spreadsheet may have turned `2026-06` into a date."""
    if isinstance(value, date):
        if value.day != 1:
            raise ValidationError("not a period")
        return tg.month_key(value)
    text = str(value)
    return tg.normalise_period(text[:-2] if text.endswith(".0") else text)


def _targets_read(sheet: SheetRows) -> Values:
    if not sheet.require("Period", "Target"):
        return {}
    found: list[tg.Target] = []
    first_row: dict[tuple[str, str], int] = {}
    for number, row in sheet.rows:
        raw_period, raw_amount = sheet.cell(row, "Period"), sheet.cell(row, "Target")
        owner = sheet.text(row, "Owner")
        try:
            period = _period(raw_period if raw_period is not None else "")
        except ValidationError:
            sheet.problem(number, "Period", raw_period, f"'{raw_period or ''}' is not a period "
                          "(use YYYY-MM for a month or YYYY-Q1…Q4 for a quarter)")
            continue
        try:
            cents = iv.parse_amount(raw_amount)
        except ValidationError:
            sheet.problem(number, "Target", raw_amount, f"'{raw_amount}' is not an amount")
            continue
        if cents is None or cents <= 0:
            sheet.problem(number, "Target", raw_amount, "a target must be more than zero")
            continue
        key = (period, owner.casefold())
        if key in first_row:
            who = owner or "the business"
            sheet.problem(number, "Period", raw_period, f"a second target for {who} in "
                          f"{period} (the first is on row {first_row[key]})")
            continue
        first_row[key] = number
        found.append(tg.Target(period, cents, owner))
    return {"targets": tg.targets_to_json(found)}


def _money(cents: int | None) -> str:
    if cents is None:
        return "—"
    text = f"{cents / 100:,.2f}"
    return text[:-3] if text.endswith(".00") else text


def _targets_describe(_key: str, old: Any, new: Any) -> list[str]:
    before = {(t["period"], t["owner"]): t["amount_cents"] for t in old or []}
    after = {(t["period"], t["owner"]): t["amount_cents"] for t in new or []}
    lines = []
    for period, owner in sorted(before.keys() | after.keys()):
        was, now = before.get((period, owner)), after.get((period, owner))
        if was != now:
            who = f" ({owner})" if owner else ""
            lines.append(f"Revenue target {period}{who}: {_money(was)} → {_money(now)}")
    return lines


def _targets_decorate(worksheet: Any, rows: int) -> None:
    last = max(rows, 1) + 200  # room for targets a person adds
    worksheet.data_validation(1, 0, last, 0, {
        "validate": "any", "input_title": "Period",
        "input_message": "A month (2026-06) or a quarter (2026-Q2), typed as text."})
    worksheet.data_validation(1, 1, last, 1, {
        "validate": "any", "input_title": "Owner",
        "input_message": "Empty: the target of the whole business."})
    worksheet.data_validation(1, 2, last, 2, {
        "validate": "decimal", "criteria": ">", "value": 0, "error_title": "Target",
        "error_message": "A target is an amount of money above zero."})


TARGETS = SettingsSection(
    "Revenue targets", ("targets",),
    (Column("Period", "period", T, 12), Column("Owner", "owner", T, 20),
     Column("Target", "target", M, 16)),
    _targets_load, _targets_rows, _targets_read, _targets_describe, _targets_decorate)


# ---- lost reasons and lead sources ---------------------------------------------------------

_LISTS = (("lost_reasons", "Lost reasons", DEFAULT_LOST_REASONS),
          ("lead_sources", "Lead sources", DEFAULT_LEAD_SOURCES))


def _clean_list(items: object) -> list[str]:
    """As the app stores a list (process_store): trimmed, ≤ 200 characters, no repeats."""
    seen: set[str] = set()
    kept = []
    for item in items if isinstance(items, list | tuple) else []:
        text = " ".join(str(item).split())[:200]
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return kept


def _lists_load(stored: Mapping[str, Any]) -> Values:
    return {key: _clean_list(stored[key] if isinstance(stored.get(key), list) else default)
            for key, _label, default in _LISTS}


def _lists_rows(values: Mapping[str, Any]) -> list[tuple]:
    return list(zip_longest(*(values[key] for key, _l, _d in _LISTS), fillvalue=None))


def _lists_read(sheet: SheetRows) -> Values:
    return {key: _clean_list([sheet.text(row, label) for _n, row in sheet.rows])
            for key, label, _default in _LISTS if sheet.has(label)}


def _lists_describe(key: str, old: Any, new: Any) -> list[str]:
    label = next(label for k, label, _d in _LISTS if k == key)
    before, after = {v.casefold() for v in old or []}, {v.casefold() for v in new or []}
    added = [v for v in new or [] if v.casefold() not in before]
    removed = [v for v in old or [] if v.casefold() not in after]
    parts = ([f"added {', '.join(added)}"] if added else []) + (
        [f"removed {', '.join(removed)}"] if removed else [])
    if not parts:
        parts = ["same names, another order or spelling"]
    return [f"{label}: " + "; ".join(parts)]


LISTS = SettingsSection(
    "Lists", tuple(key for key, _l, _d in _LISTS),
    tuple(Column(label, key, T, 30) for key, label, _d in _LISTS),
    _lists_load, _lists_rows, _lists_read, _lists_describe)


SECTIONS: tuple[SettingsSection, ...] = (ICP, TARGETS, THRESHOLDS, LISTS)
