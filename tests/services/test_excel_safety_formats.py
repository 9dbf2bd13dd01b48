"""Hostile and broken .ods and .xls files get the same answers as .xlsx
(tests/services/test_excel_safety.py): a one-line message within seconds and nothing written, or,
for a stray cell far from the data, the data imported and the rest reported as ignored.
Built from the LibreOffice-written fixtures in tests/data."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_excel_safety import BILLION_LAUGHS, refused, run_cli

from pipeline_desktop.services.excel.read import open_source, read_sheet
from pipeline_desktop.services.excel.safety import Limits, check_workbook
from pipeline_desktop.services.excel.safety_xls import _workbook_stream
from pipeline_desktop.services.excel.sniff import FileKind, ImportFileError, sniff
from pipeline_desktop.session import Session

DATA = Path(__file__).parents[1] / "data"
ODS, XLS = DATA / "roundtrip-lo.ods", DATA / "roundtrip-lo.xls"
DEALS = 12
DEALS_TABLE = b'<table:table table:name="Deals"'


def rewrite_ods(target: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """A copy of the .ods with one part changed; `mimetype` stays first and stored."""
    with zipfile.ZipFile(ODS) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info, change(data) if info.filename == part else data)
    return target


def after_deals_data(extra: str) -> Callable[[bytes], bytes]:
    """Put rows right after the Deals sheet's data (before LibreOffice's trailing run of empty
    rows)."""
    def change(data: bytes) -> bytes:
        start = data.index(DEALS_TABLE)
        run = data.index(b'table:number-rows-repeated="', start)
        end = data.rindex(b"<table:table-row", start, run)
        return data[:end] + extra.encode() + data[end:]
    return change


def after_deals_rows(extra: str) -> Callable[[bytes], bytes]:
    """Put rows at the end of the Deals sheet (before its closing tag)."""
    def change(data: bytes) -> bytes:
        start = data.index(DEALS_TABLE)
        end = data.index(b"</table:table>", start)
        return data[:end] + extra.encode() + data[end:]
    return change


def test_libreoffice_files_are_sniffed_by_content(tmp_path: Path) -> None:
    assert sniff(ODS) is FileKind.ODS and sniff(XLS) is FileKind.XLS
    renamed = tmp_path / "deals.xlsx"  # the name lies; the bytes do not
    renamed.write_bytes(ODS.read_bytes())
    assert open_source(renamed).kind is FileKind.ODS


def test_sheet_extents_of_libreoffice_files() -> None:
    for path in (ODS, XLS):
        info = check_workbook(path, kind=sniff(path))
        deals = info.sheet("Deals")
        assert deals is not None and deals.columns >= 30 and deals.rows >= DEALS + 1
        assert [s.name for s in info.sheets if not s.visible] == ["_pipeline"]


@pytest.mark.parametrize("part", ["content.xml", "styles.xml", "meta.xml"])
def test_ods_entity_bomb_refused(session: Session, tmp_path: Path, part: str) -> None:
    def bomb(data: bytes) -> bytes:
        return BILLION_LAUGHS + data.split(b"?>", 1)[1]

    refused(session, rewrite_ods(tmp_path / "b.ods", part, bomb), "entity declarations")


def test_entity_declaration_after_a_long_comment_refused(session: Session,
                                                         tmp_path: Path) -> None:
    def late(data: bytes) -> bytes:
        head, rest = data.split(b"?>", 1)
        return (head + b"?><!--" + b" " * 10_000 + b"-->"
                + b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + rest)

    refused(session, rewrite_ods(tmp_path / "late.ods", "content.xml", late),
            "entity declarations")


def test_ods_zip_bomb_refused(session: Session, tmp_path: Path) -> None:
    padding = b" " * 40_000_000

    def pad(data: bytes) -> bytes:
        return data.replace(b"<office:body>", b"<office:body>" + padding)

    def deflated(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    target = tmp_path / "z.ods"
    with zipfile.ZipFile(ODS) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                out.writestr(deflated(info), pad(data))
            else:
                out.writestr(info, data)
    refused(session, target, "zip bomb")


def test_ods_stray_cell_in_the_far_corner(tmp_path: Path) -> None:
    """A value at XFD1048576 after a run of repeated empty rows would make calamine allocate
    17 billion cells and abort; the file goes to the streaming reader instead."""
    stray = ('<table:table-row table:number-rows-repeated="1048500"><table:table-cell/>'
             '</table:table-row><table:table-row><table:table-cell '
             'table:number-columns-repeated="16383"/><table:table-cell '
             'office:value-type="string"><text:p>stray</text:p></table:table-cell>'
             '</table:table-row>')
    path = rewrite_ods(tmp_path / "s.ods", "content.xml", after_deals_rows(stray))
    info = check_workbook(path, kind=FileKind.ODS)
    assert info.sheet("Deals").rows > 1_000_000 and info.sheet("Deals").columns == 16384
    code, output, seconds, peak = run_cli("import", str(path), "--db",
                                          str(tmp_path / "p.pipeline"))
    assert code == 0, output
    assert f"{DEALS} new" in output and "ignored" in output and "Traceback" not in output
    assert seconds < 60 and peak < 500


def test_ods_row_repeated_two_million_times(tmp_path: Path) -> None:
    row = ('<table:table-row table:number-rows-repeated="2000000"><table:table-cell '
           'office:value-type="string"><text:p>again</text:p></table:table-cell>'
           '</table:table-row>')
    path = rewrite_ods(tmp_path / "r.ods", "content.xml", after_deals_data(row))
    code, output, seconds, peak = run_cli("import", str(path), "--db",
                                          str(tmp_path / "p.pipeline"))
    assert code == 1 and "more than 1,048,576 rows" in output, output
    assert len([line for line in output.splitlines() if not line.startswith("PEAK_MB")]) == 1
    assert seconds < 60 and peak < 700


def test_ods_with_a_password_is_refused(session: Session, tmp_path: Path) -> None:
    def encrypted(data: bytes) -> bytes:
        entry = b'<manifest:file-entry manifest:full-path="content.xml" ' \
            b'manifest:media-type="text/xml"'
        assert entry + b"/>" in data
        return data.replace(entry + b"/>", entry + b'><manifest:encryption-data '
                            b'manifest:checksum-type="SHA1/1K"/></manifest:file-entry>')

    refused(session, rewrite_ods(tmp_path / "secret.ods", "META-INF/manifest.xml", encrypted),
            "password")


def test_an_opendocument_text_is_not_a_spreadsheet(session: Session, tmp_path: Path) -> None:
    path = rewrite_ods(tmp_path / "letter.ods", "mimetype",
                       lambda _data: b"application/vnd.oasis.opendocument.text")
    refused(session, path, "not a spreadsheet")


# ---- .xls ------------------------------------------------------------------------------------

def patched_xls(target: Path, change: Callable[[bytearray, int, bytes], None]) -> Path:
    """A copy of the .xls with its Workbook stream changed in place (LibreOffice writes the
    stream's first 64 KB in consecutive sectors, so those bytes stand in the file as they
    are; the changes stay within them)."""
    data = bytearray(XLS.read_bytes())
    stream = _workbook_stream(bytes(data))
    assert stream is not None
    start = bytes(data).index(stream[:512])
    assert bytes(data[start:start + 60_000]) == stream[:60_000]
    change(data, start, stream[:60_000])
    target.write_bytes(bytes(data))
    return target


def records(stream: bytes, start: int = 0):
    position = start
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield position, kind, length
        position += 4 + length


def test_xls_with_a_password_is_refused(session: Session, tmp_path: Path) -> None:
    def encrypt(data: bytearray, start: int, stream: bytes) -> None:
        position = list(records(stream))[1][0]  # the record after BOF becomes FILEPASS
        struct.pack_into("<H", data, start + position, 0x002F)

    refused(session, patched_xls(tmp_path / "secret.xls", encrypt), "password")


def test_xls_stray_cell_in_the_far_corner_is_refused(session: Session,
                                                     tmp_path: Path) -> None:
    def stray(data: bytearray, start: int, stream: bytes) -> None:
        deals = bytes(stream).index(b"\x09\x08", 100)  # the first sheet's BOF
        for position, kind, _length in records(stream, deals):
            if kind == 0x00FD:  # LABELSST: row, column first
                struct.pack_into("<HH", data, start + position + 4, 65535, 255)
                return
        raise AssertionError("no text cell")

    message = refused(session, patched_xls(tmp_path / "far.xls", stray), "too big")
    assert "row 65,536, column 256" in message


@pytest.mark.parametrize("kind", [0x00FD, 0x0203, 0x027E, 0x0201])  # text, number, RK, blank
def test_xls_far_cell_among_the_usual_records_is_refused(session: Session, tmp_path: Path,
                                                         kind: int) -> None:
    """Runs of the usual cell records are stepped over by a regular expression (safety_xls):
    a cell of each kind it steps over, moved to the far corner, still stops the import."""
    def stray(data: bytearray, start: int, stream: bytes) -> None:
        deals = bytes(stream).index(b"\x09\x08", 100)
        found = [p for p, k, _n in records(stream, deals) if k == kind and p < 59_000]
        struct.pack_into("<HH", data, start + found[len(found) // 2] + 4, 65535, 255)

    message = refused(session, patched_xls(tmp_path / "far.xls", stray), "too big")
    assert "row 65,536, column 256" in message


def test_xls_wide_cell_is_measured_record_by_record(tmp_path: Path) -> None:
    """A cell right of the first max_cells / 65,536 columns sends the sheet to the exact
    walk: its extent is its real one, and it fits."""
    def wide(data: bytearray, start: int, stream: bytes) -> None:
        deals = bytes(stream).index(b"\x09\x08", 100)
        found = [p for p, k, _n in records(stream, deals) if k == 0x00FD and p < 59_000]
        struct.pack_into("<HH", data, start + found[1] + 4, 3, 200)

    info = check_workbook(patched_xls(tmp_path / "wide.xls", wide), kind=FileKind.XLS)
    deals = info.sheet("Deals")
    assert deals is not None and deals.columns == 201 and DEALS + 1 <= deals.rows < 65_536


def test_office_file_without_a_workbook(session: Session, tmp_path: Path) -> None:
    data = XLS.read_bytes().replace("Workbook".encode("utf-16-le"),
                                    "Document".encode("utf-16-le"))
    path = tmp_path / "letter.xls"
    path.write_bytes(data)
    refused(session, path, "not an Excel workbook")


def test_truncated_xls(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "cut.xls"
    path.write_bytes(XLS.read_bytes()[:20_000])
    refused(session, path, "97–2003", "damaged")


def test_xls_limits_are_the_same_limits(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="too big to read safely"):
        check_workbook(XLS, Limits(max_cells=50), FileKind.XLS)
    source = open_source(XLS, Limits(max_rows=10))
    with pytest.raises(ImportFileError, match="more than 10 rows"):
        read_sheet(source, "Deals")


def test_a_declaration_deep_in_a_big_part_is_refused(session: Session,
                                                     tmp_path: Path) -> None:
    def late(data: bytes) -> bytes:
        return data.replace(b"<office:body>", b"<office:body>" + b" " * 20_000_000
                            + b'<!ENTITY e "x">' + b" " * 20_000_000)

    path = rewrite_ods(tmp_path / "deep.ods", "content.xml", late)
    refused(session, path, "entity declarations", limits=Limits(max_ratio=1e9))


def test_the_quick_ods_measure_never_says_less_than_row_by_row(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The usual blocks of rows are measured with byte counts; the result may over-count a
    row by its start tag and padding cell, never under-count it, whatever rows the blocks
    hold (a wide row hiding behind a repeated empty cell, a repeated row with a value)."""
    from pipeline_desktop.services.excel import safety_ods

    cell = ('<table:table-cell office:value-type="string" calcext:value-type="string">'
            '<text:p>x</text:p></table:table-cell>')
    plain = ('<table:table-row table:style-name="ro1">' + cell * 6 +
             '<table:table-cell table:number-columns-repeated="16378"/></table:table-row>')
    wide = ('<table:table-row><table:table-cell table:number-columns-repeated="900"/>' + cell
            + '<table:table-cell table:number-columns-repeated="16"/></table:table-row>')
    repeated = ('<table:table-row table:number-rows-repeated="50">' + cell +
                '<table:table-cell table:number-columns-repeated="5"/></table:table-row>')
    rows = plain * 6000 + wide + plain * 6000 + repeated + plain * 3000
    path = rewrite_ods(tmp_path / "many.ods", "content.xml", after_deals_data(rows))
    lenient = Limits(max_ratio=1e9)  # rows this alike compress a hundredfold
    measured = safety_ods._Scanner._plain_rows
    quick_blocks = []

    def counted(self, block: bytes) -> bool:
        quick_blocks.append(measured(self, block))
        return quick_blocks[-1]

    monkeypatch.setattr(safety_ods._Scanner, "_plain_rows", counted)
    quick = check_workbook(path, lenient, FileKind.ODS)
    assert True in quick_blocks and False in quick_blocks  # both ways were taken
    monkeypatch.setattr(safety_ods._Scanner, "_plain_rows", lambda self, block: False)
    exact = check_workbook(path, lenient, FileKind.ODS)
    deals = exact.sheet("Deals")
    assert deals is not None and deals.columns == 901 and deals.rows == DEALS + 1 + 15_051
    for fast, slow in zip(quick.sheets, exact.sheets, strict=True):
        assert (fast.name, fast.visible) == (slow.name, slow.visible)
        assert slow.rows <= fast.rows and slow.columns <= fast.columns <= slow.columns + 2
