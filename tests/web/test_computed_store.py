"""Figures computed from the events, stored as proposals; restatements of sent quarters."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.test import Client

from karne.core.workflow import State
from karne.monitoring.errors import Refused
from karne.monitoring.models import (
    ChangeRecord,
    ComputedFigure,
    MonitoringPeriod,
    Realization,
    Restatement,
    Submission,
)
from karne.monitoring.services.computed import (
    FigureInput,
    figure_stamps,
    figures_store,
    restatement_decide,
)


def user(name: str) -> AbstractBaseUser:
    return get_user_model().objects.get(username=name)


def figure(
    code: str = "GYH-11", quarter: int = 1, value: int = 13118, fingerprint: str = "sha256:a"
) -> FigureInput:
    return FigureInput(
        indicator=code,
        year=2023,
        quarter=quarter,
        value=Decimal(value),
        definition="uk-sonuclandirilan",
        definition_hash="sha256:d",
        fingerprint=fingerprint,
        provenance={"engine": "duckdb", "matched_rows": value},
        breakdowns={"sex": {"F": value - 1, "unknown": 1}},
    )


def test_a_figure_is_stored_once_and_again_only_when_its_stamp_changes(
    site: MonitoringPeriod,
) -> None:
    admin = user("strateji")
    assert (
        figures_store(user=admin, figures=[figure(), figure(quarter=2, value=15310)]).created == 2
    )
    again = figures_store(user=admin, figures=[figure(), figure(quarter=2, value=15310)])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    newer = figures_store(user=admin, figures=[figure(fingerprint="sha256:b")])
    assert (newer.updated, newer.unchanged) == (1, 0)
    stored = ComputedFigure.objects.get(indicator__code="GYH-11", period="Q1")
    assert (stored.value, stored.fingerprint) == (Decimal(13118), "sha256:b")
    assert stored.breakdowns == {"sex": {"F": 13117, "unknown": 1}}
    assert figure_stamps(admin, 2023) == {
        ("GYH-11", 2023, 1): ("sha256:d", "sha256:b"),
        ("GYH-11", 2023, 2): ("sha256:d", "sha256:a"),
    }
    trail = ChangeRecord.objects.filter(subject="computed", key="GYH-11/2023/Q1")
    assert [(c.old, c.new) for c in trail] == [("", "13118"), ("13118", "13118")]
    # a proposal, not the entry: the unit's value is as it was
    assert Realization.objects.get(indicator__code="GYH-11", period="Q1").value == Decimal(13118)


def test_one_quarter_stored_leaves_the_others(site: MonitoringPeriod) -> None:
    admin = user("strateji")
    figures_store(user=admin, figures=[figure(quarter=q, value=q) for q in (1, 2, 3, 4)])
    figures_store(user=admin, figures=[figure(quarter=4, value=40, fingerprint="sha256:z")])
    values = dict(
        ComputedFigure.objects.filter(indicator__code="GYH-11").values_list("period", "value")
    )
    assert values == {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 40}


def test_an_indicator_the_programme_lacks_refuses_the_whole_store(site: MonitoringPeriod) -> None:
    with pytest.raises(Refused, match="YOK-99"):
        figures_store(user=user("strateji"), figures=[figure(), figure(code="YOK-99")])
    assert not ComputedFigure.objects.exists()


def test_only_the_strategy_unit_stores_figures(site: MonitoringPeriod) -> None:
    for name in ("veri.ukgm", "amir.ygm", "okur"):
        with pytest.raises(PermissionDenied):
            figures_store(user=user(name), figures=[figure()])
    assert not ComputedFigure.objects.exists()


def test_a_different_figure_for_an_open_quarter_is_only_a_proposal(
    site: MonitoringPeriod,
) -> None:
    figures_store(user=user("strateji"), figures=[figure(value=13000)])
    assert not Restatement.objects.exists()


def sent(site: MonitoringPeriod, unit: str, state: State) -> None:
    Submission.objects.filter(period=site, unit__code=unit).update(state=state.value)


def test_a_different_figure_for_a_sent_quarter_is_a_restatement_once(
    site: MonitoringPeriod,
) -> None:
    sent(site, "UKGM", State.LOCKED)
    admin = user("strateji")
    assert figures_store(user=admin, figures=[figure(value=13000)]).restatements == 1
    assert (
        figures_store(user=admin, figures=[figure(value=13000, fingerprint="b")]).restatements == 0
    )
    restatement = Restatement.objects.get()
    assert (restatement.stored, restatement.computed, restatement.state) == (
        Decimal(13118),
        Decimal(13000),
        "open",
    )
    # equal figures restate nothing
    assert figures_store(user=admin, figures=[figure(quarter=1, value=13118)]).restatements == 0
    assert Realization.objects.get(indicator__code="GYH-11", period="Q1").value == Decimal(13118)


def test_the_strategy_unit_accepts_a_restatement_with_a_reason(site: MonitoringPeriod) -> None:
    sent(site, "UKGM", State.LOCKED)
    admin = user("strateji")
    figures_store(user=admin, figures=[figure(value=13000)])
    restatement = Restatement.objects.get()
    with pytest.raises(Refused, match="gerekçe"):
        restatement_decide(user=admin, restatement=restatement.pk, accept=True, reason=" ")
    with pytest.raises(PermissionDenied):
        restatement_decide(
            user=user("veri.ukgm"), restatement=restatement.pk, accept=True, reason="x"
        )
    restatement_decide(
        user=admin, restatement=restatement.pk, accept=True, reason="GöçNet kaydı düzeltildi."
    )
    value = Realization.objects.get(indicator__code="GYH-11", period="Q1")
    assert (value.value, value.version) == (Decimal(13000), 1)
    trail = ChangeRecord.objects.get(subject="realization", key="GYH-11/2023/Q1")
    assert (trail.old, trail.new, trail.reason) == ("13118", "13000", "GöçNet kaydı düzeltildi.")
    with pytest.raises(Refused, match="karar verilmiş"):
        restatement_decide(user=admin, restatement=restatement.pk, accept=False, reason="x")


def test_a_dismissed_restatement_leaves_the_value(site: MonitoringPeriod) -> None:
    sent(site, "UKGM", State.SUBMITTED)
    admin = user("strateji")
    figures_store(user=admin, figures=[figure(value=13000)])
    restatement = Restatement.objects.get()
    restatement_decide(
        user=admin, restatement=restatement.pk, accept=False, reason="Mükerrer kayıtlar sayılmış."
    )
    assert Restatement.objects.get().state == "dismissed"
    assert Realization.objects.get(indicator__code="GYH-11", period="Q1").value == Decimal(13118)
    assert ChangeRecord.objects.filter(subject="restatement", field="state").count() == 1


def test_the_indicator_page_s_history_names_a_stored_figure_as_a_person_reads_it(
    site: MonitoringPeriod, as_user: Callable[[str], Client]
) -> None:
    figures_store(user=user("strateji"), figures=[figure()])
    page = as_user("strateji").get("/gosterge/GYH-11/").content.decode()
    history = page[page.index("Değişiklik geçmişi") :]
    row = re.search(r"<tr><td>[^<]*</td><td>strateji</td>(.*?)</tr>", history)
    assert row is not None
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert cells == [
        "2023 · 1. Üç Aylık",
        "Hesaplanan değer",
        "",
        "13.118",
        "olaylardan hesaplandı (karne indicators compute)",
    ]
