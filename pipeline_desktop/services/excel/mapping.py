"""Which column holds which field: our own headers and the usual exports of Salesforce,
HubSpot, Pipedrive and Odoo, matched case-, space- and BOM-insensitively."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pipeline_desktop.errors import UsageError
from pipeline_desktop.services.excel.schema import CUSTOM_PREFIX, DEALS

IGNORE = "ignore"
PRESETS_KEY = "import_presets"  # pipeline setting: {name: {header: field}}
CUSTOM = ""  # an unmapped column: kept as a custom field

# Fields a user can map a column to (the command line's --map and the wizard's combos).
FIELDS: tuple[str, ...] = (
    "title", "company", "contact", "email", "phone", "value", "currency", "stage", "status",
    "owner", "source", "created", "expected_close", "closed", "probability", "lost_reason",
    "external_id", "notes", "industry", "employees", "job_title", "region", "website",
    "next_step", "budget", "budget_confirmed", "authority_known", "authority_name", "need",
    "timeline", "criteria_met", "is_won", "is_closed", "won_time", "lost_time", "local_ref",
    IGNORE,
)
OWN_ONLY = ("id", "company_id", "contact_id", "updated_at", "version")

_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "name", "deal name", "deal - title", "opportunity", "opportunity name",
              "deal", "deal title", "subject"),
    "company": ("company", "account name", "account", "account.name", "accountname",
                "deal - organization", "organization", "organisation", "associated company",
                "company name", "customer", "partner", "client"),
    "contact": ("contact", "contact person", "deal - contact person", "contact name",
                "associated contact", "primary contact"),
    "email": ("email", "e-mail", "contact email", "email address"),
    "phone": ("phone", "telephone", "mobile", "contact phone"),
    "value": ("value", "amount", "deal - value", "expected revenue", "deal value",
              "amount in company currency", "revenue"),
    "currency": ("currency", "deal - currency", "deal - currency of value", "currency iso code",
                 "currencyisocode", "deal currency", "currency code"),
    "stage": ("stage", "stagename", "stage name", "deal stage", "deal - stage", "dealstage"),
    "status": ("status", "deal - status", "state"),
    "owner": ("owner", "ownerid", "owner id", "owner name", "deal owner", "deal - owner",
              "salesperson", "user", "assigned to", "hubspot owner"),
    "source": ("source", "leadsource", "lead source", "deal - source", "original source"),
    "created": ("created", "createddate", "created date", "create date", "deal - deal created",
                "created on", "creation date", "deal created"),
    "expected_close": ("expected close", "closedate", "close date", "expected close date",
                       "deal - expected close date", "expected closing", "deadline"),
    "closed": ("closed", "date closed", "closed date", "closed on", "deal - close time",
               "close time"),
    "probability": ("probability", "probability (%)", "deal - probability", "deal probability"),
    "lost_reason": ("lost reason", "deal - lost reason", "closed lost reason", "loss reason"),
    "external_id": ("external id", "id", "record id", "deal - id", "opportunity id",
                    "deal id", "opportunityid"),
    "notes": ("notes", "description", "deal description", "internal notes", "note"),
    "industry": ("industry", "account industry"),
    "employees": ("employees", "number of employees", "numberofemployees", "company size"),
    "job_title": ("job title", "contact title", "title (contact)", "function"),
    "region": ("region", "country", "billingcountry", "billing country", "territory"),
    "website": ("website", "web site", "domain"),
    "next_step": ("next step", "nextstep", "next activity"),
    "budget": ("budget",),
    "budget_confirmed": ("budget confirmed",),
    "authority_known": ("authority known",),
    "authority_name": ("authority name", "decision maker"),
    "need": ("need",),
    "timeline": ("timeline",),
    "criteria_met": ("criteria met",),
    "is_won": ("iswon", "is won", "won"),
    "is_closed": ("isclosed", "is closed"),
    "won_time": ("deal - won time", "won time", "won date", "date won"),
    "lost_time": ("deal - lost time", "lost time", "lost date", "date lost"),
    # This pipeline's reference to a deal, written by an export for a CRM (crm_export.py):
    # a deal made here that the CRM created comes back by it.
    "local_ref": ("pipeline desktop id",),
}
_KEY = re.compile(r"[\s_]+")


def header_key(header: object) -> str:
    """`\\ufeffDeal  Name ` → `deal name`."""
    text = str(header or "").replace("\ufeff", "").replace("\u00a0", " ")
    return _KEY.sub(" ", text).strip().casefold()


_BY_ALIAS = {alias: field for field, aliases in _ALIASES.items() for alias in aliases}
_OURS = {header_key(c.header): c.field for c in DEALS.columns}


def auto_map(headers: Sequence[object], *, ours: bool) -> list[str]:
    """One field per column: a known field, or CUSTOM (kept as a custom field).
    A field claimed twice goes to the first column; later ones become custom."""
    table = {**_BY_ALIAS, **_OURS} if ours else _BY_ALIAS
    result: list[str] = []
    taken: set[str] = set()
    for header in headers:
        key = header_key(header)
        field = table.get(key, CUSTOM)
        if not key:
            field = IGNORE
        if field in taken and field != IGNORE:
            field = CUSTOM
        taken.add(field)
        result.append(field)
    _salesforce_account_id(headers, result)
    return result


def _salesforce_account_id(headers: Sequence[object], fields: list[str]) -> None:
    """Salesforce's AccountId names the company when no account name came with it."""
    if "company" in fields:
        return
    for index, header in enumerate(headers):
        if header_key(header) in ("accountid", "account id") and fields[index] == CUSTOM:
            fields[index] = "company"
            return


def score(headers: Sequence[object]) -> int:
    """How many cells of a row look like known column headers (to find the header row)."""
    return sum(1 for h in headers if header_key(h) in _BY_ALIAS or header_key(h) in _OURS)


def find_header_row(rows: Sequence[Sequence[object]], look: int = 30) -> int:
    """The row (0-based) that holds the headers: the best-scoring of the first `look` rows,
    else the first row with two or more text cells."""
    best, best_score = -1, 1
    for index, row in enumerate(rows[:look]):
        points = score(row)
        if points > best_score:
            best, best_score = index, points
    if best >= 0:
        return best
    for index, row in enumerate(rows[:look]):
        if sum(1 for v in row if isinstance(v, str) and v.strip()) >= 2:
            return index
    return 0


def apply_overrides(headers: Sequence[object], fields: list[str],
                    overrides: Mapping[str, str]) -> list[str]:
    """`{"Deal Name": "title"}` from --map or the wizard; unknown headers or fields are usage
    errors. A field given to one column is taken away from any other."""
    result = list(fields)
    keys = [header_key(h) for h in headers]
    for header, field in overrides.items():
        field = field.strip().casefold()
        if field in ("custom", "keep"):
            field = CUSTOM
        if field not in (*FIELDS, *OWN_ONLY, CUSTOM):
            raise UsageError(f"'{field}' is not a field; use one of: {', '.join(FIELDS)}")
        try:
            index = keys.index(header_key(header))
        except ValueError:
            raise UsageError(f"The file has no column '{header}'") from None
        if field not in (IGNORE, CUSTOM):
            result = [CUSTOM if f == field else f for f in result]
        result[index] = field
    return result


def custom_name(header: object) -> str:
    """The custom field a column becomes (our export prefixes clashing names)."""
    text = str(header or "").replace("\ufeff", "").strip()
    return text[len(CUSTOM_PREFIX):] if text.startswith(CUSTOM_PREFIX) else text


def parse_map_option(values: Sequence[str]) -> dict[str, str]:
    """`--map "Deal Name=title"` (repeatable)."""
    result: dict[str, str] = {}
    for value in values:
        header, sep, field = value.rpartition("=")
        if not sep or not header.strip():
            raise UsageError(f"--map expects \"Header=field\", not '{value}'")
        result[header.strip()] = field.strip()
    return result


def is_known_header(header: object) -> bool:
    """A header import would map to a field (so a custom field with this name needs a prefix)."""
    text = header_key(header)
    return text in _BY_ALIAS or text in _OURS or text.startswith(header_key(CUSTOM_PREFIX))
