"""Preparing next year's programme: opened and copied forward from the year before, proposed
by the units (targets and costs, three years), moved through the quarterly workflow, held
against the ceilings, locked; every write trailed; the dataset still round-trips."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from karne.budget.models import ActivityCost
from karne.core.periods import PeriodKind
from karne.core.workflow import Action
from karne.dataformat import read_dataset, write_dataset
from karne.datasets.selectors import dataset_read
from karne.monitoring.errors import Refused
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Submission
from karne.monitoring.prep_selectors import prep_cells, prep_form, prep_overview
from karne.monitoring.services import (
    EntriesRefused,
    EntryInput,
    ceilings_set,
    preparation_lock,
    preparation_open,
    preparation_save,
    submission_act,
)
from karne.organisation.models import Administration, Document, Unit
from karne.planning.models import Activity, PPIndicatorValue, Program
from tests.web.helpers import entry_form, state_of

SOON = timezone.localdate() + datetime.timedelta(days=30)
OVERVIEW = "/hazirlik/2024/"
YGM = f"{OVERVIEW}birim/YGM/"


def user(name: str) -> AbstractBaseUser:
    return get_user_model().objects.get(username=name)


def open_2024() -> MonitoringPeriod:
    return preparation_open(user=user("strateji"), year=2024, deadline=SOON)


def ygm() -> Unit:
    return Unit.objects.get(administration__code="goc-idaresi", code="YGM")


def complete(period: MonitoringPeriod, unit: Unit) -> list[EntryInput]:
    """Every empty target cell of the unit proposed (the copy leaves the third year empty) at
    the year before's figure."""
    entries = []
    for line in prep_form(period, unit).targets:
        known = [c.value for c in line.cells if c.value is not None] or [Decimal(1)]
        entries += [
            EntryInput(c.code, known[-1], None, None, "", c.version)
            for c in line.cells
            if c.value is None
        ]
    return entries


def test_opening_copies_the_programme_forward(site: MonitoringPeriod) -> None:
    trail = ChangeRecord.objects.count()
    period = open_2024()
    assert period.is_preparation
    assert period.key == "2024-PP"
    assert str(period) == "2024 · Performans programı hazırlığı"
    admin = period.administration
    # the structure of 2023, now also 2024's
    for model_filter in ("", "sub_programs__", "sub_programs__activities__"):
        field = f"{model_filter}code" if model_filter else "code"
        before = set(Program.objects.filter(administration=admin, year=2023).values_list(field))
        after = set(Program.objects.filter(administration=admin, year=2024).values_list(field))
        assert before == after
        assert before
    assert Document.objects.filter(administration=admin, code="PP2024", year=2024).exists()
    # GYH-01: 2024 forecast of PP2023 is PP2024's 2024 target; 2023's target its planned figure
    values = {
        (v.year, v.measure): v.value
        for v in PPIndicatorValue.objects.filter(indicator__code="GYH-01", source="PP2024")
    }
    assert values == {
        (2023, "planned"): Decimal(1_280_000),
        (2024, "target"): Decimal(1_250_000),
        (2025, "forecast"): Decimal(1_200_000),
    }
    # costs shifted: 2024 forecast → 2024 budget, on the 2024 activity
    cost = ActivityCost.objects.get(
        document__code="PP2024",
        activity__code="GY.GYH.VERI",
        economic_code="01",
        source="butce_ici",
        year=2024,
    )
    assert (cost.measure, cost.amount) == ("budget", Decimal(2_531_727_000))
    assert cost.activity.sub_program.program.year == 2024
    # every responsible unit has a draft; the copy is trailed
    units = set(period.submissions.values_list("unit__code", flat=True))
    assert {"YGM", "YHGM", "UKGM"} <= units
    assert ChangeRecord.objects.filter(subject="preparation").count() > 20
    assert ChangeRecord.objects.count() > trail
    with pytest.raises(Refused, match="zaten var"):
        open_2024()
    with pytest.raises(Refused, match="programı yok"):
        preparation_open(user=user("strateji"), year=2031, deadline=SOON)
    with pytest.raises(PermissionDenied):
        preparation_open(user=user("veri.ygm"), year=2025, deadline=SOON)


def test_a_refused_opening_changes_nothing(site: MonitoringPeriod) -> None:
    before = (Program.objects.count(), ChangeRecord.objects.count(), Document.objects.count())
    with pytest.raises(Refused, match="geçmişte"):
        preparation_open(
            user=user("strateji"), year=2024, deadline=timezone.localdate() - datetime.timedelta(1)
        )
    assert (Program.objects.count(), ChangeRecord.objects.count(), Document.objects.count()) == (
        before
    )


def test_the_unit_form_shows_previous_figures_and_three_years(site: MonitoringPeriod) -> None:
    period = open_2024()
    form = prep_form(period, ygm())
    line = next(t for t in form.targets if t.code == "GYH-01")
    assert [c.year for c in line.cells] == [2024, 2025, 2026]
    assert [c.value for c in line.cells] == [Decimal(1_250_000), Decimal(1_200_000), None]
    assert (2023, "target", Decimal(1_280_000)) in line.before
    assert (2021, "actual", Decimal(1_244_779)) in line.before
    assert {t.code for t in form.targets} == {"GYH-01", "GYH-07", "GYH-10"}
    assert {(c.activity, c.economic_code) for c in form.costs} == {
        ("GY.GYH.DUZENLI", "03"),
        ("GY.GYH.DUZENLI", "05"),
    }
    line03 = form.costs[0]
    assert line03.before == Decimal(13_877_000)  # the 2023 budget beside
    assert [c.value for c in line03.cells] == [Decimal(16_367_000), Decimal(18_128_000), None]


def test_proposals_are_saved_trailed_and_conflicts_refused(site: MonitoringPeriod) -> None:
    period = open_2024()
    unit = ygm()
    cell = next(c for c in prep_cells(period, unit) if c.code == "GYH-01/2026")
    saved = preparation_save(
        user=user("veri.ygm"),
        period=period,
        unit=unit,
        entries=[EntryInput(cell.code, Decimal(1_150_000), None, None, "", cell.version)],
    )
    assert saved == 1
    value = PPIndicatorValue.objects.get(
        indicator__code="GYH-01", year=2026, measure="forecast", source="PP2024"
    )
    assert value.value == Decimal(1_150_000)
    change = ChangeRecord.objects.filter(subject="proposal").last()
    assert change is not None
    assert (change.key, change.old, change.new) == ("2024-PP/GYH-01/2026", "", "1150000")
    # the same version again: someone saved after the form was opened
    with pytest.raises(EntriesRefused) as refused:
        preparation_save(
            user=user("veri.ygm"),
            period=period,
            unit=unit,
            entries=[EntryInput(cell.code, Decimal(1_100_000), None, None, "", cell.version)],
        )
    assert refused.value.conflict
    # a negative cost is refused; nothing saved
    cost = next(c for c in prep_cells(period, unit) if c.kind == "cost")
    with pytest.raises(EntriesRefused) as negative:
        preparation_save(
            user=user("veri.ygm"),
            period=period,
            unit=unit,
            entries=[EntryInput(cost.code, Decimal(-5), None, None, "", cost.version)],
        )
    assert "negatif" in str(negative.value.errors[cost.code])
    # another unit's clerk cannot save YGM's proposal
    with pytest.raises(PermissionDenied):
        preparation_save(user=user("veri.ukgm"), period=period, unit=unit, entries=[])


def test_a_cost_is_proposed_and_emptied(site: MonitoringPeriod) -> None:
    period = open_2024()
    unit = Unit.objects.get(administration__code="goc-idaresi", code="YHGM")
    from karne.accounts.services import member_create
    from karne.core.workflow import Role

    member_create(
        administration="goc-idaresi",
        username="veri.yhgm",
        password="x" * 14,
        role=Role.CLERK,
        units=("YHGM",),
    )
    cell = next(c for c in prep_cells(period, unit) if c.code == "GY.GYH.VERI/01/butce_ici/2026")
    preparation_save(
        user=user("veri.yhgm"),
        period=period,
        unit=unit,
        entries=[EntryInput(cell.code, Decimal(3_000_000_000), None, None, "", 0)],
    )
    stored = ActivityCost.objects.get(document__code="PP2024", year=2026, economic_code="01")
    assert (stored.measure, stored.amount) == ("forecast", Decimal(3_000_000_000))
    cell = next(c for c in prep_cells(period, unit) if c.code == cell.code)
    assert cell.version == 1
    preparation_save(
        user=user("veri.yhgm"),
        period=period,
        unit=unit,
        entries=[EntryInput(cell.code, None, None, None, "", 1)],
    )
    assert not ActivityCost.objects.filter(document__code="PP2024", year=2026).exists()


def test_ceilings_totals_workflow_and_lock(site: MonitoringPeriod) -> None:
    period = open_2024()
    overview = prep_overview(period, user("strateji").membership)  # type: ignore[attr-defined]
    line = overview.lines[0]
    assert line.year == 2024
    assert line.ceiling is None
    assert not line.over
    internal = line.internal
    assert internal > 0
    # The units' lines and the activities without a responsible unit add up to the year's total.
    listed = sum((u.total for u in overview.units), Decimal(0))
    assert overview.unassigned > 0
    assert listed + overview.unassigned == line.total
    ceilings_set(user=user("strateji"), year=2024, ceilings={2024: internal - 1})
    over = prep_overview(period, user("strateji").membership).lines[0]  # type: ignore[attr-defined]
    assert over.over
    assert over.remaining == Decimal(-1)
    assert ChangeRecord.objects.filter(subject="ceiling", key="2024-PP/2024").exists()
    with pytest.raises(Refused, match="programın yıllarından"):
        ceilings_set(user=user("strateji"), year=2024, ceilings={2030: Decimal(1)})
    with pytest.raises(PermissionDenied):
        ceilings_set(user=user("amir.ygm"), year=2024, ceilings={2024: Decimal(1)})
    # the lock waits for every unit
    with pytest.raises(Refused, match="onaylanmamış"):
        preparation_lock(user=user("strateji"), year=2024)
    unit = ygm()
    submission = Submission.objects.get(period=period, unit=unit)
    with pytest.raises(Refused, match="eksikler"):
        submission_act(user=user("veri.ygm"), submission_id=submission.pk, action=Action.SUBMIT)
    preparation_save(
        user=user("veri.ygm"), period=period, unit=unit, entries=complete(period, unit)
    )
    for name, action in (
        ("veri.ygm", Action.SUBMIT),
        ("amir.ygm", Action.HEAD_APPROVE),
    ):
        submission_act(user=user(name), submission_id=submission.pk, action=action)
    submission_act(
        user=user("strateji"),
        submission_id=submission.pk,
        action=Action.ADMIN_RETURN,
        reason="2026 hedefi düşük",
    )
    submission.refresh_from_db()
    assert (submission.state, submission.comment) == ("draft", "2026 hedefi düşük")
    for name, action in (
        ("veri.ygm", Action.SUBMIT),
        ("amir.ygm", Action.HEAD_APPROVE),
        ("strateji", Action.ADMIN_APPROVE),
    ):
        submission_act(user=user(name), submission_id=submission.pk, action=action)
    Submission.objects.filter(period=period).exclude(pk=submission.pk).update(state="locked")
    with pytest.raises(Refused, match="tavanı aşıyor"):
        preparation_lock(user=user("strateji"), year=2024)
    ceilings_set(user=user("strateji"), year=2024, ceilings={2024: internal})
    locked = preparation_lock(user=user("strateji"), year=2024)
    assert locked.locked_at is not None
    assert ChangeRecord.objects.filter(subject="period", key="2024-PP", field="locked").exists()
    # nothing of a locked programme changes
    with pytest.raises(Refused, match="kilitli"):
        preparation_lock(user=user("strateji"), year=2024)
    with pytest.raises(Refused, match="kilitlendi"):
        ceilings_set(user=user("strateji"), year=2024, ceilings={2024: Decimal(1)})
    with pytest.raises(Refused, match="kilitlendi"):
        submission_act(
            user=user("strateji"), submission_id=submission.pk, action=Action.REOPEN, reason="x"
        )
    period.refresh_from_db()
    with pytest.raises(Refused, match="kilitlendi"):
        preparation_save(user=user("veri.ygm"), period=period, unit=unit, entries=[])


def test_pages_through_the_browser_forms(as_user: Callable[[str], Client]) -> None:
    admin = as_user("strateji")
    response = admin.post("/hazirlik/ac/", {"year": "2024", "deadline": SOON.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == OVERVIEW
    # the copied structure is the structure pages' like any other year's
    assert "2024/GY.GYH.DUZENLI" in admin.get("/yapi/").content.decode()
    assert admin.get("/yapi/faaliyet/2024/GY.GYH.DUZENLI/").status_code == 200
    clerk = as_user("veri.ygm")
    form = entry_form(clerk, YGM)
    assert form["value-GYH-01/2024"] == "1.250.000"
    form["value-GYH-01/2026"] = "1.100.000,5"
    response = clerk.post(YGM, form)
    assert response.status_code == 302
    assert PPIndicatorValue.objects.get(
        indicator__code="GYH-01", year=2026, source="PP2024"
    ).value == Decimal("1100000.5")
    # a stale form: 409, the stored value shown, nothing saved
    form["value-GYH-01/2026"] = "900.000"
    stale = clerk.post(YGM, form)
    assert stale.status_code == 409
    assert "1.100.000,5" in stale.content.decode()
    bad = dict(entry_form(clerk, YGM), **{"value-GYH-01/2026": "bir milyon"})
    assert clerk.post(YGM, bad).status_code == 400
    assert state_of(clerk, YGM) == "Taslak"
    # the strategy unit's ceilings in Turkish numbers
    ceilings = {"ceiling-2024": "5.000.000.000", "ceiling-2025": "", "ceiling-2026": ""}
    assert admin.post(f"{OVERVIEW}tavan/", ceilings).status_code == 302
    assert 'ceiling-2025" inputmode="decimal" value=""' in admin.get(OVERVIEW).content.decode()
    before = ChangeRecord.objects.count()
    assert admin.post(f"{OVERVIEW}tavan/", {"ceiling-2024": "beş"}).status_code == 302
    assert ChangeRecord.objects.count() == before  # a bad number: nothing changed
    page = admin.get(OVERVIEW).content.decode()
    assert "5.000.000.000" in page
    assert "YGM" in page
    # a reader sees the totals but not the forms; a clerk sees only their units, no totals
    reader = as_user("okur").get(OVERVIEW).content.decode()
    assert "ceiling-table" in reader
    assert 'id="unassigned"' in reader
    assert 'id="unassigned"' not in clerk.get(OVERVIEW).content.decode()  # no totals for a clerk
    assert "ceiling-form" not in reader
    own = clerk.get(OVERVIEW).content.decode()
    assert 'data-total="YGM">24.383.000,00<' in own  # 16.367.000 + 8.016.000 for 2024
    assert "ceiling-table" not in own
    assert 'data-unit="YHGM"' not in own
    # another unit's clerk is refused YGM's form
    assert as_user("veri.ukgm").get(YGM).status_code == 403
    assert as_user("veri.ukgm").post(YGM, form).status_code == 403


def test_the_dataset_still_round_trips(site: MonitoringPeriod, tmp_path: Path) -> None:
    period = open_2024()
    unit = ygm()
    preparation_save(
        user=user("veri.ygm"), period=period, unit=unit, entries=complete(period, unit)
    )
    first = tmp_path / "first"
    write_dataset(dataset_read(administration="goc-idaresi"), first)
    again = read_dataset(first)
    assert {s.year for s in again.program_structures} == {2023, 2024}
    second = tmp_path / "second"
    write_dataset(again, second)
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_another_administration_prepares_its_own_programme(
    as_user: Callable[[str], Client],
) -> None:
    from karne.accounts.services import member_create
    from karne.core.workflow import Role
    from karne.datasets.services import dataset_load
    from tests.audit.factory import clean_dataset

    dataset_load(dataset=clean_dataset())
    member_create(
        administration="test-idare", username="test.admin", password="x" * 14, role=Role.ADMIN
    )
    base = max(
        Program.objects.filter(administration__code="test-idare").values_list("year", flat=True)
    )
    period = preparation_open(user=user("test.admin"), year=base + 1, deadline=SOON)
    assert period.administration.code == "test-idare"
    units = set(period.submissions.values_list("unit__code", flat=True))
    assert units
    assert "YGM" not in units
    assert Activity.objects.filter(
        sub_program__program__administration__code="test-idare",
        sub_program__program__year=base + 1,
    ).exists()
    # the reference administration is untouched, and may still prepare the same year
    reference = Administration.objects.get(code="goc-idaresi")
    assert not Program.objects.filter(administration=reference, year=base + 1).exists()
    assert as_user("strateji").get(f"/hazirlik/{base + 1}/").status_code == 404
    assert as_user("test.admin").get(f"/hazirlik/{base + 1}/").status_code == 200
    # each of its units proposes, goes through the workflow, and the programme is locked
    for submission in period.submissions.select_related("unit"):
        unit = submission.unit
        for name, role in ((f"veri.{unit.code}", Role.CLERK), (f"amir.{unit.code}", Role.HEAD)):
            member_create(
                administration="test-idare",
                username=name,
                password="x" * 14,
                role=role,
                units=(unit.code,),
            )
        preparation_save(
            user=user(f"veri.{unit.code}"), period=period, unit=unit, entries=complete(period, unit)
        )
        for name, action in (
            (f"veri.{unit.code}", Action.SUBMIT),
            (f"amir.{unit.code}", Action.HEAD_APPROVE),
            ("test.admin", Action.ADMIN_APPROVE),
        ):
            submission_act(user=user(name), submission_id=submission.pk, action=action)
    assert preparation_lock(user=user("test.admin"), year=base + 1).locked_at is not None


def test_the_pages_speak_english_on_request(as_user: Callable[[str], Client]) -> None:
    admin = as_user("strateji")
    admin.post("/hazirlik/ac/", {"year": "2024", "deadline": SOON.isoformat()})
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = admin.get(OVERVIEW).content.decode()
    assert "2024 · Performance programme preparation" in admin.get("/").content.decode()
    assert "Budget ceilings" in page
    assert "Lock the programme" in page
    clerk = as_user("veri.ygm")
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    form = clerk.get(YGM).content.decode()
    assert "2023 target: 1,280,000" in form  # figures in the page's language
    assert "Activity costs (TRY)" in form
    again = admin.post("/hazirlik/ac/", {"year": "2024", "deadline": SOON.isoformat()}, follow=True)
    assert "already has a programme or a preparation" in again.content.decode()


def test_preparing_the_next_year_leaves_the_year_as_it_was(site: MonitoringPeriod) -> None:
    """The 2023 evaluation (indicators, budget, SP) reads its own programme only: opening and
    proposing 2024 changes none of its figures."""
    from karne.core.evaluation import evaluate
    from karne.core.evaluation_json import evaluation_to_json

    before = evaluation_to_json(evaluate(dataset_read(administration="goc-idaresi"), 2023))
    period = open_2024()
    unit = ygm()
    preparation_save(
        user=user("veri.ygm"), period=period, unit=unit, entries=complete(period, unit)
    )
    after = evaluation_to_json(evaluate(dataset_read(administration="goc-idaresi"), 2023))
    assert after == before


def test_a_kept_page_is_never_shown_after_a_change(as_user: Callable[[str], Client]) -> None:
    """The pages are kept under the administration's revision (karne/web/page_cache.py): a
    proposal, a ceiling and a workflow move each renew it."""
    admin, clerk = as_user("strateji"), as_user("veri.ygm")
    admin.post("/hazirlik/ac/", {"year": "2024", "deadline": SOON.isoformat()})
    assert 'data-total="YGM">24.383.000,00<' in admin.get(OVERVIEW).content.decode()
    form = entry_form(clerk, YGM)
    form["value-GY.GYH.DUZENLI/03/butce_ici/2024"] = "17.367.000"
    assert clerk.post(YGM, form).status_code == 302
    assert 'data-total="YGM">25.383.000,00<' in admin.get(OVERVIEW).content.decode()
    assert 'value="17.367.000"' in clerk.get(YGM).content.decode()
    admin.post(f"{OVERVIEW}tavan/", {"ceiling-2024": "1"})
    assert "tavan aşıldı" in admin.get(OVERVIEW).content.decode()
    assert "tavan aşıldı" not in clerk.get(OVERVIEW).content.decode()  # no totals for a clerk


def test_ceilings_are_typed_and_shown_in_the_page_s_language(
    as_user: Callable[[str], Client],
) -> None:
    """ "1,234" on an English page and "1.234" on a Turkish one are both 1234; the input is
    pre-filled the page's way, so the figure typed back reads the same."""
    admin = as_user("strateji")
    admin.post("/hazirlik/ac/", {"year": "2024", "deadline": SOON.isoformat()})
    period = MonitoringPeriod.objects.get(
        administration__code="goc-idaresi", year=2024, kind=PeriodKind.PREPARATION.value
    )

    def ceiling() -> Decimal | None:
        membership = user("strateji").membership  # type: ignore[attr-defined]
        return prep_overview(period, membership).lines[0].ceiling

    assert admin.post(f"{OVERVIEW}tavan/", {"ceiling-2024": "1.234"}).status_code == 302
    assert ceiling() == Decimal(1234)
    assert f"{SOON:%d.%m.%Y}" in admin.get(OVERVIEW).content.decode()
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert admin.post(f"{OVERVIEW}tavan/", {"ceiling-2024": "1,234.5"}).status_code == 302
    assert ceiling() == Decimal("1234.5")
    assert admin.post(f"{OVERVIEW}tavan/", {"ceiling-2024": "1,234"}).status_code == 302
    assert ceiling() == Decimal(1234)
    page = admin.get(OVERVIEW).content.decode()
    assert 'name="ceiling-2024" inputmode="decimal" value="1,234"' in page
    assert f"{SOON:%b} {SOON.day}, {SOON.year}" in page  # the deadline the English way
    refused = admin.post(f"{OVERVIEW}tavan/", {"ceiling-2024": "1234,5"}, follow=True)
    assert "“1234,5” is not a number (example: 1,234.5)." in refused.content.decode()
    assert ceiling() == Decimal(1234)


def test_an_english_proposal_form_is_filled_and_read_in_english(
    as_user: Callable[[str], Client],
) -> None:
    as_user("strateji").post("/hazirlik/ac/", {"year": "2024", "deadline": SOON.isoformat()})
    clerk = as_user("veri.ygm")
    clerk.post("/i18n/setlang/", {"language": "en", "next": "/"})
    form = entry_form(clerk, YGM)
    assert form["value-GYH-01/2024"] == "1,250,000"
    form["value-GYH-01/2026"] = "1,100,000.5"
    assert clerk.post(YGM, form).status_code == 302
    assert PPIndicatorValue.objects.get(
        indicator__code="GYH-01", year=2026, source="PP2024"
    ).value == Decimal("1100000.5")
    assert entry_form(clerk, YGM)["value-GYH-01/2026"] == "1,100,000.5"
