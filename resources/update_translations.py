"""Extract every `tr()` string of the window into the .ts catalogs and compile them to .qm.

    .venv/bin/python resources/update_translations.py [LANG ...]   (default: the existing ones)

Translators edit pipeline_desktop/resources/translations/pipeline_desktop_<lang>.ts with Qt
Linguist (`pyside6-linguist`) or any XML editor, then run this again to compile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "pipeline_desktop" / "resources" / "translations"
BIN = Path(sys.executable).parent


def main(languages: list[str]) -> int:
    sources = sorted(str(p) for p in (ROOT / "pipeline_desktop" / "ui").rglob("*.py"))
    languages = languages or sorted(p.stem.rsplit("_", 1)[1] for p in FOLDER.glob("*.ts"))
    for lang in languages:
        ts = FOLDER / f"pipeline_desktop_{lang}.ts"
        subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(ts)],
                       check=True)
        subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm",
                        str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
