"""The sheets of our own workbook: one list of columns drives both export and import, so a
workbook always comes back the way it went out."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FORMAT_NAME = "pipeline-desktop-workbook"
FORMAT_VERSION = "1"
CUSTOM_PREFIX = "custom: "  # a custom field whose name clashes with one of ours


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    NUMBER = "number"  # a plain number, whole or not (the settings sheets)
    MONEY = "money"  # cents in the database, currency units in the sheet
    PERCENT = "percent"
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"


@dataclass(frozen=True)
class Column:
    header: str
    field: str  # the import field (see mapping.FIELDS)
    kind: Kind = Kind.TEXT
    width: int = 14


@dataclass(frozen=True)
class SheetSpec:
    name: str
    table: str
    columns: tuple[Column, ...]

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


T, N, M, P, D, DT, B = (Kind.TEXT, Kind.INT, Kind.MONEY, Kind.PERCENT, Kind.DATE, Kind.DATETIME,
                        Kind.BOOL)

DEALS = SheetSpec("Deals", "deal", (
    Column("ID", "id", N, 8), Column("Title", "title", T, 40), Column("Company", "company", T, 28),
    Column("Contact", "contact", T, 24), Column("Value", "value", M, 14),
    Column("Currency", "currency", T, 9), Column("Stage", "stage", T, 16),
    Column("Status", "status", T, 9), Column("Probability", "probability", P, 11),
    Column("Owner", "owner", T, 16), Column("Source", "source", T, 14),
    Column("Created", "created", D, 12), Column("Expected close", "expected_close", D, 14),
    Column("Closed", "closed", D, 12), Column("Lost reason", "lost_reason", T, 18),
    Column("Next step", "next_step", T, 24), Column("Notes", "notes", T, 30),
    Column("External ID", "external_id", T, 14), Column("Budget", "budget", M, 14),
    Column("Budget confirmed", "budget_confirmed", B, 10),
    Column("Authority known", "authority_known", B, 10),
    Column("Authority name", "authority_name", T, 18), Column("Need", "need", T, 24),
    Column("Timeline", "timeline", D, 12), Column("Criteria met", "criteria_met", T, 24),
    Column("Company ID", "company_id", N, 10), Column("Contact ID", "contact_id", N, 10),
    Column("Updated", "updated_at", DT, 19), Column("Version", "version", N, 8),
))

COMPANIES = SheetSpec("Companies", "company", (
    Column("ID", "id", N, 8), Column("Name", "name", T, 32), Column("Industry", "industry", T, 16),
    Column("Employees", "employees", N, 10), Column("Region", "region", T, 16),
    Column("Website", "website", T, 28),
))

CONTACTS = SheetSpec("Contacts", "contact", (
    Column("ID", "id", N, 8), Column("Name", "name", T, 28),
    Column("Job title", "job_title", T, 20),
    Column("Email", "email", T, 28), Column("Phone", "phone", T, 18),
    Column("Company ID", "company_id", N, 10), Column("Company", "company", T, 28),
))

ACTIVITIES = SheetSpec("Activities", "activity", (
    Column("ID", "id", N, 8), Column("Deal ID", "deal_id", N, 8), Column("Deal", "deal", T, 32),
    Column("Kind", "kind", T, 9), Column("Subject", "subject", T, 28), Column("Due", "due", D, 12),
    Column("Done", "done", D, 12), Column("Notes", "notes", T, 30), Column("Owner", "owner", T, 16),
    Column("Created", "created_at", DT, 19),
))

HISTORY = SheetSpec("Stage history", "stage_change", (
    Column("ID", "id", N, 8), Column("Deal ID", "deal_id", N, 8), Column("Deal", "deal", T, 32),
    Column("From stage", "from_stage", T, 16), Column("To stage", "to_stage", T, 16),
    Column("Changed at", "changed_at", DT, 19), Column("Changed by", "changed_by", T, 16),
))

STAGES = SheetSpec("Stages", "stage", (
    Column("ID", "id", N, 8), Column("Name", "name", T, 20), Column("Position", "position", N, 9),
    Column("Probability", "probability", P, 11), Column("Outcome", "outcome", T, 9),
    Column("Exit criteria", "exit_criteria", T, 40),
    Column("Stale after days", "stale_after_days", N, 10),
))

# Written for reading: custom fields live in each deal (the Deals sheet's extra columns); the
# pipeline keeps no definition apart from them, so import takes nothing from this sheet.
CUSTOM_FIELDS = SheetSpec("Custom fields", "deal", (
    Column("Field", "name", T, 24), Column("Column on the Deals sheet", "header", T, 28),
    Column("Deals with a value", "filled", N, 18),
))

SHEETS = (DEALS, COMPANIES, CONTACTS, ACTIVITIES, HISTORY, STAGES)
OTHER_SHEETS = (STAGES, COMPANIES, CONTACTS, HISTORY, ACTIVITIES)  # import order after deals

# Storage columns per table, in the order plans and undo snapshots use.
TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "stage": ("id", "name", "position", "probability", "outcome", "exit_criteria",
              "stale_after_days"),
    "company": ("id", "name", "name_key", "industry", "employees", "region", "website"),
    "contact": ("id", "name", "name_key", "job_title", "email", "phone", "company_id"),
    "deal": ("id", "title", "company_id", "contact_id", "value_cents", "currency", "stage_id",
             "status", "probability", "owner", "source", "created", "expected_close", "closed",
             "lost_reason", "next_step", "notes", "external_id", "custom", "budget_cents",
             "budget_confirmed", "authority_known", "authority_name", "need", "timeline",
             "criteria_met", "updated_at", "version"),
    "stage_change": ("id", "deal_id", "from_stage_id", "to_stage_id", "changed_at",
                     "changed_by"),
    "activity": ("id", "deal_id", "kind", "subject", "due", "done", "notes", "owner",
                 "created_at"),
}
TABLE_ORDER = ("stage", "company", "contact", "deal", "stage_change", "activity")
