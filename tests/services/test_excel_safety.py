"""A corpus of hostile and broken files, built here: each gets a one-line message (or a
per-row problem) within seconds, and the pipeline stays unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

from pipeline_desktop.services.excel.preview import build_preview
from pipeline_desktop.services.excel.read import open_source, read_sheet
from pipeline_desktop.services.excel.safety import Limits, check_workbook
from pipeline_desktop.services.excel.sniff import ImportFileError
from pipeline_desktop.session import Session

HEADERS = ["Deal Name", "Amount", "Deal Stage", "Close Date"]


def small_workbook(path: Path, rows: int = 3, *, sheet: str = "Deals") -> Path:
    workbook = xlsxwriter.Workbook(str(path))
    ws = workbook.add_worksheet(sheet)
    ws.write_row(0, 0, HEADERS)
    for r in range(1, rows + 1):
        ws.write_row(r, 0, [f"Deal {r}", 1000 * r, "Proposal", "2026-07-01"])
    workbook.close()
    return path


def rewrite(path: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """Copy a workbook with one XML part changed."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    target = path.with_name("x-" + path.name)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info.filename, change(data) if info.filename == part else data)
    return target


def sheet_xml(body: str, dimension: str = "") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
            f'"http://schemas.openxmlformats.org/spreadsheetml/2006/main">{dim}<sheetData>'
            f"{body}</sheetData></worksheet>").encode()


def cell_row(number: int, values: list[object]) -> str:
    cells = []
    for index, value in enumerate(values):
        ref = f"{chr(65 + index)}{number}"
        if isinstance(value, str):
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>')
        else:
            cells.append(f'<c r="{ref}"><v>{value}</v></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def base_rows() -> str:
    return cell_row(1, HEADERS) + cell_row(2, ["One", 100, "Proposal", "2026-07-01"]) + \
        cell_row(3, ["Two", 200, "Won", "2026-07-02"])


def refused(session: Session, path: Path, *words: str, limits: Limits | None = None) -> str:
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as caught:
        if limits is None:
            build_preview(session.repository, path)
        else:
            check_workbook(path, limits)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    for word in words:
        assert word in message, message
    assert time.perf_counter() - started < 10
    assert session.repository.deal_count() == 0
    return message


# ---- not a workbook --------------------------------------------------------------------------

@pytest.mark.parametrize(("content", "name", "words"), [
    (b"not a workbook", "bad.xlsx", ("plain text", ".csv")),
    (b"", "empty.xlsx", ("empty",)),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old.xls", ("97–2003", ".xlsx")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le"),
     "secret.xlsx", ("password",)),
    (b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>",
     "page.xlsx", ("web page",)),
    (b"Deal Name,Amount\nA,1\n", "renamed.xlsx", ("plain text",)),
    (b"PK\x05\x06" + b"\0" * 18, "emptyzip.xlsx", ("empty zip",)),
    (bytes(range(256)) * 4, "noise.xlsx", ("not an Excel workbook",)),
])
def test_files_that_are_not_workbooks(session: Session, tmp_path: Path, content: bytes,
                                      name: str, words: tuple[str, ...]) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    refused(session, path, *words)


def test_truncated_workbook(session: Session, tmp_path: Path) -> None:
    whole = small_workbook(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    refused(session, path, "damaged")


def test_zip_that_is_not_a_workbook(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "doc.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    refused(session, path, "not an Excel workbook")


def test_strict_open_xml(session: Session, tmp_path: Path) -> None:
    def strict(data: bytes) -> bytes:
        return data.replace(b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                            b"http://purl.oclc.org/ooxml/spreadsheetml/main")

    path = rewrite(small_workbook(tmp_path / "s.xlsx"), "xl/workbook.xml", strict)
    refused(session, path, "Strict Open XML")


# ---- XML attacks ----------------------------------------------------------------------------

BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                  "xl/workbook.xml"])
def test_entity_bomb_refused(session: Session, tmp_path: Path, part: str) -> None:
    def bomb(data: bytes) -> bytes:
        return BILLION_LAUGHS + data.split(b"?>", 1)[1].replace(b"Deal 1", b"&lol3;")

    workbook = tmp_path / "b.xlsx"
    small_workbook(workbook)
    refused(session, rewrite(workbook, part, bomb), "entity declarations")


def test_external_entity_refused(session: Session, tmp_path: Path) -> None:
    def xxe(data: bytes) -> bytes:
        head = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        return head + data.split(b"?>", 1)[1]

    path = rewrite(small_workbook(tmp_path / "e.xlsx"), "xl/worksheets/sheet1.xml", xxe)
    refused(session, path, "entity declarations")


def test_openpyxl_uses_defusedxml() -> None:
    from pipeline_desktop.services.excel.read import check_defusedxml

    check_defusedxml()
    assert openpyxl.DEFUSEDXML is True


# ---- zip bombs and sizes ---------------------------------------------------------------------

def test_zip_bomb_refused_before_parsing(session: Session, tmp_path: Path) -> None:
    """40 MB of padding deflates to ~40 KB (ratio ~1000): refused by ratio, in well under a
    second, with the real limits."""
    padding = b" " * 40_000_000
    path = rewrite(small_workbook(tmp_path / "z.xlsx"), "xl/worksheets/sheet1.xml",
                   lambda data: data.replace(b"<sheetData>", b"<sheetData>" + padding))
    refused(session, path, "zip bomb")


def test_inflated_size_limit(session: Session, tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "l.xlsx", rows=200)
    refused(session, path, "zip bomb", limits=Limits(max_part_bytes=5_000))
    refused(session, path, "zip bomb", limits=Limits(max_total_bytes=10_000))


def test_too_many_rows(session: Session, tmp_path: Path) -> None:
    path = small_workbook(tmp_path / "r.xlsx", rows=60)
    source = open_source(path, Limits(max_rows=50))
    with pytest.raises(ImportFileError, match="more than 50 rows"):
        read_sheet(source, "Deals")


# ---- sheets that lie about their size --------------------------------------------------------

# VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of a big pytest
# process would report the parent's size.
_CHILD = ("import sys\n"
          "from pipeline_desktop.cli import main\n"
          "code = main(sys.argv[1:])\n"
          "peak = [int(l.split()[1]) for l in open('/proc/self/status')"
          " if l.startswith('VmHWM')][0] / 1024\n"
          "print(f'PEAK_MB {peak:.0f}', file=sys.stderr)\n"
          "sys.exit(code)\n")


def run_cli(*args: str) -> tuple[int, str, float, float]:
    """Run the command line in a child (a calamine abort must not take pytest down); return
    its exit code, output, seconds and its own peak memory in MB."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], capture_output=True,
                          text=True, timeout=120, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    output = done.stdout + done.stderr
    peaks = [float(line.split()[1]) for line in output.splitlines()
             if line.startswith("PEAK_MB ")]
    return done.returncode, output, time.perf_counter() - started, peaks[-1] if peaks else 1e9


def test_stray_cell_in_last_row_and_column(tmp_path: Path) -> None:
    """XFD1048576 makes calamine allocate 17 billion cells and abort the process; the
    extent check sends the sheet to the streaming reader instead."""
    body = base_rows() + ('<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>stray</t>'
                          '</is></c></row>')
    path = rewrite(small_workbook(tmp_path / "s.xlsx"), "xl/worksheets/sheet1.xml",
                   lambda _data: sheet_xml(body, "A1:D3"))
    code, output, seconds, peak = run_cli("import", str(path), "--db",
                                          str(tmp_path / "p.pipeline"))
    assert code == 0, output
    assert "2 new" in output and "Traceback" not in output
    assert "ignored" in output  # the stray cell far below is reported, not imported
    assert seconds < 30 and peak < 500


def test_million_empty_rows(session: Session, tmp_path: Path) -> None:
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(4, 1_000_004))
    path = rewrite(small_workbook(tmp_path / "m.xlsx"), "xl/worksheets/sheet1.xml",
                   lambda _data: sheet_xml(base_rows() + empty))
    started = time.perf_counter()
    try:
        preview = build_preview(session.repository, path)
    except ImportFileError as error:  # refused as a bomb is fine too: one line, quickly
        assert "\n" not in str(error)
    else:  # read whole (4 million cells fit) or streamed with a warning: both are fine
        assert preview.deals.new == 2
    assert time.perf_counter() - started < 15


def test_million_empty_rows_in_a_wide_sheet_are_streamed(session: Session,
                                                         tmp_path: Path) -> None:
    """Styled empty cells out to column T over a million rows: too big a rectangle for
    calamine, so the streaming reader stops after a run of empty rows."""
    empty = "".join(f'<row r="{n}"><c r="T{n}" s="0"/></row>' for n in range(4, 1_000_004))
    path = rewrite(small_workbook(tmp_path / "w.xlsx"), "xl/worksheets/sheet1.xml",
                   lambda _data: sheet_xml(base_rows() + empty))
    started = time.perf_counter()
    preview = build_preview(session.repository, path)
    assert preview.deals.new == 2
    assert any("empty rows" in w for w in preview.warnings)
    assert time.perf_counter() - started < 15


def test_understated_dimension_reads_every_cell(session: Session, tmp_path: Path) -> None:
    body = base_rows() + "".join(cell_row(n, [f"More {n}", n, "Proposal", "2026-01-01"])
                                 for n in range(4, 11))
    path = rewrite(small_workbook(tmp_path / "d.xlsx"), "xl/worksheets/sheet1.xml",
                   lambda _data: sheet_xml(body, "A1:B2"))
    preview = build_preview(session.repository, path)
    assert preview.deals.new == 9


def test_streaming_reader_matches_calamine(tmp_path: Path) -> None:
    """The fallback reader (openpyxl, read-only, reset dimensions) gives the same rows."""
    path = small_workbook(tmp_path / "same.xlsx", rows=20)
    fast = read_sheet(open_source(path), "Deals")
    slow = read_sheet(open_source(path, Limits(max_cells=10)), "Deals")
    def plain(rows: list[list[object]]) -> list[list[str]]:
        return [[str(float(v)) if isinstance(v, int | float) else str(v) for v in r]
                for r in rows]

    assert plain(slow) == plain(fast)


# ---- awkward content -----------------------------------------------------------------------

def test_formulas_merged_cells_hidden_sheets_control_characters(session: Session,
                                                                tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    hidden = workbook.active
    hidden.title = "Notes"
    hidden.append(["Deal Name", "Amount"])
    hidden.append(["Hidden deal", 5])
    hidden.sheet_state = "hidden"
    deals = workbook.create_sheet("Export")
    deals.append(["Report of deals"])  # a title row above the headers
    deals.append([])
    deals.append(["Deal Name", "Amount", "Deal Stage", "Notes"])
    deals.append(["Formula deal", "=1+2", "Proposal", "tab\there"])
    deals.append(["Merged deal", 50, "Proposal", "merged"])
    deals.append(["", 60, "Proposal", ""])
    deals.merge_cells("A5:A6")
    path = tmp_path / "awkward.xlsx"
    workbook.save(path)
    preview = build_preview(session.repository, path)
    assert preview.sheet == "Export"
    # openpyxl saves formulas without cached values: an empty amount, not an error
    assert preview.deals.new == 2
    problems = [str(p) for p in preview.problems]
    assert problems == ["Sheet 'Export', row 6, column 'Deal Name': a deal needs a title"]


def test_long_text_and_duplicate_ids(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    long_text = "x" * 100_000
    path.write_text(f"Record ID,Deal Name,Amount\n1,A\x01\x1f,10\n1,B,20\n2,{long_text},30\n"
                    "3,C,abc\n", encoding="utf-8")
    preview = build_preview(session.repository, path)
    problems = [str(p) for p in preview.problems]
    assert problems == [
        "Sheet 'long', row 4, column 'Deal Name': the text is 100,000 characters long "
        "(at most 10,000)",
        "Sheet 'long', row 5, column 'Amount': 'abc' is not an amount",
        "Sheet 'long', row 3, column 'Record ID': External ID 1 appears twice (first on row 2)",
    ]
