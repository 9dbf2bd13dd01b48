"""A CRM's deal export as it comes out of HubSpot: an old pipeline (2016–17), its own stage
names, US dates, amounts with a currency sign. Tests import it through the real importer."""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

HEADER = ["Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", "Close Date",
          "Deal owner", "Associated Company", "Pipeline"]
OPEN_STAGES = ("Appointment Scheduled", "Presentation Scheduled")
FIRST_DAY, LAST_CLOSE = date(2016, 10, 20), date(2017, 6, 30)
PRODUCTS = ("GTX Basic", "GTX Pro", "MG Special", "MG Advanced", "GTX Plus Pro", "GTK 500")


def hubspot_export(path: Path, deals: int = 8_800, seed: int = 11) -> Path:
    """`deals` rows: about half won, a third lost, the rest still open in HubSpot's own
    stages; the last deal closed on LAST_CLOSE."""
    rng = random.Random(seed)
    span = (LAST_CLOSE - FIRST_DAY).days
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(1, deals + 1):
            created = FIRST_DAY + timedelta(days=rng.randrange(span - 140))
            fate = rng.random()
            if fate < 0.48:
                stage = "Closed Won"
            elif fate < 0.82:
                stage = "Closed Lost"
            else:
                stage = rng.choice(OPEN_STAGES)
            closed = created + timedelta(days=rng.randrange(5, 140))
            if n == deals:
                stage, closed = "Closed Won", LAST_CLOSE
            amount = rng.choice((55, 550, 1_096, 3_393, 4_821, 5_482, 26_768)) * (
                0 if stage == "Closed Lost" else 1)
            writer.writerow([
                100_000 + n, f"{rng.choice(PRODUCTS)} for account {n % 85}", stage,
                f"${amount:,.2f}", created.strftime("%m/%d/%Y"),
                closed.strftime("%m/%d/%Y") if stage.startswith("Closed") else "",
                rng.choice(("Darcel Schlecht", "Vicki Laflamme", "Anna Snelling",
                            "Kary Hendrixson", "Moses Frase")),
                f"Account {n % 85}", "Sales Pipeline"])
    return path
