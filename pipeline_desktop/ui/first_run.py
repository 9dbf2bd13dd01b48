"""The first start: no pipeline yet, so ask between the sample and an empty one."""

from __future__ import annotations

from pathlib import Path

from pipeline_desktop.paths import resolve_url
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import open_session
from pipeline_desktop.ui.dialogs.first_run import FirstRunDialog
from pipeline_desktop.ui.settings import AppSettings

SAMPLE_DEALS = 300


def first_run_url(settings: AppSettings, db_option: str | None) -> str | None:
    """The pipeline to open; on a first start, ask between the sample and an empty pipeline."""
    url = resolve_url(db_option or settings.get("last_file") or None)
    if db_option or Path(url).exists() or "://" in url:
        return url
    choice = FirstRunDialog.ask()
    if choice is None:
        return None
    if choice == "sample":
        create_sample(url)
    return url


def create_sample(url: str, deals: int = SAMPLE_DEALS) -> None:
    session = open_session(url)
    try:
        if not session.repository.deal_count():
            generate(session.db, session.repository.stages(), deals=deals, sample_settings=True)
    finally:
        session.close()
