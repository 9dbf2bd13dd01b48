"""Export speed: the 100,000-deal demo pipeline (deals, companies, contacts, activities,
stage history, stages) against xlsxwriter's constant-memory write of the very same cells
(values prepared beforehand, so the floor is only the writing). Target: at most 1.3×, and
under 500 MB. Each measurement runs in its own process (ru_maxrss is per process)."""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DEALS, demo_file, measure_in_child, print_child_result, report

TARGET = 1.3
_EPOCH = date(1899, 12, 30).toordinal()


def _final_cells(path: Path) -> list[tuple[str, list[str], list[list[tuple[int, str, object]]]]]:
    """Per sheet: headers and, per row, (column, writer, value) exactly as the export writes
    them: serial numbers for dates, currency units for money."""
    from pipeline_desktop.services.excel import export as ex
    from pipeline_desktop.services.excel.schema import (
        ACTIVITIES,
        COMPANIES,
        CONTACTS,
        DEALS,
        HISTORY,
        STAGES,
        Kind,
    )
    from pipeline_desktop.session import open_session

    session = open_session(str(path))
    db = session.db
    deals = ex._fetch(db, ex._DEALS_SQL)
    keys = ex._custom_keys(deals)
    sheets = [(DEALS, list(ex._deal_rows(deals, keys)), keys)]
    for spec in (COMPANIES, CONTACTS, ACTIVITIES, HISTORY, STAGES):
        sheets.append((spec, ex._fetch(db, ex._SHEET_SQL[spec.name]), []))
    session.close()
    result = []
    for spec, rows, custom in sheets:
        kinds = [c.kind for c in spec.columns] + [None] * len(custom)
        headers = spec.headers() + custom
        cells = []
        for row in rows:
            out = []
            for index, value in enumerate(row):
                if value is None or value == "":
                    continue
                kind = kinds[index]
                if kind in (Kind.DATE, Kind.DATETIME):
                    text = str(value)
                    serial = date.fromisoformat(text[:10]).toordinal() - _EPOCH
                    if len(text) > 10:
                        h, m, s = (int(p) for p in text[11:19].split(":"))
                        serial += (h * 3600 + m * 60 + s) / 86400
                    out.append((index, "date" if kind is Kind.DATE else "datetime", serial))
                elif kind is Kind.MONEY:
                    out.append((index, "money", value / 100))
                elif kind is Kind.BOOL:
                    out.append((index, "bool", bool(value)))
                elif kind in (Kind.INT, Kind.PERCENT) or isinstance(value, int | float):
                    out.append((index, "number", value))
                else:
                    out.append((index, "text", str(value)))
            cells.append(out)
        result.append((spec.name, headers, cells))
    return result


def floor_write(prepared: list, target: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    bold = book.add_format({"bold": True})
    formats = {"date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"}),
               "money": book.add_format({"num_format": "#,##0.00"}), "number": None}
    for name, headers, rows in prepared:
        sheet = book.add_worksheet(name)
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, bold)
        for number, row in enumerate(rows, start=1):
            for col, writer, value in row:
                if writer == "text":
                    sheet.write_string(number, col, value)
                elif writer == "bool":
                    sheet.write_boolean(number, col, value)
                else:
                    sheet.write_number(number, col, value, formats.get(writer))
    book.close()


def child(case: str, source: str) -> None:
    target = Path(tempfile.mkdtemp()) / "out.xlsx"
    if case == "floor":
        prepared = _final_cells(Path(source))
        started = time.perf_counter()
        floor_write(prepared, target)
    else:
        from pipeline_desktop.services.excel.export import export_workbook
        from pipeline_desktop.session import open_session

        session = open_session(source)
        started = time.perf_counter()
        export_workbook(session.repository, target)
        session.close()
    print_child_result(started)


def measure(case: str, source: Path) -> tuple[float, float]:
    return measure_in_child(__file__, case, source)


def private_copy() -> Path:
    """Our own copy of the shared demo file: other benchmarks may hold that one open, and an
    export records the pipeline's id in it."""
    import sqlite3

    target = Path(tempfile.gettempdir()) / f"pipeline-bench-export-{BENCH_DEALS}.pipeline"
    if not target.exists():
        source = sqlite3.connect(f"file:{demo_file()}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        source.backup(copy)
        copy.close()
        source.close()
    return target


def main() -> int:
    source = private_copy()
    floor, floor_mb = measure("floor", source)
    ours, ours_mb = measure("ours", source)
    report(f"export {BENCH_DEALS:,} deals (all six sheets)", ours, floor, TARGET)
    print(f"  peak memory: ours {ours_mb:.0f} MB (target < 500 MB) "
          f"{'OK' if ours_mb < 500 else 'OVER'}; the floor holds every prepared cell in "
          f"memory ({floor_mb:.0f} MB)", flush=True)
    return int(ours / floor > TARGET or ours_mb >= 500)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        raise SystemExit(main())
