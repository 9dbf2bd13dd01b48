"""Good-fit against poor-fit deals: win rate and average deal size (is the profile right?)."""

from __future__ import annotations

from datetime import date

from metrics_helpers import add_deal

from pipeline_desktop.domain.process_commands import SetSetting
from pipeline_desktop.services.fit_metrics import fit_figures
from pipeline_desktop.services.periods import Period

PROFILE = {"industries": ["Software"], "industry_weight": 1}


def make_pipeline(repository) -> None:
    """Two good-fit deals (one won at 10,000, one lost) and two poor-fit deals, both lost."""
    software = repository.company_id("Code Ltd", industry="Software")
    bakery = repository.company_id("Bread Co", industry="Food")
    for name, company_id, outcome, value in (("a", software, "Won", 10_000),
                                             ("b", software, "Lost", 5_000),
                                             ("c", bakery, "Lost", 2_000),
                                             ("d", bakery, "Lost", 3_000)):
        deal = add_deal(repository, "2026-01-05", value=value, moves=((outcome, "2026-02-01"),),
                        title=name)
        repository.db.execute_sql("UPDATE deal SET company_id = ? WHERE id = ?",
                                  (company_id, deal))
    repository.apply(SetSetting("icp", PROFILE))


def test_good_fit_deals_are_compared_with_poor_fit_ones(session):
    repository = session.repository
    make_pipeline(repository)
    good, poor = fit_figures(session.db, repository.fit_scorer, Period())
    assert (good.fit, good.won, good.lost, good.win_rate, good.average_deal_size) == (
        "good", 1, 1, 0.5, 1_000_000)
    assert (poor.fit, poor.won, poor.lost, poor.win_rate, poor.average_deal_size) == (
        "poor", 0, 2, 0.0, None)
    outside = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert fit_figures(session.db, repository.fit_scorer, outside) == []


def test_without_a_profile_nothing_is_judged(session):
    make_pipeline(session.repository)
    assert fit_figures(session.db, None, Period()) == []


def test_metrics_command_and_tab_show_the_comparison(qtbot, session, capsys):
    import json

    from pipeline_desktop.cli import main
    from pipeline_desktop.ui.controller import PipelineController
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.tabs.metrics import MetricsTab

    make_pipeline(session.repository)
    tab = MetricsTab(PipelineController(session), AppSettings())
    qtbot.addWidget(tab)
    tab.show()
    combo = tab.period_bar.combo
    combo.setCurrentIndex(combo.findData("all"))
    tab.details.setCurrentWidget(tab.fit_table)
    tab.refresh()
    assert tab.fit_table.rowCount() == 2
    assert tab.fit_table.item(0, 3).text() == "50.0 %"
    path = str(session.path)
    session.close()
    assert main(["metrics", "--db", path, "--json"]) == 0
    by_fit = json.loads(capsys.readouterr().out)["by_fit"]
    assert [(f["fit"], f["win_rate"]) for f in by_fit] == [("good", 0.5), ("poor", 0.0)]
