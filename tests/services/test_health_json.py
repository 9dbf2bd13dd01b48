"""`health --json` pinned byte for byte on a small demo pipeline with a target, an ideal
customer profile, a currency without a rate and low trend samples, so most findings show.

The pinned file was written by the health check as it was before its rules and queries were
split (issue 15) and its history read moved into SQL; any change to a finding's id, text,
figures or deal order shows here. To re-pin after a deliberate change, run this file with
PIPELINE_DESKTOP_REPIN=1 and read the diff."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

from pipeline_desktop.cli import main
from pipeline_desktop.domain.currency import ChangeCurrencies, Rate
from pipeline_desktop.domain.targets import Target
from pipeline_desktop.services import health

PINNED = Path(__file__).parents[1] / "fixtures" / "health_demo.json"
DAYS = ("2026-06-15", "2026-04-30")


def dress(session) -> None:
    """Targets, a profile, thresholds and two foreign currencies (one without a rate)."""
    repo = session.repository
    health.save_targets(repo, [Target("2026-06", 40_000_00), Target("2026-Q2", 90_000_00),
                               Target("2026-Q2", 20_000_00, "Ana Ruiz")])
    repo.set_setting("icp", {"industries": ["Software", "Finance"], "industry_weight": 50,
                             "regions": ["Western Europe"], "region_weight": 50})
    health.save_thresholds(repo, health.Thresholds(min_sample=3))
    # id modulo n, the same on both engines
    repo.db.execute_sql("UPDATE deal SET currency = 'EUR' WHERE id - (id / 5) * 5 = 1")
    repo.db.execute_sql("UPDATE deal SET currency = 'CHF' WHERE id - (id / 11) * 11 = 2")
    repo.apply(ChangeCurrencies("USD", (Rate("EUR", "2025-01-01", 1.08),
                                        Rate("EUR", "2026-03-01", 1.1))))


def test_health_json_is_pinned(demo_session, capsys):
    dress(demo_session)
    demo_session.close()
    printed = {}
    for day in DAYS:
        assert main(["health", "--db", demo_session.url, "--json", "--today", day]) == 0
        printed[day] = capsys.readouterr().out
    if os.environ.get("PIPELINE_DESKTOP_REPIN"):
        PINNED.write_text(json.dumps(printed, ensure_ascii=False, indent=1) + "\n")
    assert printed == json.loads(PINNED.read_text())


def test_both_engines_give_the_pinned_report(any_demo_session):
    dress(any_demo_session)
    pinned = json.loads(json.loads(PINNED.read_text())[DAYS[0]])
    report = health.check(any_demo_session.repository, date.fromisoformat(DAYS[0]))
    assert report.to_json() == pinned


def test_history_in_one_pass_counts_as_the_grouped_queries_do(demo_session, monkeypatch):
    """SQLite lists each change's keys in one pass; PostgreSQL (and stage ids too large to
    pack) group in SQL. Both give the same counts."""
    from pipeline_desktop.services import health_queries

    repo = demo_session.repository
    stages, today = repo.stages(), date.fromisoformat(DAYS[0])
    thresholds = health.Thresholds(recent_days=60, trailing_days=120)
    listed = health_queries.read_history(repo, stages, today, thresholds)
    monkeypatch.setattr(health_queries, "_PACK", 1)  # no stage id packs: the grouped queries
    grouped = health_queries.read_history(repo, stages, today, thresholds)
    assert listed == grouped
    assert listed.exits and listed.usual_stays and listed.recent_stays
