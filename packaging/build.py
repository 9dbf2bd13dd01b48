#!/usr/bin/env python3
"""Build the one-folder app with PyInstaller and, on Linux, a tarball with the desktop entry,
AppStream metadata, icons and an installer script. `make package` runs this.

    .venv/bin/python packaging/build.py [--smoke-test]

Output: dist/pipeline-desktop/ (the app) and, on Linux,
dist/pipeline-desktop-<version>-linux-<arch>.tar.gz."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
NAME = "pipeline-desktop"
APP_ID = "io.github.pipeline_desktop.PipelineDesktop"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def build_folder() -> Path:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(ROOT / "build" / "pyinstaller"),
         str(PACKAGING / f"{NAME}.spec")],
        check=True, cwd=ROOT,
    )
    return DIST / NAME


def linux_tarball(app: Path) -> Path:
    """<name>/app (the folder), <name>/share (desktop integration), <name>/install.sh."""
    stem = f"{NAME}-{version(NAME)}-linux-{platform.machine()}"
    target = DIST / f"{stem}.tar.gz"
    with tempfile.TemporaryDirectory() as scratch:
        top = Path(scratch) / stem
        shutil.copytree(app, top / "app", symlinks=True)
        share = top / "share"
        _copy(PACKAGING / f"{NAME}.desktop", share / "applications" / f"{NAME}.desktop")
        _copy(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
        icons = ROOT / "resources" / "icons"
        for size in ICON_SIZES:
            _copy(icons / f"{NAME}-{size}.png",
                  share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png")
        _copy(icons / f"{NAME}.svg", share / "icons" / "hicolor" / "scalable" / "apps" /
              f"{NAME}.svg")
        _copy(PACKAGING / "install.sh", top / "install.sh")
        (top / "install.sh").chmod(0o755)
        with tarfile.open(target, "w:gz") as archive:
            archive.add(top, arcname=stem)
    return target


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def smoke_test(app: Path) -> None:
    """Start the built app offscreen on a sample pipeline; it must show its window and quit."""
    exe = app / (f"{NAME}.exe" if sys.platform == "win32" else NAME)
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PIPELINE_DESKTOP_DATA_DIR": data,
               "PIPELINE_DESKTOP_SMOKE_TEST": "1"}
        cli = app / (f"{NAME}-cli.exe" if sys.platform == "win32" else f"{NAME}-cli")
        db = str(Path(data) / "smoke.pipeline")
        subprocess.run([str(cli), "demo", "--db", db, "--deals", "50"], check=True, env=env,
                       timeout=120)
        done = subprocess.run([str(exe), "open", "--db", db], env=env, timeout=120,
                              capture_output=True, text=True)
    if done.returncode != 0 or "window shown" not in done.stdout:
        sys.exit(f"smoke test failed ({done.returncode}): {done.stdout}{done.stderr}")
    print(f"smoke test: {done.stdout.strip()}")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke-test", action="store_true",
                        help="start the built app offscreen and check it shows its window")
    args = parser.parse_args()
    started = time.perf_counter()
    app = build_folder()
    print(f"built {app} ({folder_size(app) / 1e6:.0f} MB) "
          f"in {time.perf_counter() - started:.0f} s")
    if sys.platform.startswith("linux"):
        tarball = linux_tarball(app)
        print(f"wrote {tarball} ({tarball.stat().st_size / 1e6:.0f} MB)")
    if args.smoke_test:
        smoke_test(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
