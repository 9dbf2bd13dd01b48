"""The health check gives the same figures on SQLite and PostgreSQL (portable SQL, dates
normalised in Python). The expected figures are those of the 60-deal demo on SQLite."""

from __future__ import annotations

from datetime import date

from pipeline_desktop.domain.targets import Target
from pipeline_desktop.services import health

EXPECTED_FIGURES = {
    "past_close_date": {"count": 6, "open": 16, "share": 0.375, "value": 111990.0,
                        "median_days_late": 32.5},
    "stage_wait_long": {"stage": "Proposal", "median_days_now": 29.0, "median_days_usual": 5,
                        "factor": 5.8, "waiting_long": 8},
    "new_deals_down": {"recent": 2, "previous": 11, "drop": 0.8182, "days": 30},
    "qualification_gaps": {"count": 9, "late_stage": 9, "incomplete_bant": 9,
                           "unmet_criteria": 7, "share": 1.0},
    "coverage_low": {"coverage": 2.305, "threshold": 3.0, "gap": 23450.0, "target": 40000.0,
                     "won": 16550.0, "weighted": 54057.0, "period": "2026-06"},
    "stale_deals": {"count": 3, "open": 16, "share": 0.1875, "value": 69890.0},
    "no_next_activity": {"count": 6, "open": 16, "share": 0.375},
}


def test_same_health_on_both_engines(any_demo_session):
    repo = any_demo_session.repository
    health.save_targets(repo, [Target("2026-06", 40_000_00),
                               Target("2026-Q2", 20_000_00, "Ana Ruiz")])
    repo.set_setting("icp", {"industries": ["Software", "Finance"], "industry_weight": 50,
                             "regions": ["Western Europe"], "region_weight": 50})
    report = health.check(repo, date(2026, 6, 15), health.Thresholds(min_sample=3)).to_json()
    assert report["score"] == 64
    assert {f["id"]: f["figures"] for f in report["findings"]} == EXPECTED_FIGURES
    assert report["skipped"] == {}
    assert report["owner_targets"][0]["won"] == 6530.0
