"""Hand-made pipelines for the health tests: deals with a known history, dated as we say."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pipeline_desktop.domain.commands import CreateDeal, MoveStage
from pipeline_desktop.storage import history_summary

TODAY = date(2026, 6, 15)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def stage_id(repository, name: str) -> int:
    return next(s.id for s in repository.stages() if s.name == name)


def make_deal(repository, title: str = "Deal", *, stage: str = "Prospecting",
              value: int | None = 1_000_00, created: date | None = None,
              expected: date | None = None, moves: tuple[tuple[str, date], ...] = (),
              next_due: date | None = ..., done: date | None = None, **columns) -> int:
    """A deal created on `created` in `stage`, then moved as `moves` says (stage, day).

    By default it has a next activity (due in a week) so only what a test sets up shows;
    `next_due=None` leaves it without one. `columns` are raw deal columns (BANT, criteria)."""
    t = repository.tables
    created = created or ago(5)
    fields = {"title": title, "value_cents": value, "created": created.isoformat(),
              "stage_id": stage_id(repository, stage)}
    if expected is not None:
        fields["expected_close"] = expected.isoformat()
    deal_id = repository.apply(CreateDeal(fields)).redo.deal_id
    # the creation line is stamped "now": put it on the day the deal was created
    t.stage_change.update(changed_at=datetime.combine(created, time(9))).where(
        t.stage_change.deal == deal_id).execute()
    for name, day in moves:
        repository.apply(MoveStage(deal_id, stage_id(repository, name),
                                   at=datetime.combine(day, time(10))))
    if next_due is ...:
        next_due = TODAY + timedelta(days=7)
    if next_due is not None:
        t.activity.insert(deal=deal_id, kind="task", subject="Follow up",
                          due=next_due.isoformat()).execute()
    if done is not None:
        t.activity.insert(deal=deal_id, kind="call", subject="Call", due=done.isoformat(),
                          done=done.isoformat()).execute()
    if columns:
        t.deal.update(**columns).where(t.deal.id == deal_id).execute()
    history_summary.refresh(repository.db, [deal_id])  # written behind the repository's back
    return deal_id


def set_company(repository, deal_id: int, name: str, industry: str, employees: int = 50,
                job_title: str = "CEO") -> None:
    t = repository.tables
    company = t.company.insert(name=name, name_key=name.casefold(), industry=industry,
                               employees=employees).execute()
    contact = t.contact.insert(name=f"Boss of {name}", name_key=f"boss of {name}".casefold(),
                               job_title=job_title, company=company).execute()
    t.deal.update(company=company, contact=contact).where(t.deal.id == deal_id).execute()


FULL_BANT = {"budget_confirmed": True, "authority_known": True, "need": "Spreadsheets hurt",
             "timeline": "2026-09-01"}
