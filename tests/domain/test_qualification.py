"""BANT scores: one point each, and the same rule as the deal table's column."""

from __future__ import annotations

import pytest

from pipeline_desktop.domain.qualification import (
    Qualification,
    bant_score,
    normalise_qualification,
    score_percent,
)
from pipeline_desktop.errors import ValidationError


def test_score_counts_each_letter() -> None:
    assert Qualification().score == 0
    assert Qualification(budget_confirmed=True).score == 1
    full = Qualification(10_000, True, True, "Ana", "Needs a CRM", "2026-09-01")
    assert full.score == 4
    # an amount alone is not a confirmed budget; a name alone is not a known decision maker
    assert Qualification(budget_cents=5000, authority_name="Ana").score == 0


def test_bant_score_and_percent() -> None:
    assert bant_score(True, False, "", None) == 1
    assert bant_score(0, 1, "x", "2026-01-01") == 3
    assert score_percent(3) == 75


def test_normalise() -> None:
    clean = normalise_qualification({"budget_cents": "1,200.50", "budget_confirmed": 1,
                                     "need": "  more leads ", "timeline": "2026-07-01"})
    assert clean == {"budget_cents": 120050, "budget_confirmed": True, "need": "more leads",
                     "timeline": "2026-07-01"}
    with pytest.raises(ValidationError):
        normalise_qualification({"timeline": "soon"})
    with pytest.raises(ValidationError):
        normalise_qualification({"budget_cents": -5})
    with pytest.raises(ValidationError):
        normalise_qualification({"title": "x"})
