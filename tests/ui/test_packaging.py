"""Packaging: the PyInstaller spec, the Linux desktop entry and AppStream data, the icon set, and
(once `make package` has built it) the bundled app starting offscreen and showing its window.

The build itself takes ~30 s (plus ~40 s for the tarball), so `make test` does not run it: CI
runs `make package` (which ends with the same smoke test) and then these tests find dist/."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
APP_ID = "io.github.pipeline_desktop.PipelineDesktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
BUILT = ROOT / "dist" / "pipeline-desktop"
EXE = BUILT / ("pipeline-desktop.exe" if sys.platform == "win32" else "pipeline-desktop")
CLI = BUILT / ("pipeline-desktop-cli.exe" if sys.platform == "win32" else "pipeline-desktop-cli")
needs_build = pytest.mark.skipif(not EXE.exists(), reason="run `make package` to build dist/")


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_desktop_entry() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "pipeline-desktop.desktop")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "pipeline-desktop"
    assert entry["Icon"] == "pipeline-desktop"
    assert "Office" in entry["Categories"].split(";")
    assert entry["Terminal"] == "false"
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(PACKAGING / "pipeline-desktop.desktop")],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_appstream_metadata() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == "pipeline-desktop.desktop"
    releases = [r.get("version") for r in root.iter("release")]
    assert releases[0] == project_version(), "add a <release> for the new version"
    tool = shutil.which("appstreamcli")
    if tool:
        done = subprocess.run([tool, "validate", "--no-net", str(METAINFO)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout + done.stderr


def test_icon_set_matches_its_names(qapp) -> None:
    assert (ICONS / "pipeline-desktop.svg").exists()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(ICONS / f"pipeline-desktop-{size}.png"))
        assert (image.width(), image.height()) == (size, size)
        assert image.hasAlphaChannel()
    assert (ICONS / "pipeline-desktop.ico").stat().st_size > 0


def test_spec_bundles_what_the_app_loads_by_name() -> None:
    spec = (PACKAGING / "pipeline-desktop.spec").read_text()
    compile(spec, "pipeline-desktop.spec", "exec")
    assert 'collect_submodules("pipeline_desktop")' in spec  # CLI and menu modules by name
    assert 'copy_metadata("pipeline-desktop")' in spec  # the version in About
    assert '"resources/icons"' in spec
    assert (PACKAGING / "launcher.py").exists()


def test_make_has_a_package_target() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "\npackage:" in makefile and "packaging/build.py" in makefile


@needs_build
def test_built_app_reports_its_version() -> None:
    done = subprocess.run([str(CLI), "--version"], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == f"pipeline-desktop {project_version()}"


@needs_build
def test_built_app_shows_its_window_offscreen(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PIPELINE_DESKTOP_DATA_DIR": str(tmp_path / "data"),
           "PIPELINE_DESKTOP_SMOKE_TEST": "1"}
    db = tmp_path / "smoke.pipeline"
    subprocess.run([str(CLI), "demo", "--db", str(db), "--deals", "30"], check=True, env=env,
                   capture_output=True, timeout=60)
    done = subprocess.run([str(EXE), "open", "--db", str(db)], env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "window shown: smoke — Pipeline Desktop" in done.stdout
    logs = list((tmp_path / "data" / "logs").glob("*.log"))
    assert logs, "the bundled app writes its log in the data folder"
