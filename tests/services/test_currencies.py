"""Money in several currencies: the conversion rules, their storage and undo, the schema step,
the `currencies` command and what `metrics` and `health` report (issue 13)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from metrics_helpers import TODAY, add_deal

from pipeline_desktop.cli import main
from pipeline_desktop.domain.currency import (
    ChangeCurrencies,
    Rate,
    RateBook,
    check_code,
    locale_currency,
    parse_rate,
    parse_rate_option,
    plan_change,
    rebase,
    unconverted_line,
)
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.services import health
from pipeline_desktop.services.metrics import compute_metrics, to_json
from pipeline_desktop.services.metrics_sql import metrics_from_sql
from pipeline_desktop.services.rates_file import RatesFileError, parse_rates
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.session import open_session
from pipeline_desktop.storage.currency_store import home_currency, read_book

FIXTURES = Path(__file__).parents[1] / "fixtures"
BOOK = RateBook("USD", [Rate("EUR", "2026-01-01", 1.1), Rate("EUR", "2026-03-01", 1.2),
                        Rate("JPY", "2026-01-01", 0.0065)])


def test_a_closed_deal_converts_at_the_rate_of_its_close_date_an_open_one_at_the_latest():
    assert BOOK.convert(100_00, "EUR", "2026-02-28") == 110_00
    assert BOOK.convert(100_00, "EUR", "2026-03-01") == 120_00
    assert BOOK.convert(100_00, "EUR", None) == 120_00  # open: the latest rate
    assert BOOK.convert(100_00, "EUR", "2025-12-31") is None  # before any rate
    assert BOOK.convert(100_00, "CHF", None) is None  # no rate at all
    assert BOOK.convert(123_45, "USD", "2020-01-01") == 123_45  # home: never multiplied
    assert BOOK.convert(100_000_00, "JPY", None) == 650_00


def test_codes_and_rates_are_checked():
    assert check_code(" eur ") == "EUR"
    for bad in ("XXY", "EURO", "", "€"):
        with pytest.raises(ValidationError, match="not a currency code"):
            check_code(bad)
    assert parse_rate("1,08") == 1.08
    for bad in ("0", "-1", "abc", "nan", "inf"):
        with pytest.raises(ValidationError):
            parse_rate(bad)
    assert parse_rate_option("eur=1.1", date(2026, 6, 15)) == Rate("EUR", "2026-06-15", 1.1)
    assert parse_rate_option("JPY=0.0065@2026-01-02", TODAY).since == "2026-01-02"
    assert locale_currency("de_DE.UTF-8") == "EUR" and locale_currency("C") == "USD"
    assert unconverted_line("CHF", 3) == "3 deals in CHF have no exchange rate"
    assert unconverted_line("CHF", 1) == "1 deal in CHF has no exchange rate"


def test_a_new_home_currency_re_expresses_the_rates_through_its_own():
    rebased = rebase(BOOK.rates, "USD", "EUR")
    book = RateBook("EUR", rebased)
    assert book.rate("USD", "2026-02-01") == pytest.approx(1 / 1.1)
    assert book.rate("JPY", "2026-01-01") == pytest.approx(0.0065 / 1.1)
    command = plan_change(BOOK, "EUR", [Rate("GBP", "2026-01-01", 1.17)])
    assert command.home == "EUR" and Rate("GBP", "2026-01-01", 1.17) in command.put
    assert ("EUR", "2026-01-01") in command.remove
    with pytest.raises(ValidationError, match="home currency"):
        plan_change(BOOK, None, [Rate("USD", "2026-01-01", 2.0)])


def test_rate_changes_are_undone_and_redone_exactly(any_session):
    repository = any_session.repository
    applied = repository.apply(ChangeCurrencies("USD", (Rate("EUR", "2026-01-01", 1.1),)))
    edit = repository.apply(ChangeCurrencies(put=(Rate("EUR", "2026-01-01", 1.2),),
                                             remove=()))
    assert read_book(any_session.db).rate("EUR") == 1.2
    repository.apply(edit.inverse)
    assert read_book(any_session.db).rates == [Rate("EUR", "2026-01-01", 1.1)]
    deleted = repository.apply(ChangeCurrencies(remove=(("EUR", "2026-01-01"),)))
    assert read_book(any_session.db).rates == []
    repository.apply(deleted.inverse)
    repository.apply(applied.inverse)
    assert read_book(any_session.db).rates == []
    with pytest.raises(ValidationError):
        repository.apply(ChangeCurrencies(put=(Rate("EUR", "2026-01-01", 0.0),)))


def five_deals(repository) -> None:
    """The issue's example: won 1,000 USD, 1,000 EUR, 100,000 JPY; open 500 GBP; lost 900
    USD; and one open CHF deal without a rate."""
    for value, currency, move in ((1000, "USD", "Won"), (1000, "EUR", "Won"),
                                  (100_000, "JPY", "Won"), (500, "GBP", None),
                                  (900, "USD", "Lost"), (70_000, "CHF", None)):
        moves = ((move, "2026-05-10"),) if move else ()
        add_deal(repository, "2026-04-01", value=value, currency=currency, moves=moves,
                 expected_close="2026-06-20")
    repository.apply(ChangeCurrencies("USD", (Rate("EUR", "2026-01-01", 1.1),
                                              Rate("JPY", "2026-01-01", 0.0065),
                                              Rate("GBP", "2026-01-01", 1.27))))


def test_the_issues_pipeline_is_summed_in_the_home_currency(any_session):
    five_deals(any_session.repository)
    data = to_json(metrics_from_sql(any_session.repository, today=TODAY))
    assert data["currency"] == "USD"
    assert data["average_deal_size"] == pytest.approx((1000 + 1100 + 650) / 3, abs=0.01)
    assert data["open_value"] == 635.0  # the CHF deal is left out, never added raw
    assert data["unconverted"] == {"CHF": {"deals": 1, "value": 70000.0}}
    snapshot = PipelineSnapshot.load(any_session.repository)
    assert to_json(compute_metrics(snapshot, today=TODAY)) == data
    report = health.check(any_session.repository, TODAY)
    finding = report.finding("unconverted_deals")
    assert finding is not None and "1 deal in CHF has no exchange rate" in finding.message
    assert report.to_json()["unconverted"] == {"CHF": {"deals": 1, "value": 70000.0}}
    assert report.to_json()["currency"] == "USD"


def test_an_older_file_keeps_its_main_currency_as_home(tmp_path):
    path = tmp_path / "v2.pipeline"
    shutil.copyfile(FIXTURES / "schema_v2" / "sample.pipeline", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE deal SET currency = 'EUR'")
    conn.commit()
    conn.close()
    session = open_session(str(path))
    try:
        assert session.db.execute_sql(
            "SELECT value FROM setting WHERE key = 'home_currency'").fetchone() == ('"EUR"',)
        assert home_currency(session.db) == "EUR"
        assert to_json(metrics_from_sql(session.repository, today=TODAY))["unconverted"] == {}
    finally:
        session.close()


def test_an_empty_pipeline_takes_its_home_currency_from_the_locale(tmp_path, monkeypatch):
    monkeypatch.setenv("LC_ALL", "de_CH.UTF-8")
    session = open_session(str(tmp_path / "new.pipeline"))
    try:
        assert home_currency(session.db) == "CHF"
    finally:
        session.close()


def test_the_command_sets_and_prints_rates(tmp_path, capsys):
    db = str(tmp_path / "p.pipeline")
    open_session(db).close()
    assert main(["currencies", "--db", db, "--home", "usd", "--rate", "EUR=1.1@2026-01-01",
                 "--rate", "GBP=1.27", "--today", "2026-06-15"]) == 0
    out = capsys.readouterr().out
    assert "Home currency: USD" in out and "EUR       2026-01-01  1.1" in out
    assert "GBP       2026-06-15  1.27" in out  # without a date: from today
    assert main(["currencies", "--db", db]) == 0
    assert capsys.readouterr().out == out


@pytest.mark.parametrize("args, message", [
    (["--rate", "EUR=0"], "above zero"),
    (["--rate", "EUR=-2"], "above zero"),
    (["--rate", "EUR=abc"], "not an exchange rate"),
    (["--rate", "XYZ=1.1"], "not a currency code"),
    (["--home", "EURO"], "not a currency code"),
])
def test_bad_input_writes_nothing(tmp_path, capsys, args, message):
    db = str(tmp_path / "p.pipeline")
    open_session(db).close()
    assert main(["currencies", "--db", db, "--rate", "GBP=1.27", *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    main(["currencies", "--db", db])
    assert "No exchange rates yet" in capsys.readouterr().out


ECB = """Date,USD,JPY,CYP,GBP,CHF,
2026-06-12, 1.1500, 170.20, N/A, 0.8500, 0.9400,
2026-06-11, 1.1400, 169.00, N/A, 0.8400, N/A,
"""


def test_the_ecb_file_is_converted_through_the_euro():
    rates = {r.key: r.rate for r in parse_rates(ECB, "USD")}
    assert rates["EUR", "2026-06-12"] == pytest.approx(1.15)
    assert rates["GBP", "2026-06-12"] == pytest.approx(1.15 / 0.85)
    assert rates["JPY", "2026-06-11"] == pytest.approx(1.14 / 169.0)
    assert ("CHF", "2026-06-11") not in rates  # N/A: no rate that day
    assert not any(code in ("USD", "CYP") for code, _ in rates)
    in_euro = {r.key: r.rate for r in parse_rates(ECB, "EUR")}
    assert in_euro["USD", "2026-06-12"] == pytest.approx(1 / 1.15)


def test_a_broken_rates_file_names_each_row(tmp_path, capsys):
    text = "Date,Currency,Rate\n2026-01-01,EUR,1.1\n2026-01-02,EUR,0\nnot a date,GBP,1.2\n"
    with pytest.raises(RatesFileError) as raised:
        parse_rates(text, "USD", "rates.csv")
    assert raised.value.problems == [
        "rates.csv row 3: an exchange rate must be above zero (not “0”)",
        "rates.csv row 4: “not a date” is not a date (use YYYY-MM-DD)"]
    with pytest.raises(RatesFileError, match="row 3, column JPY"):
        parse_rates("Date,USD,JPY\n2026-01-01,1.1,1.2\n2026-01-02,1.1,x\n", "USD")
    db, path = str(tmp_path / "p.pipeline"), tmp_path / "rates.csv"
    open_session(db).close()
    path.write_text(text)
    assert main(["currencies", "--db", db, "--rates-file", str(path)]) == 1
    assert "row 3" in capsys.readouterr().err
    main(["currencies", "--db", db])
    assert "No exchange rates yet" in capsys.readouterr().out


def test_metrics_json_names_the_currency_and_the_unconverted_deals(tmp_path, capsys):
    db = str(tmp_path / "p.pipeline")
    session = open_session(db)
    five_deals(session.repository)
    session.close()
    assert main(["metrics", "--db", db, "--json", "--today", TODAY.isoformat()]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["currency"] == "USD"
    assert data["unconverted"] == {"CHF": {"deals": 1, "value": 70000.0}}
    assert main(["metrics", "--db", db, "--today", TODAY.isoformat()]) == 0
    assert "Left out           1 deal in CHF has no exchange rate" in capsys.readouterr().out
    assert main(["health", "--db", db, "--json", "--today", TODAY.isoformat()]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["currency"], report["unconverted"]) == ("USD", data["unconverted"])


def test_a_colleagues_rate_change_reaches_every_tab(any_session):
    """Team mode polls a fingerprint of the pipeline: a rate changed elsewhere moves it, and
    every tab redraws (the rate of an existing key changed in place too)."""
    from pipeline_desktop.domain.commands import EVERYTHING
    from pipeline_desktop.ui.team_watch import changes_between, read_fingerprint

    db, repository = any_session.db, any_session.repository
    repository.apply(ChangeCurrencies("USD", (Rate("EUR", "2026-01-01", 1.1),)))
    before = read_fingerprint(db)
    repository.apply(ChangeCurrencies(put=(Rate("EUR", "2026-01-01", 1.2),)))
    after = read_fingerprint(db)
    assert after != before
    assert changes_between(before, after, {}, {}) == EVERYTHING


def test_two_rates_for_one_day_are_refused(tmp_path, capsys):
    db = str(tmp_path / "p.pipeline")
    open_session(db).close()
    assert main(["currencies", "--db", db, "--rate", "EUR=1.1@2026-01-01",
                 "--rate", "EUR=1.2@2026-01-01"]) == 1
    assert "two different rates of EUR on 2026-01-01" in capsys.readouterr().err
