"""The computed figure in the quarterly workbook (issue 11): the proposal beside a row, read-only
with its provenance, and the "Farklılık gerekçesi" a different value needs — refused by cell
without one, saved and trailed with one, as the web form does; a workbook exported before the
column is still read, by its own layout."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter, range_boundaries

from karne.core.forms import PROPOSAL_KEYS
from karne.monitoring.models import ComputedFigure, MonitoringPeriod
from karne.monitoring.workbook import WorkbookRefused, workbook_apply, workbook_preview
from karne.monitoring.workbook.identity import PREFIX, read_identity
from karne.monitoring.workbook.kinds import QUARTERLY
from karne.monitoring.workbook.layout import HEADER_ROW, SHEET, by_key, columns
from tests.dataformat.mutations import STRANGE, HypothesisDraw
from tests.web.libreoffice import SOFFICE, saved_by_calc
from tests.web.test_computed_web import figure, stored, trail
from tests.web.workbooks import CellValue, counts, export, fill, ref

YGM = "/donem/2023/1/birim/YGM/"
REASON = "Mart sonu toplu girişler henüz GöçNet'te yok."
# A row without a computed figure, changed as before (its deviation explained).
TYPED: dict[tuple[str, str], CellValue] = {
    ("GYH-07", "value"): 22000,
    ("GYH-07", "exp"): "Dönemsel etki.",
}


def user() -> AbstractBaseUser:
    return get_user_model().objects.get(username="veri.ygm")


def test_the_export_shows_the_computed_value_its_provenance_and_a_reason_cell(
    site: MonitoringPeriod,
) -> None:
    figure()
    content = export()
    sheet = load_workbook(io.BytesIO(content))[SHEET]
    plan = by_key(QUARTERLY.fields("1"))
    header = {k: sheet.cell(HEADER_ROW, c.index).value for k, c in plan.items()}
    assert header["computed"] == "Hesaplanan değer"
    assert header["computed-by"] == "Hesaplama"
    assert header["reason"] == "Farklılık gerekçesi"
    computed = sheet[ref(sheet, "GYH-01", "computed")]
    assert computed.value == 1240512
    assert computed.protection.locked  # read-only
    assert computed.comment is not None
    assert "ikamet-aktif" in computed.comment.text
    assert "cdcdcdcdcdcd" in computed.comment.text
    assert sheet[ref(sheet, "GYH-01", "computed-by")].value == "ikamet-aktif · cdcdcdcdcdcd"
    reason = sheet[ref(sheet, "GYH-01", "reason")]
    assert reason.value is None
    assert not reason.protection.locked  # the person writes it
    # A row without a computed figure: nothing shown, its reason cell locked.
    assert sheet[ref(sheet, "GYH-07", "computed")].value is None
    assert sheet[ref(sheet, "GYH-07", "computed-by")].value is None
    assert sheet[ref(sheet, "GYH-07", "reason")].protection.locked
    # The value column stays where it was (E in the first quarter): the new ones come last.
    assert ref(sheet, "GYH-01", "value") == "E6"


def test_the_columns_in_english(site: MonitoringPeriod) -> None:
    figure()
    with translation.override("en"):
        content = export()
    sheet = load_workbook(io.BytesIO(content))[SHEET]
    plan = by_key(QUARTERLY.fields("1"))
    assert sheet.cell(HEADER_ROW, plan["reason"].index).value == "Reason for differing"
    assert sheet.cell(HEADER_ROW, plan["computed"].index).value == "Computed value"
    assert workbook_preview(user=user(), content=content, filename="en.xlsx").ok


def test_a_different_value_without_a_reason_is_refused_by_cell_and_nothing_saved(
    site: MonitoringPeriod,
) -> None:
    figure()
    content = fill(export(), {("GYH-01", "value"): "1.250.000", **TYPED})
    before = counts()
    applied = workbook_apply(user=user(), content=content, filename="form.xlsx")
    assert applied.saved == 0
    (error,) = applied.preview.errors
    sheet = load_workbook(io.BytesIO(content))[SHEET]
    assert (error.sheet, error.cell) == (SHEET, ref(sheet, "GYH-01", "reason"))
    assert error.indicator == "GYH-01"
    assert error.expected == "farklılık gerekçesi"
    assert error.found == "boş"
    assert error.message == (
        "Hesaplanan değerden (1.240.512) farklı bir değer için gerekçe yazın. Gerekçeyi bu "
        "satırın “Farklılık gerekçesi” hücresine yazın ya da hesaplanan değeri girin."
    )
    assert counts() == before  # not even GYH-07, which needs no reason
    assert stored("GYH-01").value == Decimal(1237803)


def test_a_blank_reason_is_no_reason(site: MonitoringPeriod) -> None:
    figure()
    content = fill(export(), {("GYH-01", "value"): "1.250.000", ("GYH-01", "reason"): "   "})
    before = counts()
    applied = workbook_apply(user=user(), content=content, filename="form.xlsx")
    assert applied.saved == 0
    assert [e.expected for e in applied.preview.errors] == ["farklılık gerekçesi"]
    assert counts() == before


def test_a_different_value_with_a_reason_is_saved_and_trailed_as_on_the_web_form(
    site: MonitoringPeriod,
) -> None:
    figure()
    content = fill(
        export(),
        {("GYH-01", "value"): "1.250.000", ("GYH-01", "reason"): REASON, **TYPED},
    )
    preview = workbook_preview(user=user(), content=content, filename="form.xlsx")
    assert preview.ok, preview.errors
    applied = workbook_apply(user=user(), content=content, filename="form.xlsx")
    assert applied.saved == 2
    assert stored("GYH-01").value == Decimal(1250000)
    (change,) = trail("GYH-01")
    assert change.reason == (
        f"çalışma kitabı: form.xlsx; hesaplanan değerden (1240512) farklı: {REASON}"
    )
    (other,) = trail("GYH-07")  # a row without a computed figure: as before
    assert other.reason == "çalışma kitabı: form.xlsx"


def test_the_same_reason_on_the_web_form_leaves_the_same_trail(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    from tests.web.helpers import entry_form

    figure()
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    form["value-GYH-01"] = "1.250.000"
    form["reason-GYH-01"] = REASON
    assert clerk.post(YGM, form).status_code == 302
    (web,) = trail("GYH-01")
    assert web.reason == f"hesaplanan değerden (1240512) farklı: {REASON}"


def test_the_computed_value_is_accepted_with_the_proposal_s_note(site: MonitoringPeriod) -> None:
    """Equal to the figure, a reason is not needed; one written anyway is not an override."""
    figure()
    content = fill(export(), {("GYH-01", "value"): 1240512, ("GYH-01", "reason"): "gerek yok"})
    applied = workbook_apply(user=user(), content=content, filename="form.xlsx")
    assert applied.saved == 1, applied.preview.errors
    (change,) = trail("GYH-01")
    assert change.reason == (
        "çalışma kitabı: form.xlsx; hesaplanan değer kabul edildi (ikamet-aktif, cdcdcdcdcdcd)"
    )


def test_a_reason_too_long_is_refused_by_cell(site: MonitoringPeriod) -> None:
    figure()
    content = fill(export(), {("GYH-01", "value"): "1.250.000", ("GYH-01", "reason"): "x" * 2001})
    before = counts()
    applied = workbook_apply(user=user(), content=content, filename="form.xlsx")
    assert applied.saved == 0
    (error,) = applied.preview.errors
    assert error.cell == cell_ref(content, "GYH-01", "reason")
    assert error.message.startswith("Gerekçe en çok 2.000 karakter olabilir")
    assert counts() == before


def cell_ref(content: bytes, code: str, key: str) -> str:
    sheet = load_workbook(io.BytesIO(content))[SHEET]
    return ref(sheet, code, key)


def test_the_upload_page_lists_the_refusal_by_cell(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    figure()
    clerk = as_user("veri.ygm")
    content = fill(export(), {("GYH-01", "value"): "1.250.000"})
    response = clerk.post(f"{YGM}yukle/", {"file": SimpleUploadedFile("ygm.xlsx", content)})
    assert response.status_code == 302
    shown = clerk.get(str(response["Location"]))
    assert shown.status_code == 400
    html = shown.content.decode()
    assert f"Form!{cell_ref(content, 'GYH-01', 'reason')}" in html
    assert "Farklılık gerekçesi" in html
    assert "kaydet</button>" not in html


def earlier_layout(content: bytes) -> bytes:
    """The workbook as karne exported it before the proposal columns: those columns deleted
    and its identity signed for the narrower range, as that version signed it."""
    book = load_workbook(io.BytesIO(content))
    sheet = book[SHEET]
    plan = columns(QUARTERLY.fields("1"))
    for column in sorted((c for c in plan if c.key in PROPOSAL_KEYS), key=lambda c: -c.index):
        sheet.delete_cols(column.index)
    props = book.custom_doc_props.props  # type: ignore[attr-defined]
    identity = read_identity({p.name: str(p.value) for p in props})
    min_col, min_row, max_col, max_row = range_boundaries(identity.range)
    last = get_column_letter((max_col or 0) - len(PROPOSAL_KEYS))
    narrower = replace(
        identity, range=f"{get_column_letter(min_col or 1)}{min_row}:{last}{max_row}"
    )
    signed = narrower.properties()
    for prop in props:
        prop.value = signed[prop.name]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_workbook_exported_before_the_reason_column_is_still_read(
    site: MonitoringPeriod,
) -> None:
    figure()
    old = earlier_layout(export())
    width = len(columns(QUARTERLY.fields("1")))
    assert load_workbook(io.BytesIO(old))[SHEET].max_column == width - len(PROPOSAL_KEYS)
    changed = earlier_layout(fill(export(), TYPED))
    applied = workbook_apply(user=user(), content=changed, filename="eski.xlsx")
    assert applied.saved == 1, applied.preview.errors
    assert trail("GYH-07")[0].reason == "çalışma kitabı: eski.xlsx"


def test_an_override_in_an_earlier_workbook_is_refused_with_what_to_do(
    site: MonitoringPeriod,
) -> None:
    figure()
    content = earlier_layout(fill(export(), {("GYH-01", "value"): "1.250.000"}))
    before = counts()
    applied = workbook_apply(user=user(), content=content, filename="eski.xlsx")
    assert applied.saved == 0
    (error,) = applied.preview.errors
    assert (error.cell, error.indicator, error.expected) == ("E6", "GYH-01", "hesaplanan değer")
    assert error.message.endswith(
        "Bu çalışma kitabı gerekçe sütunu eklenmeden önce indirilmiş: hesaplanan değeri girin "
        "ya da yeni bir form indirip farklı değeri gerekçesiyle girin."
    )
    assert counts() == before
    accepted = earlier_layout(fill(export(), {("GYH-01", "value"): 1240512}))
    assert workbook_apply(user=user(), content=accepted, filename="eski.xlsx").saved == 1


def test_an_earlier_workbook_with_its_range_unsigned_is_refused(site: MonitoringPeriod) -> None:
    """Only the signature tells the layout: a narrower range written by hand is an altered
    identity."""
    figure()
    book = load_workbook(io.BytesIO(earlier_layout(export())))
    for prop in book.custom_doc_props.props:  # type: ignore[attr-defined]
        if prop.name == PREFIX + "signature":
            prop.value = "x" * 27
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(WorkbookRefused, match="değiştirilmiş"):
        workbook_preview(user=user(), content=out.getvalue(), filename="x.xlsx")


REASONS: tuple[CellValue, ...] = (
    *(s for s in STRANGE if len(s) < 100 and not ILLEGAL_CHARACTERS_RE.search(s)),
    None,
    "",
    "   ",
    REASON,
    "x" * 2001,
    0,
    1.5,
    float("inf"),
    "=A1",
    "=1/0",
    "Evet",
)
VALUES: tuple[CellValue, ...] = (None, 1240512, "1.240.512", "1.250.000", 1237803, -1, "=1+1")


@settings(
    max_examples=int(os.environ.get("KARNE_FUZZ_EXAMPLES", "40")),
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.data())
def test_the_proposal_columns_mutated_are_a_preview_or_a_refusal_never_a_traceback(
    site: MonitoringPeriod, data: st.DataObject
) -> None:
    if not ComputedFigure.objects.exists():  # the examples share the test's database
        figure()
    draw = HypothesisDraw(data)
    values: dict[tuple[str, str], CellValue] = {
        ("GYH-01", "value"): draw.choice(VALUES),
        ("GYH-07", "value"): draw.choice(VALUES),
        ("GYH-07", "exp"): "Dönemsel etki.",
    }
    for _ in range(draw.integer(1, 4)):
        code = draw.choice(["GYH-01", "GYH-07", "GYH-10"])
        key = draw.choice(["computed", "computed-by", "reason", "reason"])
        value = draw.choice(REASONS)
        values[code, key] = float("nan") if value == "NaN" else value
    content = fill(export(), values)
    before = counts()
    try:
        applied = workbook_apply(user=user(), content=content, filename="fuzz.xlsx")
    except WorkbookRefused as exc:
        message = str(exc)
        assert message
        assert counts() == before
        return
    assert all(error.message for error in applied.preview.errors)
    if not applied.saved:
        assert counts() == before
        return
    assert applied.preview.ok
    assert applied.saved == len(applied.preview.entries)
    for change in trail("GYH-01"):  # an override saved has its reason in the trail
        if change.new not in ("1240512", ""):
            assert "farklı: " in change.reason
            assert not change.reason.endswith("farklı: ")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_reason_saved_again_by_libreoffice_is_read_the_same(
    site: MonitoringPeriod, tmp_path: Path
) -> None:
    """The figure's comment and the new columns survive another spreadsheet's save."""
    assert SOFFICE is not None
    figure()
    source = tmp_path / "in" / "form.xlsx"
    source.parent.mkdir()
    source.write_bytes(
        fill(export(), {("GYH-01", "value"): "1.250.000", ("GYH-01", "reason"): REASON})
    )
    resaved = saved_by_calc(source, tmp_path)
    applied = workbook_apply(user=user(), content=resaved, filename="form.xlsx")
    assert applied.saved == 1, applied.preview.errors
    assert applied.preview.entries[0].override_reason == REASON
    assert stored("GYH-01").value == Decimal(1250000)
