"""Exit criteria by identity (schema v4): each criterion has an id in `exit_criterion`, and a
rename in the stage editor keeps it, so every deal's tick on it stays.

Ticks are stored as the criteria's texts, one a line (`deal.criteria_met`, what workbooks, the
health rules and the deal panel read); when a criterion is renamed, the ticks on it are
rewritten to the new text in the same transaction, and each deal so changed gets a new
version (team mode: a stale copy cannot save its old ticks over it). `stage.exit_criteria`
holds the same texts as the rows here, one a line; `sync_all` brings the rows back in line
after a writer that only knows the text (an import of a workbook's Stages sheet)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline_desktop.domain.criteria import match_criteria
from pipeline_desktop.domain.process import format_criteria, parse_criteria
from pipeline_desktop.storage.tables import Tables, utc_now


def sync_stage(t: Tables, stage_id: int, texts: Sequence[str]) -> list[tuple[int, str, str]]:
    """Make the stage's criterion rows hold `texts` in order, keeping the id of every line
    the edit kept or edited in place; return (id, old text, new text) of each rename."""
    rows = list(t.exit_criterion.select(t.exit_criterion.id, t.exit_criterion.text)
                .where(t.exit_criterion.stage == stage_id)
                .order_by(t.exit_criterion.position, t.exit_criterion.id).tuples())
    old = [text for _id, text in rows]
    if old == list(texts):
        return []
    kept, renames = set(), []
    for position, (text, index) in enumerate(zip(texts, match_criteria(old, texts),
                                                  strict=True)):
        if index is None:
            t.exit_criterion.insert(stage=stage_id, position=position, text=text).execute()
            continue
        criterion_id = rows[index][0]
        kept.add(criterion_id)
        (t.exit_criterion.update(position=position, text=text)
         .where(t.exit_criterion.id == criterion_id).execute())
        if old[index] != text:
            renames.append((criterion_id, old[index], text))
    gone = [criterion_id for criterion_id, _text in rows if criterion_id not in kept]
    if gone:
        t.exit_criterion.delete().where(t.exit_criterion.id.in_(gone)).execute()
    return renames


def sync_all(t: Tables) -> None:
    """Rows for every stage as its `exit_criteria` text says (no ticks are moved: the writer
    of that text wrote the deals' ticks too)."""
    for stage_id, text in t.stage.select(t.stage.id, t.stage.exit_criteria).tuples():
        sync_stage(t, stage_id, parse_criteria(text))


def carry_ticks(t: Tables, renames: Iterable[tuple[int, str, str]]) -> set[int]:
    """Rewrite the ticks on renamed criteria to their new texts; return the deals changed.

    All renames of one edit at once (a swap of two names stays a swap). A tick whose old text
    another criterion still carries (the same words in two stages) is kept as well."""
    renames = list(renames)
    if not renames:
        return set()
    moved = {old: new for _id, old, new in renames}
    renamed_ids = {criterion_id for criterion_id, _old, _new in renames}
    still_named = {text for criterion_id, text in
                   t.exit_criterion.select(t.exit_criterion.id, t.exit_criterion.text).tuples()
                   if criterion_id not in renamed_ids}
    changed: set[int] = set()
    for deal_id, text in _deals_ticking(t, moved):
        ticks = parse_criteria(text)
        carried = format_criteria(_carry(ticks, moved, still_named))
        if carried != format_criteria(ticks):
            (t.deal.update(criteria_met=carried, updated_at=utc_now(),
                           version=t.deal.version + 1)
             .where(t.deal.id == deal_id).execute())
            changed.add(deal_id)
    return changed


def _carry(ticks: Sequence[str], moved: dict[str, str], still_named: set[str]) -> list[str]:
    carried: list[str] = []
    for tick in ticks:
        if tick in moved:
            carried.append(moved[tick])
            if tick in still_named:
                carried.append(tick)
        else:
            carried.append(tick)
    return carried


def _deals_ticking(t: Tables, moved: dict[str, str]) -> list[tuple[int, str]]:
    """Deals whose ticks may hold one of the old texts (a LIKE prefilter; exact in Python)."""
    condition = None
    for old in moved:
        one = t.deal.criteria_met.contains(old)
        condition = one if condition is None else condition | one
    return list(t.deal.select(t.deal.id, t.deal.criteria_met).where(condition).tuples())
