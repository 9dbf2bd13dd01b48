"""BANT qualification: budget, authority, need, timeline; one point each, 0–4.

The score rules match what `Repository.deal_rows` computes in its one pass: a confirmed budget,
a known decision maker, a described need, a target date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pipeline_desktop.domain.deals import parse_iso_date
from pipeline_desktop.domain.money import parse_money
from pipeline_desktop.errors import ValidationError

MAX_SCORE = 4
FIELDS = ("budget_cents", "budget_confirmed", "authority_known", "authority_name", "need",
          "timeline")


@dataclass(frozen=True)
class Qualification:
    budget_cents: int | None = None
    budget_confirmed: bool = False
    authority_known: bool = False
    authority_name: str = ""
    need: str = ""
    timeline: str | None = None  # ISO date

    @property
    def score(self) -> int:
        return bant_score(self.budget_confirmed, self.authority_known, self.need, self.timeline)

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any]) -> Qualification:
        timeline = fields.get("timeline")
        return cls(
            budget_cents=fields.get("budget_cents"),
            budget_confirmed=bool(fields.get("budget_confirmed")),
            authority_known=bool(fields.get("authority_known")),
            authority_name=str(fields.get("authority_name") or ""),
            need=str(fields.get("need") or ""),
            timeline=parse_iso_date(timeline, "timeline") if timeline else None,
        )


def bant_score(budget_confirmed: object, authority_known: object, need: object,
               timeline: object) -> int:
    """One point for each of: budget confirmed, decision maker known, need described, timeline."""
    return int(bool(budget_confirmed)) + int(bool(authority_known)) + int(bool(need)) + int(
        timeline is not None and timeline != "")


def score_percent(score: int) -> int:
    return round(100 * score / MAX_SCORE)


def normalise_qualification(changes: Mapping[str, object]) -> dict[str, object]:
    """Check edited BANT fields; raise ValidationError with a message for people."""
    clean: dict[str, object] = {}
    for name, value in changes.items():
        if name == "budget_cents":
            cents = value if isinstance(value, int) and not isinstance(value, bool) else None
            if cents is None and value not in (None, ""):
                cents = parse_money(value)  # type: ignore[arg-type]
            if cents is not None and cents < 0:
                raise ValidationError("A budget cannot be negative", name)
            clean[name] = cents
        elif name in ("budget_confirmed", "authority_known"):
            clean[name] = bool(value)
        elif name in ("authority_name", "need"):
            clean[name] = str(value or "").strip()[:10_000]
        elif name == "timeline":
            clean[name] = parse_iso_date(value, name)
        else:
            raise ValidationError(f"{name} is not a qualification field", name)
    return clean
