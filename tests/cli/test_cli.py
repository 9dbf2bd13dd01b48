"""The command line as scripts use it: exit codes, one-line errors, files it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline_desktop.cli import main
from pipeline_desktop.session import open_session


def run_cli(*args: str, env_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if env_dir is not None:
        env["PIPELINE_DESKTOP_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "pipeline_desktop", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=120)


def test_demo_writes_the_number_of_deals_asked(tmp_path, capsys):
    path = tmp_path / "demo.pipeline"
    assert main(["demo", "--db", str(path), "--deals", "120", "--seed", "2"]) == 0
    session = open_session(str(path))
    assert session.repository.deal_count() == 120
    session.close()
    assert "120 sample deals" in capsys.readouterr().out


def test_demo_refuses_to_overwrite_deals_without_force(tmp_path, capsys):
    path = tmp_path / "demo.pipeline"
    main(["demo", "--db", str(path), "--deals", "10"])
    assert main(["demo", "--db", str(path), "--deals", "20"]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["demo", "--db", str(path), "--deals", "20", "--force"]) == 0


def test_db_may_come_before_the_subcommand(tmp_path):
    path = tmp_path / "before.pipeline"
    assert main(["--db", str(path), "demo", "--deals", "5"]) == 0
    assert path.exists()


def test_default_file_lives_in_the_data_folder(data_dir):
    assert main(["demo", "--deals", "5"]) == 0
    assert (data_dir / "pipeline.pipeline").exists()


def test_wrong_usage_exits_2_without_traceback(tmp_path):
    result = run_cli("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    result = run_cli("demo", "--db", str(tmp_path / "x.pipeline"), "--deals", "many")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_opening_a_file_that_is_not_a_pipeline_prints_one_line(tmp_path):
    bad = tmp_path / "bad.pipeline"
    bad.write_text("just text")
    result = run_cli("demo", "--db", str(bad), env_dir=tmp_path / "d")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "not a pipeline" in result.stderr
    assert bad.read_text() == "just text"


def test_screenshot_writes_one_png_per_tab(tmp_path):
    path = tmp_path / "shots.pipeline"
    main(["demo", "--db", str(path), "--deals", "80"])
    result = run_cli("screenshot", "--db", str(path), "--out", str(tmp_path / "shots"),
                     env_dir=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    for tab in ("deals", "board", "funnel", "metrics", "health"):
        png = tmp_path / "shots" / f"{tab}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "shots" / "deals.png"))
    assert (image.width(), image.height()) == (1280, 800)


@pytest.mark.slow
def test_demo_of_100k_deals_takes_well_under_a_minute(tmp_path):
    import time

    started = time.perf_counter()
    assert main(["demo", "--db", str(tmp_path / "big.pipeline"), "--deals", "100000"]) == 0
    assert time.perf_counter() - started < 60
