"""Tell what a file really is from its first bytes, whatever its name says."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pipeline_desktop.errors import PipelineError

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04",)
EMPTY_ZIP = b"PK\x05\x06"


class ImportFileError(PipelineError):
    """The file cannot be imported; the message says why in one sentence."""


class FileKind(StrEnum):
    XLSX = "xlsx"  # also .xlsm: Office Open XML in a zip
    ODS = "ods"  # OpenDocument (LibreOffice's own format): content.xml in a zip
    XLS = "xls"  # Excel 97–2003: BIFF8 records in an OLE container
    CSV = "csv"  # also .tsv and .txt


SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
_ODS_MIMETYPE = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet"
_OPENDOCUMENT = b"mimetypeapplication/vnd.oasis.opendocument."


def sniff(path: Path) -> FileKind:
    """XLSX (any zip but an OpenDocument one), ODS, XLS (an OLE file that is not encrypted)
    or CSV (text); anything else raises ImportFileError with the reason."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise ImportFileError(f"No file at {path}") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} is a folder, not a file") from None
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror}") from None
    if not head:
        raise ImportFileError(f"{path.name} is empty")
    if head.startswith(ZIP_SIGNATURES):
        return _zip_kind(path, head)
    if head.startswith(EMPTY_ZIP):
        raise ImportFileError(f"{path.name} is an empty zip archive, not a workbook")
    if head.startswith(OLE_SIGNATURE):
        if _is_encrypted_package(path):
            raise ImportFileError(f"{path.name} is protected with a password; open it in "
                                  "Excel, remove the password (File › Info › Protect Workbook) "
                                  "and save it again")
        return FileKind.XLS
    if _looks_like_html(head):
        raise ImportFileError(f"{path.name} is a web page (HTML), not a workbook; "
                              "open it in Excel and save it as .xlsx")
    if _looks_like_text(head):
        if path.suffix.lower() in SPREADSHEET_SUFFIXES:
            raise ImportFileError(f"{path.name} is plain text, not an Excel workbook; "
                                  "if it is CSV, rename it to .csv")
        return FileKind.CSV
    raise ImportFileError(f"{path.name} is not an Excel workbook or a CSV file")


def _zip_kind(path: Path, head: bytes) -> FileKind:
    """OpenDocument files start with an uncompressed `mimetype` entry (the standard asks for
    it first); every other zip is left to the .xlsx checks, which say what it is not."""
    if _ODS_MIMETYPE in head[:200]:
        return FileKind.ODS
    if _OPENDOCUMENT in head[:200]:
        raise ImportFileError(f"{path.name} is an OpenDocument file but not a spreadsheet "
                              "(a text or a presentation?)")
    return FileKind.XLSX


def _is_encrypted_package(path: Path) -> bool:
    """Encrypted .xlsx and old .xls share the OLE container; its directory tells them apart
    (an encrypted .xls says so inside its workbook stream: `safety_xls` finds that)."""
    with path.open("rb") as handle:
        data = handle.read(4 * 1024 * 1024)
    return "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode(
        "utf-16-le") in data


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) and (
        b"<html" in start[:4096] or b"<table" in start[:4096]
        or b"urn:schemas-microsoft-com:office" in start[:4096])


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 with a BOM
    for encoding in ("utf-8", "cp1252"):
        try:
            head.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if encoding == "utf-8" and error.start > len(head) - 4:
                return True  # a character cut by the 8 KB window
    return False
