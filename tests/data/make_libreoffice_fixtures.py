"""Make again the files LibreOffice wrote for tests/services/test_roundtrip_formats.py.

Run from the repository root with the project's Python, LibreOffice installed
(Debian: `apt-get install -y libreoffice-calc-nogui`, which brings `python3-uno`):

    .venv/bin/python tests/data/make_libreoffice_fixtures.py

It writes a small sample pipeline (`roundtrip-source.pipeline`), exports it with our own
export (`roundtrip.xlsx`), and has LibreOffice (`soffice --headless --convert-to`) resave that
workbook as .xlsx, .ods and .xls and save its Deals sheet as CSV (UTF-8), as a person would
with File › Save As. The edited copy (one deal's value changed, one row added, saved as .ods)
is made by LibreOffice's own Python (`/usr/bin/python3` with `uno`), which this file also
is: `make_libreoffice_fixtures.py --edit IN OUT` runs inside it. Each soffice run gets a
profile of its own, so several can run at once. The tests never need LibreOffice."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

DATA = Path(__file__).resolve().parent
SOURCE = DATA / "roundtrip-source.pipeline"
EXPORT = DATA / "roundtrip.xlsx"
EDITED_VALUE = 12345  # the new value of the deal on the sheet's third row
ADDED = ("Added in LibreOffice", "Calc Newco")  # title and company of the added row
CONVERSIONS = {  # fixture → soffice --convert-to argument
    "roundtrip-lo.xlsx": "xlsx:Calc MS Excel 2007 XML",
    "roundtrip-lo.ods": "ods:calc8",
    "roundtrip-lo.xls": "xls:MS Excel 97",
    "roundtrip-lo.csv": "csv:Text - txt - csv (StarCalc):44,34,76,1",  # UTF-8, first sheet
}


def main() -> int:
    if shutil.which("soffice") is None:
        print("soffice not found: apt-get install -y libreoffice-calc-nogui", file=sys.stderr)
        return 1
    make_pipeline_and_export()
    with tempfile.TemporaryDirectory() as folder:
        for name, target in CONVERSIONS.items():
            out = Path(folder) / name.split(".")[0]
            convert(EXPORT, target, out)
            produced = next(out.iterdir())
            shutil.move(produced, DATA / name)
            print(f"wrote {DATA / name}")
    subprocess.run(["/usr/bin/python3", __file__, "--edit", str(EXPORT),
                    str(DATA / "roundtrip-lo-edited.ods")], check=True, timeout=180)
    print(f"wrote {DATA / 'roundtrip-lo-edited.ods'}")
    return 0


def make_pipeline_and_export() -> None:
    sys.path.insert(0, str(DATA.parent.parent))
    from pipeline_desktop.services.demo import generate
    from pipeline_desktop.services.excel.export import export_workbook
    from pipeline_desktop.session import open_session

    for stale in DATA.glob("roundtrip-source.pipeline*"):
        stale.unlink()
    session = open_session(str(SOURCE))
    try:
        generate(session.db, session.repository.stages(), deals=12, seed=7,
                 today=date(2026, 6, 15))
        export_workbook(session.repository, EXPORT, pipeline_file=SOURCE.name,
                        now=datetime(2026, 6, 15, 9, 0))
    finally:
        session.close()
    print(f"wrote {SOURCE} and {EXPORT}")


def convert(source: Path, target: str, folder: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--norestore", "--convert-to", target,
                        "--outdir", str(folder), str(source)],
                       check=True, timeout=180, capture_output=True)


# ---- inside LibreOffice's Python ------------------------------------------------------------

def edit(source: str, target: str) -> None:
    """Open our workbook in LibreOffice, change one value, add one row, save as .ods."""
    import uno  # LibreOffice's bridge: only in /usr/bin/python3
    from com.sun.star.beans import PropertyValue

    def prop(name: str, value: object) -> PropertyValue:
        found = PropertyValue()
        found.Name, found.Value = name, value
        return found

    with tempfile.TemporaryDirectory() as profile:
        pipe = f"pipeline-fixtures-{int(time.time() * 1000)}"
        office = subprocess.Popen(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}",
                                   "--headless", "--invisible", "--norestore",
                                   f"--accept=pipe,name={pipe};urp;"])
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            context = None
            for _ in range(120):
                try:
                    context = resolver.resolve(
                        f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:  # not listening yet
                    time.sleep(0.5)
            desktop = context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context)
            document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank",
                                                    0, (prop("Hidden", True),))
            sheet = document.Sheets.getByName("Deals")
            headers = [sheet.getCellByPosition(c, 0).getString() for c in range(60)]
            column = headers.index
            sheet.getCellByPosition(column("Value"), 2).setValue(EDITED_VALUE)
            cursor = sheet.createCursor()
            cursor.gotoEndOfUsedArea(False)
            row = cursor.RangeAddress.EndRow + 1
            stage = sheet.getCellByPosition(column("Stage"), 1).getString()
            for header, value in (("Title", ADDED[0]), ("Company", ADDED[1]),
                                  ("Stage", stage), ("Currency", "USD")):
                sheet.getCellByPosition(column(header), row).setString(value)
            sheet.getCellByPosition(column("Value"), row).setValue(2500)
            document.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", "calc8"),))
            document.close(True)
            with contextlib.suppress(Exception):  # the bridge goes away as LibreOffice quits
                desktop.terminate()
            office.wait(timeout=60)
        finally:
            if office.poll() is None:
                office.kill()


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--edit":
        edit(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(main())
