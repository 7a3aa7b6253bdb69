"""Reading an uploaded workbook: the file checked before it is opened, then only its declared range.

Before openpyxl sees the bytes, the zip's directory is read: a file that is not a zip, has too
many members, or whose members would unpack to more than `UNPACKED_LIMIT` is refused (Python's
zip reader stops at each member's declared size, so a member lying about its size fails its
checksum instead of filling the memory). The sheet is then read in openpyxl's read-only mode,
row by row, and only the rows of the declared range: a used range reaching row 1,048,576 is
never walked. Merged cells do not exist in read-only mode, so the sheet's XML is scanned for
them as a stream. Anything openpyxl cannot read is refused with one sentence, never a
traceback.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries

from karne.core.formatting import format_number
from karne.monitoring.workbook.identity import Identity, NotSigned, read_identity

UPLOAD_LIMIT = 20 * 1024 * 1024  # bytes of the file itself
UNPACKED_LIMIT = 100 * 1024 * 1024  # bytes of all its members unpacked
MEMBERS_LIMIT = 1000
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


class WorkbookRefused(Exception):
    """The file as a whole cannot be read as this form: nothing of it was looked at further."""


@dataclass(frozen=True)
class Cell:
    """One cell of the declared range: its reference, what it holds, and whether it is a
    formula (read-only openpyxl gives a formula as its text, data type "f")."""

    ref: str
    value: Any
    formula: bool


@dataclass(frozen=True)
class Opened:
    identity: Identity
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    merged: tuple[str, ...]  # merged ranges that touch the declared range


def _mb(size: int) -> str:
    return format_number(Decimal(size) / (1024 * 1024), 1)


def check_zip(content: bytes) -> zipfile.ZipFile:
    """The file as a zip whose members are small enough to unpack, or refused."""
    if len(content) > UPLOAD_LIMIT:
        raise WorkbookRefused(
            gettext("Dosya çok büyük (%(size)s MB); en çok %(limit)s MB yüklenebilir.")
            % {"size": _mb(len(content)), "limit": _mb(UPLOAD_LIMIT)}
        )
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise WorkbookRefused(
            gettext(
                "Dosya bir Excel çalışma kitabı (.xlsx) değil; karne'den indirdiğiniz dosyayı "
                "yükleyin."
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookRefused(
            gettext("Dosya bozuk: bir Excel çalışma kitabı olarak açılamıyor.")
        ) from None
    unpacked = sum(m.file_size for m in members)
    if len(members) > MEMBERS_LIMIT or unpacked > UNPACKED_LIMIT:
        raise WorkbookRefused(
            gettext(
                "Dosya açıldığında %(size)s MB tutuyor (en çok %(limit)s MB): bu bir giriş "
                "formu olamaz."
            )
            % {"size": _mb(unpacked), "limit": _mb(UNPACKED_LIMIT)}
        )
    return archive


_FORM = re.compile(rb'name="karne\.form"[^>]*>\s*<(?:\w+:)?lpwstr[^>]*>([^<]{1,80})<')


def form_of(content: bytes) -> str:
    """The form a workbook names in its custom properties, read without opening its sheets
    (to choose which form's reader takes it; that reader checks the signature); "" for none."""
    archive = check_zip(content)
    try:
        with archive.open("docProps/custom.xml") as stream:
            found = _FORM.search(stream.read(1 << 20))
    except (KeyError, OSError, zipfile.BadZipFile):
        return ""
    return found.group(1).decode("utf-8", "replace") if found else ""


def _merged(archive: zipfile.ZipFile) -> set[str]:
    """The merged ranges of every worksheet, scanned as a stream (bounded by the size check);
    a reference cut between two chunks is found whole in the next one's overlap."""
    found: set[str] = set()
    for member in archive.infolist():
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        tail = b""
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                found.update(m.group(1).decode("ascii") for m in _MERGE.finditer(data))
                tail = data[-200:]
    return found


def _overlaps(merged: str, declared: tuple[int, int, int, int]) -> bool:
    min_col, min_row, max_col, max_row = range_boundaries(merged)
    d_min_col, d_min_row, d_max_col, d_max_row = declared
    return not (
        (max_col or 0) < d_min_col
        or (min_col or 0) > d_max_col
        or (max_row or 0) < d_min_row
        or (min_row or 0) > d_max_row
    )


def open_workbook(content: bytes) -> Opened:
    """The workbook's signed identity and the cells of its declared range, or refused."""
    archive = check_zip(content)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises whatever its parsers meet: a file it cannot read is one
        raise WorkbookRefused(
            gettext("Dosya bozuk: bir Excel çalışma kitabı olarak açılamıyor.")
        ) from None
    try:
        properties = {p.name: str(p.value) for p in book.custom_doc_props.props if p.name}  # type: ignore[attr-defined]
        try:
            identity = read_identity(properties)
        except NotSigned:
            if not any(name.startswith("karne.") for name in properties):
                raise WorkbookRefused(
                    gettext(
                        "Bu dosya karne'nin bir giriş formu değil; formu giriş sayfasındaki "
                        "“Excel olarak indir” bağlantısıyla indirin."
                    )
                ) from None
            raise WorkbookRefused(
                gettext(
                    "Çalışma kitabının kimlik bilgileri (birim, dönem, satır sürümleri) "
                    "değiştirilmiş ya da başka bir karne kurulumunda üretilmiş; yeni bir form "
                    "indirin."
                )
            ) from None
        if identity.sheet not in book.sheetnames:
            raise WorkbookRefused(
                gettext("Çalışma kitabında “%(sheet)s” sayfası yok; sayfanın adını değiştirmeyin.")
                % {"sheet": identity.sheet}
            )
        declared = range_boundaries(identity.range)
        min_col, min_row, max_col, max_row = (int(b or 0) for b in declared)
        merged = tuple(
            sorted(
                m for m in _merged(archive) if _overlaps(m, (min_col, min_row, max_col, max_row))
            )
        )
        sheet = book[identity.sheet]
        read: list[tuple[Cell, ...]] = []
        for number, cells in enumerate(
            sheet.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col),
            start=min_row,
        ):
            read.append(
                tuple(
                    Cell(
                        f"{get_column_letter(min_col + i)}{number}",
                        getattr(cell, "value", None),
                        getattr(cell, "data_type", "") == "f",
                    )
                    for i, cell in enumerate(cells)
                )
            )
    except WorkbookRefused:
        raise
    except Exception:  # a sheet openpyxl cannot parse on the way: refused as unreadable
        raise WorkbookRefused(
            gettext("Dosya bozuk: bir Excel çalışma kitabı olarak açılamıyor.")
        ) from None
    finally:
        book.close()
    header = read[0] if read else ()
    return Opened(identity, header, tuple(read[1:]), merged)
