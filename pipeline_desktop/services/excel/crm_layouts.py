"""The layouts that HubSpot's, Salesforce's and Pipedrive's own importers take, under their
own header names, and how an import recognises a file exported by one of them.

A column's `what` names the value crm_export writes into it (see `crm_export.cell`):
`record_id` (the CRM's record ID, only for deals that came from that CRM), `ref` (this
pipeline's reference to the deal, which the CRM keeps in a custom property so the next export
from the CRM finds the deal here), `stage` and `status` (the CRM's words), `pipeline` (the
CRM pipeline the deal came from), `account_id` (Salesforce's account ID, kept as a custom
field at import) or a deal field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline_desktop.services.excel.mapping import header_key

REF_HEADER = "Pipeline Desktop ID"


@dataclass(frozen=True)
class CrmLayout:
    key: str
    name: str
    columns: tuple[tuple[str, str], ...]  # (header, what)
    won: str  # the stage (HubSpot, Salesforce) or status (Pipedrive) of a won deal
    lost: str
    stage_holds_outcome: bool  # False: a separate status column says won/lost (Pipedrive)
    default_pipeline: str = ""  # written for deals that came from elsewhere

    def header_of(self, what: str) -> str | None:
        return next((h for h, w in self.columns if w == what), None)

    @property
    def headers(self) -> list[str]:
        return [h for h, _w in self.columns]


HUBSPOT = CrmLayout("hubspot", "HubSpot", (
    ("Record ID", "record_id"), ("Deal Name", "title"), ("Pipeline", "pipeline"),
    ("Deal Stage", "stage"), ("Amount", "value"), ("Currency", "currency"),
    ("Close Date", "expected_close"), ("Create Date", "created"), ("Deal owner", "owner"),
    ("Associated Company", "company"), ("Closed Lost Reason", "lost_reason"),
    ("Next step", "next_step"), ("Deal Description", "notes"), (REF_HEADER, "ref"),
), won="Closed won", lost="Closed lost", stage_holds_outcome=True,
    default_pipeline="Sales Pipeline")

SALESFORCE = CrmLayout("salesforce", "Salesforce", (
    ("Id", "record_id"), ("Name", "title"), ("AccountId", "account_id"),
    ("Account Name", "company"), ("StageName", "stage"), ("Amount", "value"),
    ("CurrencyIsoCode", "currency"), ("CloseDate", "expected_close"),
    ("Probability", "probability"), ("LeadSource", "source"), ("NextStep", "next_step"),
    ("Description", "notes"), (REF_HEADER, "ref"),
), won="Closed Won", lost="Closed Lost", stage_holds_outcome=True)

PIPEDRIVE = CrmLayout("pipedrive", "Pipedrive", (
    ("Deal - ID", "record_id"), ("Deal - Title", "title"), ("Deal - Value", "value"),
    ("Deal - Currency of Value", "currency"), ("Deal - Pipeline", "pipeline"),
    ("Deal - Stage", "stage"), ("Deal - Status", "status"),
    ("Deal - Organization", "company"), ("Deal - Contact person", "contact"),
    ("Deal - Owner", "owner"), ("Deal - Expected close date", "expected_close"),
    ("Deal - Lost reason", "lost_reason"), ("Deal - Probability", "probability"),
    (REF_HEADER, "ref"),
), won="won", lost="lost", stage_holds_outcome=False)

LAYOUTS: dict[str, CrmLayout] = {layout.key: layout for layout in (HUBSPOT, SALESFORCE,
                                                                    PIPEDRIVE)}


def detect_crm(headers: Sequence[object]) -> CrmLayout | None:
    """The CRM whose export this header row looks like, or None."""
    keys = {header_key(h) for h in headers}
    if sum(1 for k in keys if k.startswith("deal - ")) >= 2:
        return PIPEDRIVE
    if "record id" in keys and keys & {"deal name", "deal stage", "dealstage", "dealname"}:
        return HUBSPOT
    if keys & {"stagename", "opportunity id", "opportunityid"} or (
            "id" in keys and "closedate" in keys):
        return SALESFORCE
    return None


def pipeline_column(layout: CrmLayout, headers: Sequence[object]) -> int | None:
    """The index of the CRM's pipeline column (kept with the sync record, not as a custom
    field, so the round trip leaves deals unchanged)."""
    wanted = layout.header_of("pipeline")
    if wanted is None:
        return None
    keys = [header_key(h) for h in headers]
    return keys.index(header_key(wanted)) if header_key(wanted) in keys else None
