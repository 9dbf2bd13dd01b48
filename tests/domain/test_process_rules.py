"""Exit-criteria rules, stale deals and stage-list checks, without storage or Qt."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_desktop.domain.model import Outcome, Stage, StageSpec
from pipeline_desktop.domain.process import (
    Activity,
    check_stage_specs,
    describe_unmet,
    format_criteria,
    is_stale,
    parse_criteria,
    unmet_criteria,
)
from pipeline_desktop.errors import ValidationError

STAGES = [
    Stage(1, "Lead", 0, 10, exit_criteria=("Contact found",)),
    Stage(2, "Qualified", 1, 30, exit_criteria=("Need confirmed", "Budget known")),
    Stage(3, "Proposal", 2, 60),
    Stage(4, "Won", 3, 100, Outcome.WON),
    Stage(5, "Lost", 4, 0, Outcome.LOST),
]


def test_forward_move_lists_missing_criteria_of_every_stage_passed() -> None:
    unmet = unmet_criteria(STAGES, 1, 3, ["Need confirmed"])
    assert [(u.stage.name, u.criteria) for u in unmet] == [
        ("Lead", ("Contact found",)), ("Qualified", ("Budget known",))]
    assert "Qualified: Budget known" in describe_unmet(unmet)


def test_met_criteria_ask_nothing() -> None:
    assert unmet_criteria(STAGES, 2, 3, ["Need confirmed", "Budget known"]) == []


def test_backward_lost_and_same_stage_ask_nothing() -> None:
    assert unmet_criteria(STAGES, 3, 1, []) == []
    assert unmet_criteria(STAGES, 1, 5, []) == []
    assert unmet_criteria(STAGES, 2, 2, []) == []


def test_winning_walks_past_every_remaining_stage() -> None:
    unmet = unmet_criteria(STAGES, 2, 4, [])
    assert [u.stage.name for u in unmet] == ["Qualified"]


def test_criteria_text() -> None:
    assert parse_criteria(" a \n\nb\na\n") == ("a", "b")
    assert format_criteria(["b", " a", "b"]) == "b\na"


def test_stale_and_overdue() -> None:
    today = date(2026, 6, 15)
    assert is_stale("2026-05-01", 30, today)
    assert not is_stale("2026-06-01", 30, today)
    assert not is_stale(None, 30, today)
    late = Activity(1, 1, "call", "x", "2026-06-14", None, "", "")
    assert late.is_overdue(today)
    assert not late._replace(done="2026-06-14").is_overdue(today)
    assert not late._replace(due="2026-06-15").is_overdue(today)


def test_stage_list_rules() -> None:
    good = [StageSpec("A", 10), StageSpec("Won", 100, Outcome.WON),
            StageSpec("Lost", 0, Outcome.LOST)]
    check_stage_specs(good)
    for bad in (
        [StageSpec("A", 10), StageSpec("a", 20), *good[1:]],
        [StageSpec("", 10), *good[1:]],
        [StageSpec("A", 101), *good[1:]],
        [StageSpec("A", 10, stale_after_days=0), *good[1:]],
        good[1:],
        [good[0], good[1]],
    ):
        with pytest.raises(ValidationError):
            check_stage_specs(bad)
