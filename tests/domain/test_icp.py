"""The ideal customer profile: fit scores and the good/poor split."""

from __future__ import annotations

from pipeline_desktop.domain.icp import (
    IdealCustomerProfile,
    fit_class,
    fit_score,
    is_good_fit,
    make_scorer,
)

PROFILE = IdealCustomerProfile(
    industries=("Software", "Finance"), industry_weight=40,
    min_employees=50, max_employees=500, size_weight=30,
    regions=("Western Europe",), region_weight=20,
    job_titles=("Director", "CEO"), title_weight=10,
)


def test_full_match_scores_100() -> None:
    assert fit_score(PROFILE, "software", 120, "Western Europe", "IT Director") == 100


def test_partial_match_is_weighted_share() -> None:
    # industry (40) + region (20) of 100
    assert fit_score(PROFILE, "Finance", 5000, "western europe", "Office Manager") == 60


def test_unknown_values_count_as_no_match() -> None:
    assert fit_score(PROFILE, "Software", None, "", "") == 40


def test_nothing_known_or_no_profile_gives_none() -> None:
    assert fit_score(PROFILE, "", None, "", "") is None
    assert fit_score(IdealCustomerProfile(), "Software", 100, "APAC", "CEO") is None


def test_only_set_criteria_count() -> None:
    profile = IdealCustomerProfile(regions=("APAC",), region_weight=10)
    assert fit_score(profile, "Retail", 3, "APAC", "") == 100
    assert fit_score(profile, "Retail", 3, "UK", "") == 0


def test_open_ended_size_range() -> None:
    profile = IdealCustomerProfile(min_employees=100)
    assert fit_score(profile, "", 100, "", "") == 100
    assert fit_score(profile, "", 99, "", "") == 0
    profile = IdealCustomerProfile(max_employees=10)
    assert fit_score(profile, "", 11, "", "") == 0


def test_json_round_trip_and_tolerance() -> None:
    assert IdealCustomerProfile.from_json(PROFILE.to_json()) == PROFILE
    odd = IdealCustomerProfile.from_json({"industries": [" Software ", "software", ""],
                                          "industry_weight": "x", "min_employees": 500,
                                          "max_employees": 50})
    assert odd.industries == ("Software",)
    assert (odd.min_employees, odd.max_employees) == (50, 500)
    assert IdealCustomerProfile.from_json(None).is_empty


def test_scorer_remembers_and_matches_fit_score() -> None:
    scorer = make_scorer(PROFILE)
    assert scorer is not None
    assert scorer("Software", 120, "APAC", "CEO") == fit_score(PROFILE, "Software", 120, "APAC",
                                                               "CEO")
    assert make_scorer(IdealCustomerProfile()) is None


def test_good_and_poor_fit() -> None:
    assert is_good_fit(60) is True
    assert is_good_fit(59) is False
    assert is_good_fit(None) is None
    assert fit_class(80) == "good"
    assert fit_class(10) == "poor"
    assert fit_class(None) is None
    assert fit_class(50, threshold=50) == "good"
