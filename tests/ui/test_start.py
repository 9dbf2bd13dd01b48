"""Start-up (`ui/boot.py`) paints the newest deals before the session opens (read with sqlite3,
no peewee), then imports the rest of the app once; the session follows just after the first
paint. Only a file that opening leaves unchanged takes that path: anything else is checked,
upgraded or offered as File › Open does."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView
from sample_files import sample_file
from test_open_checking import damage_pages_of

from pipeline_desktop.domain.icp import IdealCustomerProfile
from pipeline_desktop.services.demo import SAMPLE_ICP
from pipeline_desktop.session import open_session
from pipeline_desktop.storage import first_page, migrations
from pipeline_desktop.storage.first_page import read_first_page
from pipeline_desktop.ui import boot
from pipeline_desktop.ui.delegates import StageDelegate
from pipeline_desktop.ui.main_window import MainWindow
from pipeline_desktop.ui.models.deal_table import COLUMNS
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import BackgroundCheck
from pipeline_desktop.ui.tabs import deals as deals_tab

FIXTURES = Path(__file__).parents[1] / "fixtures"
PAGE = 50


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return sample_file(tmp_path / "shop.pipeline", deals=200)


Start = Callable[[Path], "MainWindow | int"]


@pytest.fixture
def start(qtbot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Start]:
    """`boot.start` as `pipeline-desktop --db FILE` calls it."""
    monkeypatch.setattr(deals_tab, "FIRST_PAGE", PAGE)
    monkeypatch.setattr(deals_tab, "AFTER_PAINT_MS", 0)
    monkeypatch.setattr(BackgroundCheck, "start", lambda _check: None)  # not what is tested
    windows: list[MainWindow] = []

    def started(path: Path) -> MainWindow | int:
        window = boot.start(str(path), AppSettings())
        if isinstance(window, MainWindow):
            windows.append(window)
        return window

    yield started
    for window in windows:
        window.close()
        if window.controller.is_open:
            window.session.close()


def test_the_newest_deals_are_painted_first_then_everything_follows(start, sample, qtbot):
    window = start(sample)
    assert isinstance(window, MainWindow) and not window.controller.is_open
    tab = window.deals_tab
    assert tab.model.rowCount() == PAGE
    assert window.summary_label.text() == "Loading deals…"
    first = {tab.model.row(i) for i in range(PAGE)}
    qtbot.waitUntil(lambda: window.controller.is_open)  # just after the first paint
    # The same rows, but for the values in the home currency, which follow with the rest.
    assert first == {row._replace(home_cents=None, home="")
                     for row in window.session.repository.deal_rows(newest=PAGE)}
    qtbot.waitUntil(lambda: not tab.loading, timeout=10_000)
    assert tab.model.rowCount() == 200
    assert window.summary_label.text().startswith("200 deals")
    assert tab.stage_filter.count() > 1 and tab.owner_filter.count() > 1
    qtbot.waitUntil(lambda: tab.panel is not None)


def test_a_small_pipeline_is_complete_on_the_first_page(start, sample, qtbot,
                                                        monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(deals_tab, "FIRST_PAGE", 500)
    window = start(sample)
    assert isinstance(window, MainWindow) and window.deals_tab.model.rowCount() == 200
    qtbot.waitUntil(lambda: window.controller.is_open)
    assert not window.deals_tab.loading
    assert window.summary_label.text().startswith("200 deals")


def test_asking_for_the_session_sooner_opens_it_at_once(start, sample):
    window = start(sample)
    assert isinstance(window, MainWindow) and not window.controller.is_open
    assert window.session.path == sample  # e.g. a menu action before the first paint
    assert window.controller.is_open


def first_paint_in_a_new_process(sample: Path, tmp_path: Path, *after_paint: str) -> list[str]:
    """Start the app on `sample` in a fresh interpreter, paint the window, then run the lines
    `after_paint` (which print); return what they printed, line by line."""
    script = "\n".join((
        "import sys",
        "from pipeline_desktop.ui.app import create_application",
        "from pipeline_desktop.ui import boot",
        "from pipeline_desktop.ui.settings import AppSettings",
        "app = create_application()",
        "window = boot.start(sys.argv[1], AppSettings())",
        "app.processEvents(); window.grab()",
        *after_paint,
        "window.session.close()", ""))
    env = {"QT_QPA_PLATFORM": "offscreen", "PIPELINE_DESKTOP_DATA_DIR": str(tmp_path / "data"),
           "PATH": ""}
    return subprocess.run([sys.executable, "-c", script, str(sample)], env=env, check=True,
                          capture_output=True, text=True, timeout=60).stdout.splitlines()


def test_the_first_page_is_read_without_peewee(sample: Path, tmp_path: Path):
    out = first_paint_in_a_new_process(
        sample, tmp_path,
        "print(window.deals_tab.model.rowCount(), 'peewee' in sys.modules)",
        "app.processEvents()",
        "print(window.controller.is_open, 'peewee' in sys.modules)")
    assert out == [f"{min(200, deals_tab.FIRST_PAGE)} False", "True True"]


def imports_of(module: str) -> set[str]:
    """Every module a fresh interpreter holds once `module` is imported."""
    script = f"import sys, {module}; print(*sorted(sys.modules))"
    return set(subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                              text=True, timeout=60).stdout.split())


# What the first paint never needs: the rest of the app comes with `ui.shell`, after it.
LATE_MODULES = ("peewee", "pyqtgraph", "openpyxl", "python_calamine", "xlsxwriter",
                "pipeline_desktop.session", "pipeline_desktop.ui.shell",
                "pipeline_desktop.ui.furnish", "pipeline_desktop.services")


def test_the_first_paint_imports_only_the_boot_modules_imports(sample: Path, tmp_path: Path):
    """Whatever the boot module imports (through `ui.app`, as `pipeline-desktop` starts) and
    nothing of ours or of the heavy libraries beyond it, until the window is painted."""
    booted = imports_of("pipeline_desktop.ui.app")
    assert not [name for name in LATE_MODULES if name in booted]
    out = first_paint_in_a_new_process(
        sample, tmp_path, "print(*sorted(sys.modules))",
        "app.processEvents()", "print('peewee' in sys.modules)")
    painted = set(out[0].split())
    beyond = {name for name in painted - booted
              if name.startswith("pipeline_desktop") or name.split(".")[0] in (
                  "peewee", "pyqtgraph", "openpyxl", "python_calamine", "xlsxwriter")}
    assert beyond == set()
    assert out[1] == "True"  # the rest of the app and the session follow just after


def test_cells_become_editable_once_the_session_is_open(start, sample, qtbot):
    window = start(sample)
    assert isinstance(window, MainWindow) and not window.controller.is_open
    table = window.deals_tab.table
    stage = [column.key for column in COLUMNS].index("stage")
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    qtbot.waitUntil(lambda: window.controller.is_open)
    assert table.editTriggers() & QAbstractItemView.EditTrigger.EditKeyPressed
    assert isinstance(table.itemDelegateForColumn(stage), StageDelegate)


def test_an_older_file_is_upgraded_before_its_window_is_shown(start, tmp_path: Path):
    path = tmp_path / "old.pipeline"
    shutil.copyfile(FIXTURES / "schema_v1" / "sample.pipeline", path)
    assert read_first_page(path, PAGE) is None  # opening would change it: not read first
    window = start(path)
    assert isinstance(window, MainWindow) and window.controller.is_open  # upgraded first
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    finally:
        conn.close()


def test_a_file_not_in_wal_mode_is_opened_and_checked_first(start, sample):
    conn = sqlite3.connect(sample)
    conn.execute("PRAGMA journal_mode=delete")
    conn.close()
    assert read_first_page(sample, PAGE) is None
    window = start(sample)
    assert isinstance(window, MainWindow) and window.controller.is_open


def test_a_file_open_in_another_window_is_offered_read_only(start, sample, answers):
    other = open_session(str(sample))
    try:
        assert read_first_page(sample, PAGE) is None
        assert start(sample) == 1  # asked, and the test answers "no"
        assert "already open" in answers["asked"][0]
    finally:
        other.close()


def test_damage_the_first_page_meets_is_offered_restore(start, sample, answers):
    damage_pages_of(sample, "activity")  # the first page reads each deal's activities
    assert read_first_page(sample, PAGE) is None
    assert start(sample) == 1
    assert "damaged" in answers["warned"][0] and "no backup" in answers["warned"][0]


def test_damage_met_after_the_first_paint_is_offered_restore(start, sample, answers, qtbot):
    damage_pages_of(sample, "deal", leftmost_leaf=True)  # the oldest deals: not on page one
    window = start(sample)
    assert isinstance(window, MainWindow) and window.deals_tab.model.rowCount() == PAGE
    qtbot.waitUntil(lambda: bool(answers["warned"]), timeout=10_000)
    assert "damaged" in answers["warned"][0] and "no backup" in answers["warned"][0]
    assert window.shell.window is None and not window.isVisible()


def test_a_window_on_an_open_session_loads_its_deals_once(window, qtbot, monkeypatch):
    started: list[object] = []
    monkeypatch.setattr(deals_tab.threading.Thread, "start", lambda thread: started.append(thread))
    monkeypatch.setattr(deals_tab, "FIRST_PAGE", 5)
    tab = deals_tab.DealsTab(window.controller, window.settings)
    qtbot.addWidget(tab)
    qtbot.waitUntil(lambda: bool(started))
    qtbot.wait(50)
    assert len(started) == 1 and tab.model.rowCount() == 5 and tab.loading


@pytest.mark.parametrize("stored", [
    json.dumps(SAMPLE_ICP), "{}", "[1, 2]", '"text"', "null",
    '{"industries": ["Retail", true, null, 3, "r\\u00e9gion"], "min_employees": "50", '
    '"max_employees": 20.5, "size_weight": false, "regions": [], "job_titles": null}',
    '{"industries": ["A"], "industries": ["B"], "title_weight": 1, "title_weight": 70}',
])
def test_the_first_page_reads_the_ideal_customer_profile_as_the_repository_does(stored: str):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO setting VALUES ('icp', ?)", (stored,))
    expected = IdealCustomerProfile.from_json(json.loads(stored))
    assert first_page._stored_profile(conn) == expected


def test_a_profile_the_first_page_cannot_read_sends_start_up_through_the_full_opening():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("""INSERT INTO setting VALUES ('icp', '{"industries": [["nested"]]}')""")
    with pytest.raises(ValueError):  # read_first_page then returns None
        first_page._stored_profile(conn)
