"""Rules for deal fields: what a user may type, and how it is normalised before storage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pipeline_desktop.domain.currency import check_code
from pipeline_desktop.domain.money import parse_money
from pipeline_desktop.errors import ValidationError

# Fields a person edits directly (stage moves go through MoveStage).
TEXT_FIELDS = ("title", "company", "contact", "owner", "source", "lost_reason", "next_step",
               "notes", "external_id", "currency")
EDITABLE_FIELDS = (*TEXT_FIELDS, "value_cents", "probability", "created", "expected_close",
                   "closed")
MAX_TEXT = 10_000


def parse_probability(value: object) -> int | None:
    """A percentage 0–100; `0.4` from a spreadsheet means 40 %."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).strip().rstrip("%").replace(",", "."))
    except ValueError:
        raise ValidationError(f"“{value}” is not a probability", "probability") from None
    if 0 < number < 1 and not str(value).strip().endswith("%"):
        number *= 100
    if not 0 <= number <= 100:
        raise ValidationError("A probability is between 0 and 100 %", "probability")
    return round(number)


def parse_iso_date(value: object, field: str) -> str | None:
    """Accept a date or `YYYY-MM-DD` text; store ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        raise ValidationError(f"“{value}” is not a date (use YYYY-MM-DD)", field) from None


def normalise_field(name: str, value: object) -> object:
    """Check and normalise one edited field; raise ValidationError with a message for people."""
    if name == "title":
        text = str(value or "").strip()
        if not text:
            raise ValidationError("A deal needs a title", name)
        return text[:MAX_TEXT]
    if name == "currency":  # an ISO 4217 code: the value converts by its rates
        return check_code(value)
    if name in TEXT_FIELDS:
        return str(value or "").strip()[:MAX_TEXT]
    if name == "value_cents":
        cents = value if isinstance(value, int) and not isinstance(value, bool) else None
        if cents is None:
            cents = parse_money(value)  # type: ignore[arg-type]
        if cents is not None and cents < 0:
            raise ValidationError("A deal's value cannot be negative", name)
        return cents
    if name == "probability":
        return parse_probability(value)
    if name in ("created", "expected_close", "closed"):
        return parse_iso_date(value, name)
    raise ValidationError(f"{name} cannot be edited", name)


def normalise_fields(fields: Mapping[str, object]) -> dict[str, object]:
    return {name: normalise_field(name, value) for name, value in fields.items()}


def weighted_cents(value_cents: int | None, probability: int) -> int:
    return (value_cents or 0) * probability // 100
