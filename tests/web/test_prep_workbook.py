"""The preparation proposal as two workbooks (targets, costs): export, fill in with openpyxl,
preview, confirm; every refusal changes nothing."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from karne.budget.models import ActivityCost
from karne.cli.main import main
from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from karne.monitoring.prep_selectors import prep_cells
from karne.monitoring.services import EntryInput, preparation_save
from karne.monitoring.workbook import Applied, Preview, RowStatus, WorkbookRefused
from karne.monitoring.workbook.prep import (
    PrepTarget,
    is_prep_workbook,
    prep_workbook_apply,
    prep_workbook_export,
    prep_workbook_preview,
)
from karne.monitoring.workbook.prep.layout import SHEETS, by_key
from karne.organisation.models import Unit
from karne.planning.models import PPIndicatorValue
from tests.web.libreoffice import SOFFICE, saved_by_calc
from tests.web.prep_workbooks import (
    COSTS,
    TARGETS,
    edit,
    export,
    fill,
    open_2024,
    ref,
    user,
    with_property,
)
from tests.web.workbooks import CellValue, zip_bomb

TARGET_CHANGES: dict[tuple[str, str], CellValue] = {
    ("GYH-01", "2024"): "1.260.000",  # Turkish text, as an English Excel keeps it
    ("GYH-01", "2026"): 1_150_000,  # a real number in an empty cell
    ("GYH-07", "2026"): 65000,
}
COST_LINE = "GY.GYH.DUZENLI/03/butce_ici"


def preview(content: bytes, name: str = "veri.ygm", expect: PrepTarget | None = None) -> Preview:
    return prep_workbook_preview(
        user=user(name), content=content, filename="hedefler.xlsx", expect=expect
    )


def apply(content: bytes, name: str = "veri.ygm", filename: str = "hedefler.xlsx") -> Applied:
    return prep_workbook_apply(user=user(name), content=content, filename=filename)


def stored() -> list[object]:
    return [
        *PPIndicatorValue.objects.filter(source="PP2024")
        .order_by("pk")
        .values_list("indicator__code", "year", "measure", "value"),
        *ActivityCost.objects.filter(document__code="PP2024")
        .order_by("pk")
        .values_list("activity__code", "economic_code", "year", "amount"),
        ChangeRecord.objects.count(),
    ]


def test_targets_round_trip_new_changed_unchanged_and_trailed(site: MonitoringPeriod) -> None:
    open_2024()
    before = stored()
    content = fill(export(), TARGETS, TARGET_CHANGES)
    shown = preview(content)
    assert shown.ok, shown.errors
    statuses = {r.code: r.status for r in shown.rows}
    assert statuses["GYH-01/2024"] is RowStatus.CHANGED
    assert statuses["GYH-01/2026"] is RowStatus.NEW
    assert statuses["GYH-07/2026"] is RowStatus.NEW
    assert statuses["GYH-01/2025"] is RowStatus.UNCHANGED
    assert len(shown.rows) == 9
    assert stored() == before  # the preview wrote nothing
    applied = apply(content, filename="ygm-hedefler.xlsx")
    assert applied.saved == 3
    values = {
        (v.indicator.code, v.year): v.value
        for v in PPIndicatorValue.objects.filter(source="PP2024", indicator__code="GYH-01")
    }
    assert values[("GYH-01", 2024)] == Decimal(1_260_000)
    assert values[("GYH-01", 2026)] == Decimal(1_150_000)
    trail = ChangeRecord.objects.filter(subject="proposal").order_by("key")
    assert [(t.key, t.new, t.reason) for t in trail] == [
        ("2024-PP/GYH-01/2024", "1260000", "çalışma kitabı: ygm-hedefler.xlsx"),
        ("2024-PP/GYH-01/2026", "1150000", "çalışma kitabı: ygm-hedefler.xlsx"),
        ("2024-PP/GYH-07/2026", "65000", "çalışma kitabı: ygm-hedefler.xlsx"),
    ]
    # the same file again: nothing to save, nothing changed
    after = stored()
    again = apply(content)
    assert again.saved == 0
    assert again.preview.ok
    assert {r.status for r in again.preview.rows} == {RowStatus.UNCHANGED}
    assert stored() == after


def test_costs_round_trip_and_an_emptied_cell_removes_its_figure(site: MonitoringPeriod) -> None:
    open_2024()
    content = fill(
        export(COSTS),
        COSTS,
        {(COST_LINE, "2024"): "17.000.000", (COST_LINE, "2025"): None, (COST_LINE, "2026"): 0},
    )
    shown = prep_workbook_preview(user=user(), content=content, filename="maliyet.xlsx")
    assert shown.ok, shown.errors
    statuses = {r.code: r.status for r in shown.rows}
    assert statuses[f"{COST_LINE}/2024"] is RowStatus.CHANGED
    assert statuses[f"{COST_LINE}/2025"] is RowStatus.CHANGED  # emptied
    assert statuses[f"{COST_LINE}/2026"] is RowStatus.NEW
    assert apply(content, filename="maliyet.xlsx").saved == 3
    amounts = {
        c.year: c.amount
        for c in ActivityCost.objects.filter(
            document__code="PP2024",
            activity__code="GY.GYH.DUZENLI",
            economic_code="03",
            year__gte=2024,
        )
    }
    assert amounts == {2024: Decimal(17_000_000), 2026: Decimal(0)}


def test_a_cell_saved_since_the_export_is_a_conflict_and_nothing_is_saved(
    site: MonitoringPeriod,
) -> None:
    period = open_2024()
    content = fill(export(), TARGETS, TARGET_CHANGES)
    unit = Unit.objects.get(administration=period.administration, code="YGM")
    cell = next(c for c in prep_cells(period, unit) if c.code == "GYH-01/2024")
    preparation_save(
        user=user(),
        period=period,
        unit=unit,
        entries=[EntryInput(cell.code, Decimal(1_270_000), None, None, "", cell.version)],
    )
    before = stored()
    shown = preview(content)
    conflicts = [r.code for r in shown.rows if r.status is RowStatus.CONFLICT]
    assert conflicts == ["GYH-01/2024"]
    sheet = load_workbook(io.BytesIO(content))[SHEETS[TARGETS]]
    assert [(e.cell, e.indicator) for e in shown.errors] == [
        (ref(sheet, TARGETS, "GYH-01", "2024"), "GYH-01/2024")
    ]
    assert "veri.ygm" in shown.errors[0].message
    applied = apply(content)
    assert applied.saved == 0
    assert stored() == before


def test_a_bad_number_is_reported_by_cell_and_nothing_is_saved(site: MonitoringPeriod) -> None:
    open_2024()
    content = fill(
        export(),
        TARGETS,
        {
            ("GYH-01", "2024"): "bir milyon",
            ("GYH-07", "2025"): "=1+1",
            ("GYH-10", "2026"): -5,
            ("GYH-10", "confirm"): "Belki",
        },
    )
    sheet = load_workbook(io.BytesIO(content))[SHEETS[TARGETS]]
    before = stored()
    shown = preview(content)
    assert not shown.ok
    by_cell = {e.cell: e for e in shown.errors}
    assert set(by_cell) == {
        ref(sheet, TARGETS, "GYH-01", "2024"),
        ref(sheet, TARGETS, "GYH-07", "2025"),
        ref(sheet, TARGETS, "GYH-10", "2026"),
        ref(sheet, TARGETS, "GYH-10", "confirm"),
    }
    bad = by_cell[ref(sheet, TARGETS, "GYH-01", "2024")]
    assert (bad.sheet, bad.found) == ("Hedefler", "bir milyon")
    assert "sayı" in bad.expected
    assert "Formül" in by_cell[ref(sheet, TARGETS, "GYH-07", "2025")].message
    assert "negatif" in by_cell[ref(sheet, TARGETS, "GYH-10", "2026")].message
    assert apply(content).saved == 0
    assert stored() == before


def test_a_magnitude_slip_is_saved_once_confirmed_in_its_column(site: MonitoringPeriod) -> None:
    open_2024()
    slip: dict[tuple[str, str], CellValue] = {("GYH-07", "2026"): 650_000_000}
    shown = preview(fill(export(), TARGETS, slip))
    assert [e.indicator for e in shown.errors] == ["GYH-07/2026"]
    assert "“Onay” sütununa “Evet”" in shown.errors[0].message
    confirmed = fill(export(), TARGETS, {**slip, ("GYH-07", "confirm"): "evet"})
    assert apply(confirmed).saved == 1


def test_another_unit_year_or_form_is_refused_by_name(site: MonitoringPeriod) -> None:
    open_2024()
    before = stored()
    theirs = export(TARGETS, "veri.ukgm", "UKGM")
    with pytest.raises(WorkbookRefused, match="Uluslararası Koruma Genel Müdürlüğü biriminin"):
        preview(theirs, expect=PrepTarget(2024, "YGM"))
    with pytest.raises(PermissionDenied):  # not the clerk's unit at all
        preview(theirs)
    with pytest.raises(WorkbookRefused, match="maliyet önerileri"):
        preview(export(COSTS), expect=PrepTarget(2024, "YGM", TARGETS))
    assert stored() == before


def test_a_quarterly_workbook_is_not_a_preparation_one_nor_the_reverse(
    site: MonitoringPeriod,
) -> None:
    from karne.monitoring.workbook import workbook_preview
    from tests.web.workbooks import export as quarterly_export

    open_2024()
    assert is_prep_workbook(export(COSTS))
    assert not is_prep_workbook(quarterly_export())
    with pytest.raises(WorkbookRefused, match="program hazırlığı formu değil"):
        preview(quarterly_export())
    with pytest.raises(WorkbookRefused, match="giriş formu değil"):
        workbook_preview(user=user(), content=export(), filename="x.xlsx")


def test_a_tampered_workbook_is_refused(site: MonitoringPeriod) -> None:
    open_2024()
    content = export()
    before = stored()
    for name, value in (("karne.unit", "UKGM"), ("karne.year", "2025"), ("karne.rows", "0" * 64)):
        with pytest.raises(WorkbookRefused, match="kimlik bilgileri"):
            preview(with_property(content, name, value))
    bumped = edit(
        content,
        TARGETS,
        lambda s: s.__setitem__(ref(s, TARGETS, "GYH-01", "state"), "7:1|0:1|0:"),
    )
    with pytest.raises(WorkbookRefused, match="gizli sütunları"):
        apply(bumped)
    with pytest.raises(WorkbookRefused, match="MB tutuyor"):
        preview(zip_bomb())
    with pytest.raises(WorkbookRefused, match="değil"):
        preview(content[:-200])
    assert stored() == before


def test_merged_cells_a_deleted_column_and_a_moved_key_are_errors_by_cell(
    site: MonitoringPeriod,
) -> None:
    open_2024()
    content = export()
    merged = preview(edit(content, TARGETS, lambda s: s.merge_cells("G6:G7")))
    assert [e.cell for e in merged.errors] == ["G6:G7"]
    deleted = preview(edit(content, TARGETS, lambda s: s.delete_cols(3)))
    assert deleted.errors[0].cell == "C5"
    assert not deleted.rows

    def swap_keys(sheet: Worksheet) -> None:
        sheet["A6"], sheet["A7"] = sheet["A7"].value, sheet["A6"].value

    moved = preview(edit(content, TARGETS, swap_keys))
    assert [e.cell for e in moved.errors] == ["B6", "B7"]


def test_the_workbook_locks_all_but_the_inputs_and_hides_the_keys(site: MonitoringPeriod) -> None:
    open_2024()
    book = load_workbook(io.BytesIO(export()))
    sheet = book[SHEETS[TARGETS]]
    assert sheet.protection.sheet
    plan = by_key(TARGETS, 2024)
    assert sheet.column_dimensions["A"].hidden
    assert sheet.column_dimensions[plan["state"].letter].hidden
    locked = [sheet.cell(6, c.index).protection.locked for c in plan.values()]
    assert locked == [True] * 6 + [False] * 4 + [True]
    assert sheet.cell(6, plan["year-2024"].index).number_format == "#,##0"
    assert [sheet.cell(5, c.index).value for c in plan.values()][3:9] == [
        "2021",
        "2022",
        "2023",
        "2024",
        "2025",
        "2026",
    ]
    costs = load_workbook(io.BytesIO(export(COSTS)))[SHEETS[COSTS]]
    cost_plan = by_key(COSTS, 2024)
    assert costs.cell(5, cost_plan["code"].index).value == "Maliyet satırı"
    assert costs.cell(6, cost_plan["code"].index).value == COST_LINE
    assert costs.cell(6, cost_plan["before-2023"].index).value == 13_877_000
    assert [costs.cell(6, c.index).protection.locked for c in cost_plan.values()] == [
        True,
        True,
        True,
        True,
        True,
        False,
        False,
        False,
        True,
    ]


def test_only_the_preparation_s_own_may_take_or_send_the_workbooks(site: MonitoringPeriod) -> None:
    open_2024()
    assert prep_workbook_export(user=user("okur"), year=2024, unit="YGM", form=COSTS).rows == 2
    with pytest.raises(PermissionDenied):
        prep_workbook_export(user=user("veri.ukgm"), year=2024, unit="YGM", form=TARGETS)
    with pytest.raises(ValueError, match="baska"):
        prep_workbook_export(user=user(), year=2024, unit="YGM", form="baska")
    content = fill(export(), TARGETS, TARGET_CHANGES)
    before = stored()
    for reader in ("okur", "strateji", "amir.ygm"):
        with pytest.raises(PermissionDenied):
            apply(content, reader)
    assert stored() == before


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_saved_again_by_libreoffice_is_read_the_same(
    site: MonitoringPeriod, tmp_path: Path
) -> None:
    assert SOFFICE is not None
    open_2024()
    cost_changes: dict[tuple[str, str], CellValue] = {
        (COST_LINE, "2024"): "17.000.000",
        (COST_LINE, "2026"): 12_345_678.5,
    }
    for form, changes in ((TARGETS, TARGET_CHANGES), (COSTS, cost_changes)):
        source = tmp_path / "in" / f"{form}.xlsx"
        source.parent.mkdir(exist_ok=True)
        source.write_bytes(fill(export(form), form, changes))
        resaved = preview(saved_by_calc(source, tmp_path))
        assert resaved.ok, resaved.errors
        original = preview(source.read_bytes())
        assert [(e.indicator, e.value) for e in resaved.entries] == [
            (e.indicator, e.value) for e in original.entries
        ]
        assert len(resaved.entries) == len(changes)


def test_a_workbook_exported_in_english_is_read_in_turkish(site: MonitoringPeriod) -> None:
    open_2024()
    with translation.override("en"):
        english = export(COSTS)
    sheet = load_workbook(io.BytesIO(english))[SHEETS[COSTS]]
    assert sheet["B5"].value == "Activity"
    shown = preview(fill(english, COSTS, {(COST_LINE, "2026"): "1.000"}))
    assert shown.ok, shown.errors
    assert [e.indicator for e in shown.entries] == [f"{COST_LINE}/2026"]


def test_a_locked_programme_takes_no_workbook(site: MonitoringPeriod) -> None:
    period = open_2024()
    content = fill(export(), TARGETS, TARGET_CHANGES)
    MonitoringPeriod.objects.filter(pk=period.pk).update(locked_at=period.opened_at)
    before = stored()
    with pytest.raises(WorkbookRefused, match="Program kilitlendi"):
        apply(content)
    assert stored() == before


def test_the_command_line_takes_both_preparation_workbooks(
    site: MonitoringPeriod, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_2024()
    out = tmp_path / "hedefler.xlsx"
    args = ["workbook", "export", "--year", "2024", "--preparation", "targets", "--unit", "YGM"]
    assert main([*args, "--user", "veri.ygm", "-o", str(out)]) == 0
    assert "3 satır" in capsys.readouterr().out
    out.write_bytes(fill(out.read_bytes(), TARGETS, TARGET_CHANGES))
    assert main(["workbook", "import", str(out), "--user", "veri.ygm", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["form"], data["counts"]["changed"], data["counts"]["new"]) == (TARGETS, 1, 2)
    assert main(["workbook", "import", str(out), "--user", "veri.ygm", "--confirm"]) == 0
    assert "Kaydedildi / saved: 3" in capsys.readouterr().out
    costs = tmp_path / "maliyetler.xlsx"
    args[5] = "costs"
    assert main([*args, "--user", "veri.ygm", "-o", str(costs)]) == 0
    assert main(["workbook", "import", str(costs), "--user", "veri.ygm"]) == 0
    assert "Kaydedilecek değişiklik yok" in capsys.readouterr().out
