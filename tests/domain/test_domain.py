"""The Qt-free core: money, field rules, stage rules, and that it imports no Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pipeline_desktop.domain.deals import normalise_field, parse_probability
from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.domain.money import format_compact, format_money, parse_money
from pipeline_desktop.domain.stages import DEFAULT_STAGES, stages_skipped
from pipeline_desktop.errors import ValidationError


@pytest.mark.parametrize(("text", "cents"), [
    ("1200", 120000), ("1,200.50", 120050), ("$1,200.50", 120050), ("1.200,50 €", 120050),
    ("(1,200)", -120000), ("12.5", 1250), ("1 200", 120000), ("0", 0), ("", None), (None, None),
    (1200, 120000), (12.345, 1235), ("EUR 99", 9900),
])
def test_parse_money_reads_what_people_type(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["abc", "1,2,3x", "--5", "$", "1e5"])
def test_parse_money_refuses_nonsense(text):
    with pytest.raises(ValidationError):
        parse_money(text)


def test_money_is_formatted_for_people():
    assert format_money(123456) == "$1,234.56"
    assert format_money(123456, whole=True) == "$1,235"
    assert format_money(-500, "EUR") == "-€5.00"
    assert format_money(100, "SEK") == "1.00 SEK"
    assert format_compact(123_000_000) == "$1.2M"
    assert format_compact(35_000_00) == "$35k"


def test_field_rules_refuse_bad_values():
    with pytest.raises(ValidationError, match="negative"):
        normalise_field("value_cents", "-5")
    with pytest.raises(ValidationError, match="not an amount"):
        normalise_field("value_cents", "abc")
    with pytest.raises(ValidationError, match="title"):
        normalise_field("title", "   ")
    with pytest.raises(ValidationError):
        normalise_field("expected_close", "31/31/2026")
    assert normalise_field("value_cents", "2,500") == 250000
    assert normalise_field("expected_close", "2026-03-04") == "2026-03-04"
    assert parse_probability("40%") == 40
    assert parse_probability(0.4) == 40
    with pytest.raises(ValidationError):
        parse_probability("140")


def test_default_stages_are_the_documented_process():
    names = [s.name for s in DEFAULT_STAGES]
    assert names == ["Prospecting", "Qualifying", "Needs analysis", "Proposal", "Negotiation",
                     "Closing", "Won", "Lost"]
    assert all(s.exit_criteria for s in DEFAULT_STAGES if s.outcome is Outcome.OPEN)
    probabilities = [s.probability for s in DEFAULT_STAGES[:7]]
    assert probabilities == sorted(probabilities)


def test_moving_forward_walks_past_criteria_of_each_stage_between():
    stages = [Stage(i + 1, spec.name, i, spec.probability, spec.outcome, spec.exit_criteria)
              for i, spec in enumerate(DEFAULT_STAGES)]
    skipped = stages_skipped(stages, from_id=2, to_id=5)
    assert [s.name for s in skipped] == ["Qualifying", "Needs analysis", "Proposal"]
    assert stages_skipped(stages, from_id=5, to_id=2) == []  # moving back
    assert stages_skipped(stages, from_id=3, to_id=8) == []  # losing needs no criteria
    assert [s.name for s in stages_skipped(stages, 6, 7)] == ["Closing"]  # winning


def test_core_packages_import_without_qt():
    """domain/ and services/ must run on a machine without PySide6 (a server, a script)."""
    code = (
        "import sys, importlib, pkgutil\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in this test: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import pipeline_desktop.domain, pipeline_desktop.services, pipeline_desktop.storage\n"
        "import pipeline_desktop as p\n"
        "for pkg in (p.domain, p.services, p.storage):\n"
        "    for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(info.name)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.stdout.strip() == "ok", result.stderr
