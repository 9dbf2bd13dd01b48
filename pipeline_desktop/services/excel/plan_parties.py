"""Companies and contacts in an import: the Companies and Contacts sheets of our own workbook,
and the company and contact each deal names (matched by trimmed, case-insensitive name,
contacts also by email; created when missing; details they lack filled in, never replaced)."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline_desktop.services.excel.plan_state import PlannerState
from pipeline_desktop.services.excel.plan_types import Counts, key
from pipeline_desktop.services.excel.validate import Records

COMPANY_DETAILS = ("industry", "employees", "region", "website")
_DETAIL_AT = {"industry": 3, "employees": 4, "region": 5, "website": 6}


class PartyPlanning(PlannerState):
    """The Planner's company and contact steps."""

    def companies(self, records: Records) -> None:
        counts = self.plan.counts.setdefault("Companies", Counts())
        self.reserve("company", (r.get("id") for _n, r in records.rows) if self.trusted else ())
        for number, rec in records.rows:
            name = str(rec.get("name") or "")
            if not name:
                self.problem("Companies", number, "Name", "", "a company needs a name")
                continue
            wb_id = rec.get("id")
            company_id = wb_id if self.trusted and isinstance(wb_id, int) else \
                self.company_by_key.get(key(name)) or self.allocate("company")
            row = (company_id, name, key(name), str(rec.get("industry") or ""),
                   rec.get("employees"), str(rec.get("region") or ""),
                   str(rec.get("website") or ""))
            old = self.rows["company"].get(company_id)
            self.put("company", row, counts)
            if old is not None and old[2] != row[2]:
                self.company_by_key.pop(old[2], None)
            self.company_by_key[row[2]] = company_id
            self._map("company", wb_id, company_id)

    def company_for(self, name: str, details: dict[str, object]) -> int | None:
        """Find a company by name (creating it); fill in details it does not have yet."""
        signature = (name, *details.values())
        return self.companies_for(tuple(details), [signature])[signature]

    def companies_for(self, fields: tuple[str, ...], signatures: Iterable[tuple]
                      ) -> dict[tuple, int | None]:
        """`company_for` of many (name, *values of `fields`) signatures, taken in order: the
        same companies, ids and rows. A company this call creates takes later details into
        its one inserted row (not a rewrite of the insert list per detail)."""
        found: dict[tuple, int | None] = {}
        name_keys: dict[str, str] = {}
        created: dict[int, tuple] = {}  # company id → its row so far
        filled: set[int] = set()  # companies created here that hold every detail of `fields`
        counts = None
        for signature in signatures:
            name = signature[0]
            remembered = (fields, signature)  # the same values under other fields differ
            known = self._company_of_name.get(remembered) if name else None
            if known is not None or not name:
                found[signature] = known  # the same name and details again, or no name
                continue
            counts = counts or self.plan.counts.setdefault("Companies", Counts())
            name_key = name_keys.get(name) or name_keys.setdefault(name, key(name))
            company_id = self.company_by_key.get(name_key)
            if company_id in filled:  # later details cannot change it (most signatures)
                self._company_of_name[remembered] = found[signature] = company_id
                continue
            if company_id is None:
                company_id = self.allocate("company")
                self.company_by_key[name_key] = company_id
                created[company_id] = _company_row(company_id, name, name_key,
                                                   dict(zip(fields, signature[1:], strict=True)))
                self.put("company", created[company_id], counts)
            elif company_id in created:
                created[company_id] = _merged_company(
                    created[company_id], dict(zip(fields, signature[1:], strict=True)))
            else:
                old = self.rows["company"][company_id]
                merged = _merged_company(old, dict(zip(fields, signature[1:], strict=True)))
                if merged != old:
                    self.put("company", merged, counts)
            if company_id in created and _has_details(created[company_id], fields):
                filled.add(company_id)
            self._company_of_name[remembered] = found[signature] = company_id
        self._settle_created("company", created)
        return found

    def contacts(self, records: Records) -> None:
        counts = self.plan.counts.setdefault("Contacts", Counts())
        self.reserve("contact", (r.get("id") for _n, r in records.rows) if self.trusted else ())
        for number, rec in records.rows:
            name = str(rec.get("name") or "")
            if not name:
                self.problem("Contacts", number, "Name", "", "a contact needs a name")
                continue
            wb_id = rec.get("id")
            email = str(rec.get("email") or "")
            contact_id = wb_id if self.trusted and isinstance(wb_id, int) else (
                self.contact_by_key.get(key(name))
                or (self.contact_by_email.get(email.casefold()) if email else None)
                or self.allocate("contact"))
            company_id = self.company_ref(rec.get("company_id"), str(rec.get("company") or ""))
            row = (contact_id, name, key(name), str(rec.get("job_title") or ""), email,
                   str(rec.get("phone") or ""), company_id)
            self.put("contact", row, counts)
            self.contact_by_key[key(name)] = contact_id
            if email:
                self.contact_by_email[email.casefold()] = contact_id
            self._map("contact", wb_id, contact_id)

    def company_ref(self, wb_id: object, name: str) -> int | None:
        if isinstance(wb_id, int):
            mapped = self.id_map["company"].get(wb_id)
            if mapped is None and self.trusted and wb_id in self.rows["company"]:
                mapped = wb_id
            if mapped is not None:
                return mapped
        return self.company_for(name, {}) if name else None

    def contact_for(self, rec: dict[str, object], company_id: int | None) -> int | None:
        name = str(rec.get("contact") or "")
        email = str(rec.get("email") or "")
        if not name and not email:
            return None
        counts = self.plan.counts.setdefault("Contacts", Counts())
        contact_id = (self.contact_by_key.get(key(name)) if name else None) or (
            self.contact_by_email.get(email.casefold()) if email else None)
        phone, job = str(rec.get("phone") or ""), str(rec.get("job_title") or "")
        if contact_id is None:
            contact_id = self.allocate("contact")
            name = name or email
            self.put("contact", (contact_id, name, key(name), job, email, phone, company_id),
                     counts)
        else:
            old = self.rows["contact"][contact_id]
            merged = (*old[:3], old[3] or job, old[4] or email, old[5] or phone,
                      old[6] if old[6] is not None else company_id)
            if merged != old:
                self.put("contact", merged, counts)
        if name:
            self.contact_by_key[key(name)] = contact_id
        if email:
            self.contact_by_email[email.casefold()] = contact_id
        return contact_id


def _company_row(company_id: int, name: str, name_key: str, details: dict[str, object]
                 ) -> tuple:
    return (company_id, name, name_key, details.get("industry") or "",
            details.get("employees"), details.get("region") or "", details.get("website") or "")


def _has_details(row: tuple, fields: tuple[str, ...]) -> bool:
    """Does a company's row already hold every one of these details?"""
    return all(row[_DETAIL_AT[f]] not in (None, "") for f in fields)


def _merged_company(old: tuple, details: dict[str, object]) -> tuple:
    """A company's row with the details it lacked filled in (what it has stays)."""
    return (old[0], old[1], old[2], old[3] or details.get("industry") or "",
            old[4] if old[4] is not None else details.get("employees"),
            old[5] or details.get("region") or "", old[6] or details.get("website") or "")
