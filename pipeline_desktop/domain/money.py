"""Money is integer cents everywhere; never a binary float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pipeline_desktop.errors import ValidationError

_SYMBOL_OF = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
_STRIP = re.compile(r"[\s\u00a0'’$€£¥₹]|[A-Za-z]{3}$|^[A-Za-z]{3}")


def to_cents(amount: Decimal | int | float | str) -> int:
    """Round an amount to whole cents (half up, as accountants do)."""
    return int((Decimal(str(amount)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_money(text: str | int | float | Decimal | None) -> int | None:
    """Parse what people type or other tools export: `1200`, `1,200.50`, `$1,200.50`,
    `1.200,50 €`, `(1,200)` (negative). Empty gives None; nonsense raises ValidationError."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValidationError(f"{text!r} is not an amount")
    if isinstance(text, int | float | Decimal):
        return to_cents(text)
    raw = text.strip()
    if not raw:
        return None
    negative = raw.startswith("(") and raw.endswith(")")
    body = raw.strip("()").strip()
    if body.startswith("-"):
        negative, body = True, body[1:]
    body = _STRIP.sub("", body.strip())
    body = body.replace(" ", "")
    if not body or not re.fullmatch(r"[0-9.,]+", body):
        raise ValidationError(f"“{raw}” is not an amount")
    body = _normalise_separators(body)
    try:
        cents = to_cents(Decimal(body))
    except InvalidOperation:
        raise ValidationError(f"“{raw}” is not an amount") from None
    return -cents if negative else cents


def _normalise_separators(body: str) -> str:
    """Decide which of `,` and `.` is the decimal mark: the last one wins when both appear;
    a lone separator followed by exactly three digits is a thousands separator."""
    if "," in body and "." in body:
        decimal_mark = "," if body.rfind(",") > body.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        return body.replace(thousands, "").replace(decimal_mark, ".")
    for mark in (",", "."):
        if mark in body:
            parts = body.split(mark)
            if len(parts) > 2 or len(parts[-1]) == 3:
                return body.replace(mark, "")
            return body.replace(mark, ".")
    return body


def format_money(cents: int | None, currency: str = "USD", *, whole: bool = False) -> str:
    """`123456` → `$1,234.56` (or `$1,235` with whole=True)."""
    if cents is None:
        return ""
    symbol = _SYMBOL_OF.get(currency, "")
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    number = f"{(cents + 50) // 100:,}" if whole else f"{cents // 100:,}.{cents % 100:02d}"
    return f"{sign}{symbol}{number}" if symbol else f"{sign}{number} {currency}"


def format_compact(cents: int | float | None, currency: str = "USD") -> str:
    """Short labels for charts: `$1.2M`, `$350k`, `$900`."""
    if cents is None:
        return ""
    symbol = _SYMBOL_OF.get(currency, "")
    amount = cents / 100
    for limit, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(amount) >= limit:
            text = f"{amount / limit:.1f}".rstrip("0").rstrip(".") + suffix
            break
    else:
        text = f"{amount:,.0f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"
