#!/usr/bin/env python3
"""Check (and, as root, install) the few system packages the app needs beyond PyPI.

`--for venv`: Python's venv module (Debian ships it separately as python3-venv).
`--for window`: the X11 libraries Qt's xcb plugin loads to open a real window; without them Qt
aborts with "Could not load the Qt platform plugin xcb", which tells a new user nothing."""

from __future__ import annotations

import argparse
import ctypes.util
import os
import shutil
import subprocess
import sys

WINDOW_LIBS = {  # library name → Debian package
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-shape": "libxcb-shape0",
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3",
}


def missing_for_window() -> list[str]:
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return []
    if not sys.platform.startswith("linux"):
        return []
    return [pkg for lib, pkg in WINDOW_LIBS.items() if ctypes.util.find_library(lib) is None]


def missing_for_venv() -> list[str]:
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        return [f"python{sys.version_info.major}.{sys.version_info.minor}-venv"]
    return []


def install(packages: list[str]) -> bool:
    if not packages:
        return True
    command = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        print("Pipeline Desktop needs these system packages first:\n  sudo "
              + " ".join(command), file=sys.stderr)
        return False
    print("Installing system packages: " + " ".join(packages), file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
    return subprocess.run(command, check=False, env=env).returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--for", dest="purpose", choices=("venv", "window"), required=True)
    args = parser.parse_args()
    missing = missing_for_venv() if args.purpose == "venv" else missing_for_window()
    return 0 if install(missing) else 1


if __name__ == "__main__":
    raise SystemExit(main())
