"""A realistic, deterministic sample pipeline: about a year of history, owners, lead sources,
companies with industries and sizes, activities, stage histories, won and lost deals.

The same seed and `today` give the same pipeline; 100,000 deals take a few seconds because rows
go in through `executemany` in one transaction."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import peewee as pw

from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.domain.stages import DEFAULT_LOST_REASONS
from pipeline_desktop.storage import history_summary
from pipeline_desktop.storage.bulk import insert_rows, reset_sequences
from pipeline_desktop.storage.tables import tables_of

OWNERS = ("Ana Ruiz", "Ben Okafor", "Chloé Martin", "Dev Patel", "Emma Larsen")
SOURCES = (("Website", 30), ("Referral", 22), ("Cold outreach", 18), ("Event", 12),
           ("Partner", 10), ("Advertising", 8))
INDUSTRIES = ("Software", "Manufacturing", "Healthcare", "Retail", "Logistics", "Finance",
              "Construction", "Education", "Hospitality", "Energy")
REGIONS = ("North America", "Western Europe", "Northern Europe", "UK & Ireland", "APAC")
JOB_TITLES = ("CEO", "CTO", "Head of Operations", "Procurement Manager", "IT Director",
              "Finance Director", "Office Manager", "Head of Sales", "COO")
FIRST = ("Olivia", "Liam", "Sofia", "Noah", "Mia", "Lucas", "Amara", "Kenji", "Priya", "Jonas",
         "Elena", "Mateo", "Hannah", "Omar", "Freya", "Tomás", "Ines", "Yuki", "Sam", "Leila")
LAST = ("Schmidt", "Nguyen", "Rossi", "Kowalski", "Dubois", "Andersen", "Silva", "Tanaka",
        "Murphy", "Haddad", "Novak", "Fischer", "Moreau", "Costa", "Berg", "Ito")
NAME_A = ("North", "Blue", "Bright", "Iron", "Green", "Summit", "Silver", "Harbor", "Pioneer",
          "Atlas", "Cedar", "Nova", "Granite", "Swift", "Maple", "Vertex", "Lumen", "Orbit")
NAME_B = ("Works", "Systems", "Labs", "Logistics", "Health", "Foods", "Partners", "Dynamics",
          "Retail", "Energy", "Builders", "Analytics", "Studios", "Supply", "Clinic", "Motors")
SUFFIX = ("Ltd", "Inc", "GmbH", "AB", "SA", "LLC", "BV", "Co")
PRODUCTS = ("CRM rollout", "Support contract", "Annual licence", "Pilot project", "Upgrade",
            "Consulting package", "Training", "Expansion", "Renewal", "Integration")
ACTIVITY_SUBJECTS = {
    "call": ("Discovery call", "Follow-up call", "Check-in call", "Pricing call"),
    "email": ("Sent case study", "Sent proposal", "Answered questions", "Sent pricing"),
    "meeting": ("Demo", "On-site visit", "Workshop", "Kick-off meeting"),
    "task": ("Prepare proposal", "Send contract", "Update forecast", "Book demo"),
    "note": ("Notes from call", "Competitor mentioned", "Budget discussed"),
}
# Mean days a deal spends in each open stage: Proposal is the usual bottleneck.
MEAN_DAYS = (12, 15, 18, 32, 18, 10)
# Chance a deal that reached stage k moves on to the next (the rest are lost or stay open).
ADVANCE = (0.75, 0.75, 0.78, 0.6, 0.72, 0.85)


@dataclass
class _Tables:
    companies: list[tuple] = field(default_factory=list)
    contacts: list[tuple] = field(default_factory=list)
    deals: list[tuple] = field(default_factory=list)
    changes: list[tuple] = field(default_factory=list)
    activities: list[tuple] = field(default_factory=list)


# The sample business sells best to mid-sized tech, health and logistics firms in two regions.
SAMPLE_ICP = {
    "industries": ["Software", "Healthcare", "Logistics"], "industry_weight": 3,
    "min_employees": 20, "max_employees": 500, "size_weight": 2,
    "regions": ["North America", "Western Europe"], "region_weight": 1,
    "job_titles": ["CTO", "IT Director", "Head of Operations"], "title_weight": 1,
}
FIT_BOOST = 0.06  # good-fit deals move on a little more often, so the profile shows in the data


def generate(db: pw.Database, stages: list[Stage], *, deals: int = 300, seed: int = 1,
             today: date | None = None, sample_settings: bool = False) -> int:
    """Fill an empty pipeline with `deals` sample deals; return how many were made.

    `sample_settings` also writes an ideal customer profile and monthly revenue targets, so a
    first look shows fit scores and coverage (tests leave it off and set their own)."""
    rng = random.Random(seed)
    today = today or date.today()
    tables = _Tables()
    open_stages = [s for s in stages if s.outcome is Outcome.OPEN]
    won = next(s for s in stages if s.outcome is Outcome.WON)
    lost = next(s for s in stages if s.outcome is Outcome.LOST)
    company_count = max(5, min(deals // 3, 20_000))
    _make_companies(rng, tables, company_count)
    boost = FIT_BOOST if sample_settings else 0.0
    for deal_id in range(1, deals + 1):
        _make_deal(rng, tables, deal_id, today, open_stages, won, lost, boost)
    with db.atomic():
        insert_rows(db, "company", ("id", "name", "name_key", "industry", "employees", "region",
                                    "website"), tables.companies)
        insert_rows(db, "contact", ("id", "name", "name_key", "job_title", "email", "phone",
                                    "company_id"), tables.contacts)
        insert_rows(db, "deal", DEAL_COLUMNS, tables.deals)
        insert_rows(db, "stage_change", ("deal_id", "from_stage_id", "to_stage_id", "changed_at",
                                         "changed_by"), tables.changes)
        insert_rows(db, "activity", ("deal_id", "kind", "subject", "due", "done", "notes",
                                     "owner", "created_at"), tables.activities)
        reset_sequences(db, ("company", "contact", "deal", "stage_change", "activity"))
        history_summary.refresh(db)
        if sample_settings:
            _write_sample_settings(db, tables, today)
    return deals


def _write_sample_settings(db: pw.Database, tables: _Tables, today: date) -> None:
    """The ideal customer profile, and a revenue target for each quarter from two back to two
    ahead: 30 % above the last full quarter's wins, as an ambitious owner would set."""
    won_by_month: dict[str, int] = {}
    for deal in tables.deals:
        if deal[7] == "won" and deal[4]:
            month = deal[13][:7]
            won_by_month[month] = won_by_month.get(month, 0) + deal[4]
    current = today.isoformat()[:7]
    recent = sorted(m for m in won_by_month if m < current)[-3:]  # the last full quarter
    average = sum(won_by_month[m] for m in recent) // max(len(recent), 1)
    target = max(100_000, int(round(average * 1.3, -5)))  # cents, rounded to 1,000
    quarters = []
    first = today.year * 4 + (today.month - 1) // 3 - 2
    for index in range(first, first + 5):  # two quarters back, this one, two ahead
        quarters.append({"period": f"{index // 4}-Q{index % 4 + 1}", "amount_cents": 3 * target,
                         "owner": ""})
    setting = tables_of(db).setting
    for key, value in (("icp", SAMPLE_ICP), ("targets", quarters)):
        text = json.dumps(value)
        (setting.insert(key=key, value=text)
         .on_conflict(conflict_target=[setting.key], update={setting.value: text})
         .execute())


DEAL_COLUMNS = ("id", "title", "company_id", "contact_id", "value_cents", "currency", "stage_id",
                "status", "probability", "owner", "source", "created", "expected_close",
                "closed", "lost_reason", "next_step", "notes", "external_id", "custom",
                "budget_cents", "budget_confirmed", "authority_known", "authority_name", "need",
                "timeline", "criteria_met", "updated_at", "version")


def _make_companies(rng: random.Random, tables: _Tables, count: int) -> None:
    seen: set[str] = set()
    for company_id in range(1, count + 1):
        name = f"{rng.choice(NAME_A)} {rng.choice(NAME_B)} {rng.choice(SUFFIX)}"
        if name.casefold() in seen:
            name = f"{name} {company_id}"
        seen.add(name.casefold())
        employees = int(rng.lognormvariate(3.6, 1.3)) + 2
        slug = name.split()[0].lower() + name.split()[1].lower()
        tables.companies.append((company_id, name, name.casefold(), rng.choice(INDUSTRIES),
                                 employees, rng.choice(REGIONS), f"https://{slug}.example"))
        person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        tables.contacts.append((company_id, person, person.casefold(),
                                rng.choice(JOB_TITLES),
                                f"{person.split()[0].lower()}@{slug}.example",
                                f"+1 555 {rng.randint(1000000, 9999999)}", company_id))


def _make_deal(rng: random.Random, tables: _Tables, deal_id: int, today: date,
               open_stages: list[Stage], won: Stage, lost: Stage, boost: float = 0.0) -> None:
    company_id = rng.randint(1, len(tables.companies))
    employees = tables.companies[company_id - 1][4]
    # A business that grows a little: deal creation rises slowly towards today, the newest
    # deal made yesterday (a deal "created today" in a sample reads as the user's own).
    created = today - timedelta(days=max(1, int(380 * (1 - rng.random() ** 0.5))))
    owner = rng.choice(OWNERS)
    source = rng.choices([s for s, _ in SOURCES], [w for _, w in SOURCES])[0]
    value = round(rng.lognormvariate(8.6, 0.8) * (1 + min(employees, 2000) / 400), -1)
    company = tables.companies[company_id - 1]
    fits = company[3] in SAMPLE_ICP["industries"] and 20 <= employees <= 500
    history, stage, status, closed, lost_reason = _walk_stages(
        rng, created, today, open_stages, won, lost, boost if fits else -boost / 2)
    for from_id, to_id, when in history:
        tables.changes.append((deal_id, from_id, to_id, f"{when} 10:00:00", owner))
    last_move = history[-1][2]
    expected = None
    if status == "open":
        expected = (last_move + timedelta(days=rng.randint(-20, 90))).isoformat()
    else:
        expected = (closed - timedelta(days=rng.randint(-10, 20))).isoformat()  # type: ignore[operator]
    stage_rank = next((i for i, s in enumerate(open_stages) if s.id == stage.id), 6)
    bant = [rng.random() < 0.2 + 0.13 * stage_rank for _ in range(4)]
    criteria = [c for c in stage.exit_criteria if rng.random() < 0.5]
    custom = json.dumps({"Segment": "Enterprise" if employees > 250 else "SMB"})
    tables.deals.append((
        deal_id, f"{rng.choice(PRODUCTS)} — {tables.companies[company_id - 1][1]}", company_id,
        company_id, int(value * 100), "USD", stage.id, status, None, owner, source,
        created.isoformat(), expected, closed.isoformat() if closed else None, lost_reason,
        "Send revised proposal" if status == "open" and rng.random() < 0.3 else "", "", "",
        custom, int(value * 100) if bant[0] else None, bant[0], bant[1],
        tables.contacts[company_id - 1][1] if bant[1] else "",
        "Replace spreadsheets with one shared system" if bant[2] else "",
        (created + timedelta(days=90)).isoformat() if bant[3] else None, "\n".join(criteria),
        f"{last_move} 10:00:00", 1,
    ))
    _make_activities(rng, tables, deal_id, owner, created, last_move, status, today)


def _walk_stages(rng: random.Random, created: date, today: date, open_stages: list[Stage],
                 won: Stage, lost: Stage, boost: float = 0.0):
    """Walk a deal through the process until it closes or reaches today."""
    history: list[tuple[int | None, int, date]] = [(None, open_stages[0].id, created)]
    when, rank = created, 0
    while True:
        stay = max(1, int(rng.expovariate(1 / MEAN_DAYS[min(rank, 5)])))
        if when + timedelta(days=stay) > today:
            return history, open_stages[rank], "open", None, ""
        when += timedelta(days=stay)
        current = open_stages[rank].id
        if rng.random() < ADVANCE[min(rank, 5)] + boost:
            if rank + 1 == len(open_stages):
                history.append((current, won.id, when))
                return history, won, "won", when, ""
            rank += 1
            history.append((current, open_stages[rank].id, when))
        elif rng.random() < 0.65:
            history.append((current, lost.id, when))
            reason = rng.choices(DEFAULT_LOST_REASONS, (30, 22, 15, 12, 9, 7, 5))[0]
            return history, lost, "lost", when, reason
        # else: lingers in the same stage a while longer


def _make_activities(rng: random.Random, tables: _Tables, deal_id: int, owner: str,
                     created: date, last_move: date, status: str, today: date) -> None:
    span = max(1, (last_move - created).days)
    for _ in range(rng.randint(1, 4)):
        kind = rng.choices(("call", "email", "meeting", "note"), (35, 35, 20, 10))[0]
        done = created + timedelta(days=rng.randint(0, span))
        tables.activities.append((deal_id, kind, rng.choice(ACTIVITY_SUBJECTS[kind]),
                                  done.isoformat(), done.isoformat(), "", owner,
                                  f"{done} 09:00:00"))
    if status == "open" and rng.random() < 0.75:
        due = today + timedelta(days=rng.randint(-6, 21))
        kind = rng.choice(("call", "task", "meeting", "email"))
        tables.activities.append((deal_id, kind, rng.choice(ACTIVITY_SUBJECTS[kind]),
                                  due.isoformat(), None, "", owner,
                                  f"{min(due, today)} 09:00:00"))
