"""Is a sheet our own Deals sheet, and are its IDs this pipeline's?

Our workbook says so in its hidden `_pipeline` sheet, but a spreadsheet program's "Save as
CSV" keeps only the Deals sheet, and a person may copy that sheet into a workbook of its own
or reorder its columns. Without this, our `ID` column was taken for another CRM's external
ID and the whole pipeline came back as new deals. So a sheet with our headers is ours; its IDs
are trusted when the pipeline is empty, when the workbook names this pipeline, or (with no
name to go by) when the deals those IDs point at are the deals the rows describe."""

from __future__ import annotations

from collections.abc import Sequence

import peewee as pw

from pipeline_desktop.services.excel.mapping import header_key
from pipeline_desktop.services.excel.plan_types import key
from pipeline_desktop.services.excel.schema import DEALS
from pipeline_desktop.services.excel.validate import Records

_OURS = frozenset(header_key(c.header) for c in DEALS.columns)
AGREEMENT = 0.8  # of the rows whose ID is a deal here, the share that must describe it


def looks_like_our_deals(headers: Sequence[object]) -> bool:
    """Our ID, Title and Version (or Updated) columns, and at least half of the others, in
    any order."""
    keys = {header_key(h) for h in headers}
    return {"id", "title"} <= keys and bool(keys & {"version", "updated"}) and \
        len(keys & _OURS) * 2 >= len(_OURS)


def ids_agree(db: pw.Database, records: Records) -> bool:
    """Do the rows' IDs point at the deals they describe (same title, or same company and
    created date)? Edited rows may differ; another pipeline's IDs mostly do."""
    ids = [(n, i) for n, i in records.numbered_values("id") if isinstance(i, int)]
    if not ids:
        return False
    stored = {row[0]: (key(row[1]), key(row[2]), row[3]) for row in db.execute_sql(
        "SELECT d.id, d.title, COALESCE(c.name, ''), d.created FROM deal d "
        "LEFT JOIN company c ON c.id = d.company_id").fetchall()}
    titles = dict(records.numbered_values("title"))
    companies = dict(records.numbered_values("company"))
    created = dict(records.numbered_values("created"))
    known = [(n, i) for n, i in ids if i in stored]
    if not known:
        return False
    agreeing = 0
    for number, deal_id in known:
        title, company, made = stored[deal_id]
        if key(str(titles.get(number) or "")) == title or (
                key(str(companies.get(number) or "")) == company
                and str(created.get(number) or "") == str(made or "")):
            agreeing += 1
    return agreeing >= AGREEMENT * len(known)


def untrusted_warning(named: bool) -> str:
    """Why the IDs of our own sheet are not used: the workbook names another pipeline, or
    (no name) its IDs point at other deals."""
    if named:
        return ("This workbook comes from another pipeline: deals are added (or matched by "
                "external ID); activities and stage history are restored only into their "
                "own pipeline or an empty one")
    return ("This sheet has Pipeline Desktop's columns, but its IDs are not this pipeline's "
            "deals (their titles differ): deals are added (or matched by external ID)")
