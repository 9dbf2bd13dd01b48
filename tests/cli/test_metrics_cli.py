"""`pipeline-desktop metrics`: the JSON contract, the readable table, wrong input."""

from __future__ import annotations

import json

from metrics_helpers import hand_made

from pipeline_desktop.cli import main

TOP_KEYS = {"period", "currency", "deals", "win_rate", "average_deal_size",
            "median_days_to_close", "mean_days_to_close", "open_value", "weighted_value",
            "velocity_per_day", "stages", "forecast", "by_owner", "by_source", "stale"}


def test_metrics_json_keeps_the_contract(demo_session, pipeline_path, capsys):
    demo_session.close()
    assert main(["metrics", "--db", str(pipeline_path), "--json", "--today", "2026-06-15"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data.keys() >= TOP_KEYS
    assert set(data["deals"]) == {"total", "open", "won", "lost"}
    assert data["deals"]["total"] == 60
    for stage in data["stages"]:
        assert {"name", "outcome", "count", "value", "weighted_value", "conversion_to_next",
                "median_days_in_stage"} <= stage.keys()
        assert stage["outcome"] in ("open", "won", "lost")
    assert data["stages"][0]["name"] == "Prospecting"
    assert all(len(f["month"]) == 7 for f in data["forecast"])
    assert {"owner", "open", "won", "lost", "won_value", "win_rate"} <= data["by_owner"][0].keys()
    assert {"source", "open", "won", "lost", "won_value", "win_rate"} <= (
        data["by_source"][0].keys())
    assert isinstance(data["stale"]["count"], int)
    assert isinstance(data["open_value"], float)


def test_metrics_period_and_text(session, pipeline_path, capsys):
    hand_made(session.repository)
    session.close()
    args = ["metrics", "--db", str(pipeline_path), "--from", "2026-03-01", "--to",
            "2026-03-31", "--today", "2026-06-15"]
    assert main([*args, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["period"] == {"from": "2026-03-01", "to": "2026-03-31"}
    assert data["deals"] == {"total": 4, "open": 2, "won": 1, "lost": 1}
    assert data["win_rate"] == 0.5
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "Win rate           50.0 %" in text
    assert "Average deal size  $2,000" in text
    assert "Prospecting" in text and "Lead source" in text


def test_metrics_wrong_date_is_a_usage_error(session, pipeline_path, capsys):
    session.close()
    assert main(["metrics", "--db", str(pipeline_path), "--from", "March"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error: --from") and "Traceback" not in error


def test_metrics_missing_file_is_refused(tmp_path, capsys):
    assert main(["metrics", "--db", str(tmp_path / "nowhere.pipeline"), "--json"]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_metrics_answer_while_the_window_has_the_file_open(demo_session, pipeline_path, capsys):
    """The window holds the writer's lock; a script asking for figures reads beside it."""
    assert main(["metrics", "--db", str(pipeline_path), "--json", "--today", "2026-06-15"]) == 0
    assert json.loads(capsys.readouterr().out)["deals"]["total"] == 60
    assert main(["health", "--db", str(pipeline_path), "--json", "--today", "2026-06-15"]) == 0
