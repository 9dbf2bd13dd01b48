"""The workbook carries the home currency and the exchange rates (a Currencies sheet) and brings
them back; each deal keeps its currency through export and import, also from other CRMs."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import xlsxwriter

from pipeline_desktop.domain.commands import CreateDeal
from pipeline_desktop.domain.currency import ChangeCurrencies, Rate
from pipeline_desktop.services.excel.apply import install
from pipeline_desktop.services.excel.export import export_workbook
from pipeline_desktop.services.excel.preview import apply_preview, build_preview
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage.currency_store import read_book

RATES = (Rate("USD", "2026-01-01", 0.91), Rate("USD", "2026-04-01", 0.93),
         Rate("JPY", "2026-01-01", 0.0061))


def euro_pipeline(session: Session) -> None:
    repository = session.repository
    repository.apply(ChangeCurrencies("EUR", RATES))
    for title, value, currency in (("Berlin", 1000_00, "EUR"), ("Boston", 2000_00, "USD"),
                                   ("Osaka", 300_000_00, "JPY"), ("Zurich", 700_00, "CHF")):
        repository.apply(CreateDeal({"title": title, "value_cents": value,
                                     "currency": currency}))


def test_a_workbook_brings_back_the_home_currency_rates_and_deal_currencies(
        any_session: Session, tmp_path: Path) -> None:
    euro_pipeline(any_session)
    path = tmp_path / "out.xlsx"
    export_workbook(any_session.repository, path)
    sheet = openpyxl.load_workbook(path)["Currencies"]
    assert [c.value for c in sheet[1]][:2] == ["Home currency", "EUR"]
    assert [c.value for c in sheet[3]] == ["Currency", "Since", "Rate (EUR for 1)"]
    assert [c.value for c in sheet[4]] == ["JPY", "2026-01-01", 0.0061]

    again = build_preview(any_session.repository, path)  # the same pipeline: nothing to do
    assert not again.has_changes

    empty = open_session(str(tmp_path / "restored.pipeline"))
    try:
        preview = build_preview(empty.repository, path)
        assert str(preview.counts["Currencies"]) == "3 new, 0 updated, 0 unchanged"
        install(empty.repository)
        applied = empty.repository.apply(preview.edit())  # what the window's Import does
        book = read_book(empty.db)
        assert (book.home, book.rates) == ("EUR", sorted(RATES))
        currencies = {r.title: r.currency for r in empty.repository.deal_rows()}
        assert currencies == {"Berlin": "EUR", "Boston": "USD", "Osaka": "JPY",
                              "Zurich": "CHF"}
        empty.repository.apply(applied.inverse)
        assert read_book(empty.db).rates == []  # undone with the rows
    finally:
        empty.close()


def test_a_broken_rate_in_the_sheet_is_refused_by_row_and_nothing_written(
        session: Session, tmp_path: Path) -> None:
    euro_pipeline(session)
    path = tmp_path / "out.xlsx"
    export_workbook(session.repository, path)
    workbook = openpyxl.load_workbook(path)
    workbook["Currencies"]["C5"] = -1
    workbook["Currencies"]["A6"] = "XYZ"
    workbook.save(path)
    empty = open_session(str(tmp_path / "other.pipeline"))
    try:
        preview = build_preview(empty.repository, path)
        assert [str(p) for p in preview.problems] == [
            "Sheet 'Currencies', row 5, column 'Rate': an exchange rate must be above zero "
            "(not “-1”)",
            "Sheet 'Currencies', row 6, column 'Currency': “XYZ” is not a currency code "
            "(ISO 4217, e.g. EUR)"]
        assert read_book(empty.db).rates == []
    finally:
        empty.close()


def crm_sheet(path: Path, header: str, title: str, currency: str) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Deals")
    for column, (name, value) in enumerate(((title, "Export order"), ("Amount", 1200),
                                            (header, currency))):
        sheet.write(0, column, name)
        sheet.write(1, column, value)
    book.close()
    return path


def test_crm_currency_columns_become_the_deal_currency(session: Session, tmp_path: Path) -> None:
    for crm, (header, title, currency) in {
            "pipedrive": ("Deal - Currency of Value", "Deal - Title", "GBP"),
            "salesforce": ("CurrencyIsoCode", "Name", "JPY"),
            "hubspot": ("Currency", "Deal Name", "chf")}.items():
        path = crm_sheet(tmp_path / f"{crm}.xlsx", header, title, currency)
        preview = build_preview(session.repository, path)
        assert dict(zip(preview.headers, preview.fields, strict=True))[header] == "currency"
        apply_preview(session.repository, preview, session.path, backup=False)
        assert session.repository.deal_rows()[-1].currency == currency.upper()
    bad = crm_sheet(tmp_path / "bad.xlsx", "Currency", "Deal Name", "ZZZ")
    assert [p.reason for p in build_preview(session.repository, bad).problems] == [
        "'ZZZ' is not a currency code (ISO 4217)"]
