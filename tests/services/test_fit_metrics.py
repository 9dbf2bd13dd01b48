"""Good-fit against poor-fit deals: win rate and average deal size (is the profile right?)."""

from __future__ import annotations

from datetime import date

import pytest
from metrics_helpers import add_deal

from pipeline_desktop.domain.icp import IdealCustomerProfile, fit_class, fit_score
from pipeline_desktop.domain.process_commands import SetSetting
from pipeline_desktop.services.fit_metrics import fit_figures
from pipeline_desktop.services.periods import Period

PROFILE = {"industries": ["Software"], "industry_weight": 1}


def make_pipeline(repository, profile: dict | None = PROFILE) -> None:
    """Two good-fit deals (one won at 10,000, one lost) and two poor-fit deals, both lost."""
    software = repository.company_id("Code Ltd", industry="Software")
    bakery = repository.company_id("Bread Co", industry="Food")
    for name, company_id, outcome, value in (("a", software, "Won", 10_000),
                                             ("b", software, "Lost", 5_000),
                                             ("c", bakery, "Lost", 2_000),
                                             ("d", bakery, "Lost", 3_000)):
        deal = add_deal(repository, "2026-01-05", value=value, moves=((outcome, "2026-02-01"),),
                        title=name)
        mark = repository.db.param
        repository.db.execute_sql(f"UPDATE deal SET company_id = {mark} WHERE id = {mark}",
                                  (company_id, deal))
    if profile is not None:
        repository.apply(SetSetting("icp", profile))


def test_good_fit_deals_are_compared_with_poor_fit_ones(session):
    repository = session.repository
    make_pipeline(repository)
    good, poor = fit_figures(repository, Period())
    assert (good.fit, good.won, good.lost, good.win_rate, good.average_deal_size) == (
        "good", 1, 1, 0.5, 1_000_000)
    assert (poor.fit, poor.won, poor.lost, poor.win_rate, poor.average_deal_size) == (
        "poor", 0, 2, 0.0, None)
    outside = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert fit_figures(repository, outside) == []


def test_without_a_profile_nothing_is_judged(session):
    make_pipeline(session.repository, profile=None)
    assert fit_figures(session.repository, Period()) == []


# Companies (industry, employees, region) and their contacts' titles around every edge the
# grouped SQL must judge as the profile does: sizes at, inside and outside the range, none;
# case, spaces and blanks; a title that contains a target.
COMPANIES = (("Software", 20, "EMEA", "CTO"), ("software ", 19, " emea", "Deputy CTO"),
             ("Food", 500, "APAC", ""), ("", 501, "", "Baker"), ("", None, "", ""),
             ("SOFTWARE", None, "Nowhere", "cto"), ("Food", 0, "EMEA", "Head of IT"),
             ("Retail", 7, "APAC", None))
PROFILES = (
    {"min_employees": 20, "max_employees": 500, "size_weight": 1},
    {"min_employees": 20, "size_weight": 3, "industries": ["Software"], "industry_weight": 1},
    {"max_employees": 19, "size_weight": 2, "regions": ["EMEA"], "region_weight": 2},
    {"industries": ["software"], "regions": ["Emea"], "job_titles": ["CTO", "Head"],
     "industry_weight": 2, "region_weight": 1, "title_weight": 1},
    {"job_titles": ["Baker"], "title_weight": 5, "min_employees": 0, "max_employees": 0},
)


def expected_fits(closed: list[tuple[str, tuple, int]], profile: dict) -> list[tuple]:
    """Deal by deal, as the profile scores one company and contact."""
    judged = IdealCustomerProfile.from_json(profile)
    tally = {"good": [0, 0, 0], "poor": [0, 0, 0]}
    for status, (industry, employees, region, title), value in closed:
        verdict = fit_class(fit_score(judged, industry, employees, region, title or ""))
        if verdict is not None:
            counts = tally[verdict]
            counts[0 if status == "Won" else 1] += 1
            counts[2] += value * 100 if status == "Won" else 0
    return [(fit, *counts) for fit, counts in tally.items() if counts[0] + counts[1]]


@pytest.mark.parametrize("profile", PROFILES)
def test_grouped_figures_judge_every_deal_as_the_profile_does(session, profile):
    repository = session.repository
    closed = []
    for number, company in enumerate(COMPANIES):
        industry, employees, region, title = company
        company_id = repository.company_id(f"Firm {number}", industry=industry,
                                           employees=employees, region=region)
        contact_id = repository.contact_id(f"Person {number}", company_id,
                                           job_title=title) if title is not None else None
        for outcome, value in (("Won", 100 + number), ("Lost", 10), ("Won", 7)):
            if (number + value) % 3 == 0:
                continue  # not every company has every outcome
            deal = add_deal(repository, "2026-01-05", value=value,
                            moves=((outcome, "2026-02-01"),), title=f"{number} {outcome}")
            repository.db.execute_sql(
                f"UPDATE deal SET company_id = {repository.db.param}, "
                f"contact_id = {repository.db.param} WHERE id = {repository.db.param}",
                (company_id, contact_id, deal))
            closed.append((outcome, company, value))
        open_deal = add_deal(repository, "2026-01-05", value=999, title=f"{number} open")
        repository.db.execute_sql(f"UPDATE deal SET company_id = {repository.db.param} "
                                  f"WHERE id = {repository.db.param}", (company_id, open_deal))
    repository.apply(SetSetting("icp", profile))
    figures = [(f.fit, f.won, f.lost, f.won_value) for f in fit_figures(repository, Period())]
    assert figures == expected_fits(closed, profile)


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
