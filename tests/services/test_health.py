"""The health score, its breakdown, the deals to act on, and `pipeline-desktop health`."""

from __future__ import annotations

import json
from datetime import date, timedelta

from health_helpers import TODAY, ago, make_deal
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline_desktop.cli import main
from pipeline_desktop.domain.targets import Target
from pipeline_desktop.services import health


def test_empty_pipeline_scores_full_marks_without_a_target(session):
    report = health.check(session.repository, TODAY)
    assert report.score == 100
    assert [f.id for f in report.findings] == ["target_missing"]
    coverage = report.breakdown[0]
    assert coverage.key == "coverage" and coverage.points is None


def test_score_is_the_share_of_points_over_judged_areas(session):
    repo = session.repository
    health.save_targets(repo, [Target("2026-06", 100_000_00)])
    make_deal(repo, "Won", value=100_000_00, created=ago(30), moves=(("Won", ago(2)),))
    make_deal(repo, "Forgotten", created=ago(60), next_due=None)
    report = health.check(repo, TODAY)
    by_key = {a.key: a for a in report.breakdown}
    assert by_key["coverage"].points == 25 and by_key["coverage"].note == "target met"
    assert by_key["hygiene"].points == 10  # stale 100 %, no next activity 100 %
    assert by_key["momentum"].points == 25
    assert sum(a.maximum for a in report.breakdown) == 95  # no ICP: risk is out of 15
    assert report.score == round(100 * sum(a.points for a in report.breakdown) / 95)
    assert report.score < 100


def test_deals_to_act_on_rank_by_findings_then_value(session):
    repo = session.repository
    worst = make_deal(repo, "Forgotten and late", created=ago(60), expected=ago(5),
                      next_due=None, value=500_00)
    big = make_deal(repo, "Late but big", expected=ago(5), value=50_000_00)
    make_deal(repo, "Fine", expected=date(2026, 7, 1))
    report = health.check(repo, TODAY)
    assert [a.deal_id for a in report.act_on][:2] == [worst, big]
    assert set(report.act_on[0].reasons) >= {"stale_deals", "past_close_date",
                                              "no_next_activity"}


def test_findings_are_sorted_by_severity(demo_session):
    report = health.check(demo_session.repository, date(2026, 6, 15))
    ranks = [health.SEVERITIES.index(f.severity) for f in report.findings]
    assert ranks == sorted(ranks)
    assert 0 <= report.score <= 100


def test_cli_json_contract(demo_session, capsys):
    demo_session.close()
    code = main(["health", "--db", demo_session.url, "--json", "--today", "2026-06-15"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"score", "breakdown", "findings"}
    assert isinstance(data["score"], int)
    for finding in data["findings"]:
        assert set(finding) == {"id", "severity", "message", "figures", "deal_ids"}
        assert finding["severity"] in health.SEVERITIES
        assert all(isinstance(i, int) for i in finding["deal_ids"])
    assert {"area", "points", "max"} <= set(data["breakdown"][0])


def test_cli_text_lists_score_and_findings(demo_session, capsys):
    demo_session.close()
    assert main(["health", "--db", demo_session.url, "--today", "2026-06-15"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Pipeline health on 2026-06-15: ")
    assert "open deals" in out


def test_cli_refuses_a_bad_date(demo_session, capsys):
    demo_session.close()
    try:
        main(["health", "--db", demo_session.url, "--today", "someday"])
    except SystemExit as exit_:
        assert exit_.code == 2
    assert "not a date" in capsys.readouterr().err


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(1, 10_000), deals=st.integers(0, 80), days_later=st.integers(-60, 200))
def test_any_pipeline_gives_a_sound_report(tmp_path_factory, seed, deals, days_later):
    """Invariants on random sample pipelines judged on random days: the score is 0–100 and
    the sum of its judged areas, every finding is well formed and names open deals only."""
    from pipeline_desktop.services.demo import generate
    from pipeline_desktop.session import open_session

    path = tmp_path_factory.mktemp("prop") / "p.pipeline"
    session = open_session(str(path))
    try:
        generate(session.db, session.repository.stages(), deals=deals, seed=seed, today=TODAY)
        report = health.check(session.repository, TODAY + timedelta(days=days_later))
        open_ids = {r.id for r in session.repository.deal_rows() if r.status == "open"}
    finally:
        session.close()
    assert 0 <= report.score <= 100
    judged = [a for a in report.breakdown if a.points is not None]
    assert all(0 <= a.points <= a.maximum for a in judged)
    ids = [f.id for f in report.findings]
    assert len(ids) == len(set(ids))
    for finding in report.findings:
        assert finding.severity in health.SEVERITIES
        assert set(finding.deal_ids) <= open_ids
        assert len(finding.deal_ids) == len(set(finding.deal_ids))
    assert {a.deal_id for a in report.act_on} <= open_ids
    json.dumps(report.to_json())
