"""The health check gives the same figures on SQLite and PostgreSQL (portable SQL, dates
normalised in Python). The expected figures are those of the 60-deal demo on SQLite."""

from __future__ import annotations

from datetime import date

from pipeline_desktop.domain.targets import Target
from pipeline_desktop.services import health

EXPECTED_FIGURES = {
    "coverage_low": {"coverage": 0.933, "threshold": 3.0, "gap": 30370.0, "target": 40000.0,
                     "won": 9630.0, "weighted": 28339.0, "period": "2026-06"},
    "stale_deals": {"count": 4, "open": 17, "share": 0.2353, "value": 25730.0},
    "no_next_activity": {"count": 7, "open": 17, "share": 0.4118},
    "past_close_date": {"count": 7, "open": 17, "share": 0.4118, "value": 72610.0,
                        "median_days_late": 23},
    "stage_wait_long": {"stage": "Closing", "median_days_now": 12.0, "median_days_usual": 4,
                        "factor": 3.0, "waiting_long": 1},
    "qualification_gaps": {"count": 7, "late_stage": 7, "incomplete_bant": 7,
                           "unmet_criteria": 4, "share": 1.0},
    "new_deals_down": {"recent": 6, "previous": 8, "drop": 0.25, "days": 30},
}


def test_same_health_on_both_engines(any_demo_session):
    repo = any_demo_session.repository
    health.save_targets(repo, [Target("2026-06", 40_000_00),
                               Target("2026-Q2", 20_000_00, "Ana Ruiz")])
    repo.set_setting("icp", {"industries": ["Software", "Finance"], "industry_weight": 50,
                             "regions": ["Western Europe"], "region_weight": 50})
    report = health.check(repo, date(2026, 6, 15), health.Thresholds(min_sample=3)).to_json()
    assert report["score"] == 52
    assert {f["id"]: f["figures"] for f in report["findings"]} == EXPECTED_FIGURES
    assert report["skipped"] == {}
    assert report["owner_targets"][0]["won"] == 0.0
