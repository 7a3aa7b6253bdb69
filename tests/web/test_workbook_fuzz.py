"""A property of the upload: whatever is done to a workbook, the answer is a preview or a clear
refusal, never a traceback, and the database holds either every saved row or none of them.

The mutations are the issue's list (wrong types, a deleted key column, moved and inserted rows,
formulas, merged cells, a huge used range, a file that is no zip, a zip bomb, altered
properties) drawn by Hypothesis on a filled-in form of the personas' site.
"""

from __future__ import annotations

import datetime
import io
import os
from collections.abc import Callable

from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, MergedCell
from openpyxl.utils import get_column_letter

from karne.monitoring.models import MonitoringPeriod
from karne.monitoring.workbook import WorkbookRefused, workbook_apply
from karne.monitoring.workbook.kinds import QUARTERLY
from karne.monitoring.workbook.layout import HEADER_ROW, LIST_SHEET, SHEET, columns
from tests.dataformat.mutations import STRANGE, Draw, HypothesisDraw
from tests.web.workbooks import CellValue, counts, export, fill, zip_bomb

COLUMNS = len(columns(QUARTERLY.fields("1")))  # the first quarter's form and its technical columns
LAST_ROW = HEADER_ROW + 3
VALUES: tuple[CellValue, ...] = (
    *(s for s in STRANGE if len(s) < 100 and not ILLEGAL_CHARACTERS_RE.search(s)),
    "x" * 2500,
    0,
    -1,
    1.5,
    0.1 + 0.2,
    1e308,
    float("inf"),
    10**30,
    datetime.date(2023, 3, 31),
    "=1+1",
    "=A1",
    "=1/0",
    "1.234,5",
    "Evet",
)


def _cell(draw: Draw) -> str:
    column = get_column_letter(draw.integer(1, COLUMNS))
    return f"{column}{draw.integer(HEADER_ROW, LAST_ROW)}"


def _book(content: bytes, change: Callable[..., None]) -> bytes:
    """The workbook after `change`; bytes an earlier mutation broke stay broken as they are."""
    try:
        book = load_workbook(io.BytesIO(content))
    except Exception:  # not a workbook any more: openpyxl's own errors are many
        return content
    if SHEET in book.sheetnames:
        change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def mutate(draw: Draw, content: bytes) -> bytes:
    kind = draw.choice(
        [
            "cell",
            "cell",
            "cell",
            "delete-column",
            "insert-row",
            "move-rows",
            "merge",
            "huge-range",
            "not-zip",
            "bomb",
            "truncate",
            "flip-byte",
            "property",
            "rename-sheet",
            "drop-list-sheet",
        ]
    )
    if kind == "not-zip":
        return draw.text().encode("utf-8") + b"PK"
    if kind == "bomb":
        return zip_bomb()
    # A place in the file as a share of its length: the file's length varies with its time stamp.
    at = draw.integer(0, 999_999) * len(content) // 1_000_000
    if kind == "truncate":
        return content[:at]
    if kind == "flip-byte":
        return content[:at] + bytes([content[at] ^ 0xFF]) + content[at + 1 :]

    def change(book: object) -> None:
        sheet = book[SHEET]  # type: ignore[index]
        # After a merge, the covered cells cannot be written (openpyxl): a person's spreadsheet
        # would not let them either, so those writes are left out.
        if kind == "cell":
            value = draw.choice(VALUES)
            target = sheet[_cell(draw)]
            if not isinstance(target, MergedCell):
                target.value = float("nan") if value == "NaN" else value
        elif kind == "delete-column":
            sheet.delete_cols(draw.integer(1, COLUMNS))
        elif kind == "insert-row":
            sheet.insert_rows(draw.integer(HEADER_ROW, LAST_ROW + 1))
        elif kind == "move-rows":
            a, b = draw.integer(HEADER_ROW + 1, LAST_ROW), draw.integer(HEADER_ROW + 1, LAST_ROW)
            for c in range(1, COLUMNS + 1):
                first, second = sheet.cell(a, c), sheet.cell(b, c)
                if not isinstance(first, MergedCell) and not isinstance(second, MergedCell):
                    first.value, second.value = second.value, first.value
        elif kind == "merge":
            sheet.merge_cells(f"{_cell(draw)}:{get_column_letter(COLUMNS)}{LAST_ROW}")
        elif kind == "huge-range":
            sheet[draw.choice(["A1048576", "XFD1048576", "E1048576"])] = draw.choice(VALUES)
        elif kind == "property":
            props = book.custom_doc_props.props  # type: ignore[attr-defined]
            text = ILLEGAL_CHARACTERS_RE.sub("", draw.text()) or "x"
            props[draw.integer(0, 99) % len(props)].value = text
        elif kind == "rename-sheet":
            sheet.title = "Sayfa1"
        elif LIST_SHEET in book.sheetnames:  # type: ignore[attr-defined]
            del book[LIST_SHEET]  # type: ignore[attr-defined]

    return _book(content, change)


FILLED: dict[tuple[str, str], CellValue] = {
    ("GYH-01", "value"): "1.300.000",
    ("GYH-07", "exp"): "Dönemsel etki.",
}


@settings(
    max_examples=int(os.environ.get("KARNE_FUZZ_EXAMPLES", "40")),
    derandomize=True,  # a fixed set in CI, as the dataset fuzz tests; a campaign raises the count
    database=None,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_a_mutated_workbook_is_a_preview_or_a_refusal_never_a_partial_write(
    site: MonitoringPeriod, data: st.DataObject
) -> None:
    draw = HypothesisDraw(data)
    content = fill(export(), FILLED)
    for _ in range(draw.integer(1, 3)):
        content = mutate(draw, content)
    before = counts()
    user = get_user_model().objects.get(username="veri.ygm")
    try:
        applied = workbook_apply(user=user, content=content, filename="fuzz.xlsx")
    except WorkbookRefused as exc:
        message = str(exc)
        assert message
        assert counts() == before
        return
    if applied.saved:
        assert applied.preview.ok
        assert applied.saved == len(applied.preview.entries)
        assert counts() != before
    else:
        assert counts() == before
