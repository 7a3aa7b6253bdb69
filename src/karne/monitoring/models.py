"""What the spending units report, period by period, the workflow of each unit's submission,
and the append-only trail of every change."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext

from karne.core import records
from karne.core.periods import QUARTERS, PeriodCode, PeriodKind, SPPeriodCode
from karne.core.workflow import State
from karne.db.fields import ExactDecimalField
from karne.db.models import OrderedRecord
from karne.organisation.models import Administration, Unit
from karne.planning.models import PPIndicator, SPIndicator


class Realization(OrderedRecord):
    record = records.Realization

    indicator = models.ForeignKey(
        PPIndicator, on_delete=models.CASCADE, related_name="realizations"
    )
    year = models.PositiveIntegerField()
    period = models.CharField(max_length=2, choices=[(p.value, p.value) for p in PeriodCode])
    value = ExactDecimalField(null=True, blank=True)
    numerator = ExactDecimalField(null=True, blank=True)
    denominator = ExactDecimalField(null=True, blank=True)
    explanation = models.TextField(blank=True)
    correction = models.TextField(blank=True)  # a printed slip this value corrects, and why
    # Optimistic concurrency: a save names the version it started from (no lost updates).
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta(OrderedRecord.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="realization_period_unique"
            )
        ]


class MonitoringPeriod(models.Model):
    """A period opened by the strategy unit for entry, with its deadline: a quarter of the
    performance programme, or a strategic-plan half-year or year-end (`kind`). Either is its
    year and the quarter it closes with (an SP half-year closes with the 2nd, its year-end with
    the 4th), and either moves its units' submissions through the same workflow."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="periods"
    )
    kind = models.CharField(
        max_length=20,
        choices=[(k.value, k.value) for k in PeriodKind],
        default=PeriodKind.QUARTER.value,
    )
    year = models.PositiveIntegerField()
    quarter = models.PositiveSmallIntegerField(
        choices=[(p.quarter, p.label_tr) for p in QUARTERS if p.quarter is not None]
    )
    deadline = models.DateField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    # A preparation's programme, once the strategy unit has locked it: nothing of it changes.
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "kind", "year", "quarter"], name="period_unique"
            )
        ]

    def __str__(self) -> str:
        """As the pages name it, in the person's language ("2023 · 1. Üç Aylık", "2023 · SP
        izleme · 1. Altı Aylık")."""
        if self.is_sp:
            return f"{self.year} · {gettext('SP izleme')} · {gettext(self.sp_code.label_tr)}"
        if self.is_preparation:
            return f"{self.year} · {gettext('Performans programı hazırlığı')}"
        return f"{self.year} · {gettext(self.code.label_tr)}"

    @property
    def is_sp(self) -> bool:
        return self.kind == PeriodKind.SP.value

    @property
    def is_preparation(self) -> bool:
        """The preparation of the performance programme of `year` (stored with quarter 1)."""
        return self.kind == PeriodKind.PREPARATION.value

    @property
    def code(self) -> PeriodCode:
        return PeriodCode(f"Q{self.quarter}")

    @property
    def sp_code(self) -> SPPeriodCode:
        return SPPeriodCode.closing_with(self.quarter)

    @property
    def key(self) -> str:
        """The period in the change trail: "2023-Q1", "2023-SP-H1", "2023-SP-Y"."""
        if self.is_sp:
            return f"{self.year}-SP-{self.sp_code.value}"
        if self.is_preparation:
            return f"{self.year}-PP"
        return f"{self.year}-Q{self.quarter}"


class BudgetCeiling(models.Model):
    """The budget ceiling the strategy unit enters for one year of a programme in
    preparation: the budget-internal costs proposed for that year are held against it."""

    period = models.ForeignKey(MonitoringPeriod, on_delete=models.CASCADE, related_name="ceilings")
    year = models.PositiveIntegerField()
    amount = ExactDecimalField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "year"], name="budget_ceiling_unique")
        ]

    def __str__(self) -> str:
        return f"{self.period_id}/{self.year}"


class SPRealization(models.Model):
    """A strategic-plan indicator's value (C) at a monitoring point of a year, with the reason
    for any deviation, as its unit entered it. The strategy unit's approval makes the value the
    year's actual (`SPIndicatorValue.actual`), which the SP evaluation, the documents and the
    dataset read; this row keeps what each monitoring point reported, and who entered it."""

    indicator = models.ForeignKey(
        SPIndicator, on_delete=models.CASCADE, related_name="realizations"
    )
    year = models.PositiveIntegerField()
    period = models.CharField(max_length=2, choices=[(p.value, p.value) for p in SPPeriodCode])
    value = ExactDecimalField(null=True, blank=True)
    explanation = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)  # optimistic concurrency, as Realization
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="sp_realization_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.year}/{self.period}"


class Submission(models.Model):
    """One unit's entries for one period, moving through the workflow."""

    period = models.ForeignKey(
        MonitoringPeriod, on_delete=models.CASCADE, related_name="submissions"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="submissions")
    state = models.CharField(
        max_length=20, choices=[(s.value, s.value) for s in State], default=State.DRAFT.value
    )
    comment = models.TextField(blank=True)  # the last return or reopen reason
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="submission_unique")]

    def __str__(self) -> str:
        return f"{self.period} {self.unit.code}: {self.state}"

    @property
    def state_enum(self) -> State:
        return State(self.state)


class AppendOnlyQuerySet(models.QuerySet["ChangeRecord"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("the change trail is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the change trail is append-only")


class ChangeRecord(models.Model):
    """Who changed what, when, from what to what, and why. Never updated, never deleted."""

    # PROTECT: an administration with a change trail cannot be wiped by a dataset reload.
    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, related_name="changes"
    )
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(max_length=150)  # kept even if the user is deleted
    subject = models.CharField(max_length=30)  # realization | target | weight | submission | period
    key = models.CharField(max_length=200)  # "GYH-01/2023/Q1", "2023-Q1/YGM"
    field = models.CharField(max_length=50)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    reason = models.TextField(blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.subject} {self.key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the change trail is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("the change trail is append-only")


class ComputedFigure(models.Model):
    """The latest figure computed from the operational events for one indicator's quarter
    (`karne indicators compute --store`): a proposal beside the unit's entry, never the entry
    itself. The clerk accepts it or overrides it with a reason; its provenance says how it was
    computed, so anyone can repeat it. `definition_hash` and `fingerprint` (of the event files
    that can hold the quarter's rows) tell the next computation whether it must compute again."""

    indicator = models.ForeignKey(PPIndicator, on_delete=models.CASCADE, related_name="computed")
    year = models.PositiveIntegerField()
    period = models.CharField(max_length=2, choices=[(p.value, p.value) for p in PeriodCode])
    value = ExactDecimalField(null=True, blank=True)  # None: a ratio whose denominator is 0
    numerator = ExactDecimalField(null=True, blank=True)
    denominator = ExactDecimalField(null=True, blank=True)
    definition = models.CharField(max_length=100)
    definition_hash = models.CharField(max_length=80)
    fingerprint = models.CharField(max_length=80)
    provenance = models.JSONField(default=dict)  # query, engine and versions, files, rows
    breakdowns = models.JSONField(default=dict)  # {"province": {"34": 120, …}, …}
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="computed_figure_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id}/{self.year}/{self.period} = {self.value}"


class RestatementState(models.TextChoices):
    OPEN = "open"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class Restatement(models.Model):
    """A computed figure that differs from the value of a quarter no longer open to its unit
    (submitted, approved or locked): recorded instead of written over the value, for the
    strategy unit to accept (the value becomes the computed one, trailed) or dismiss, each with
    a reason."""

    figure = models.ForeignKey(
        ComputedFigure, on_delete=models.CASCADE, related_name="restatements"
    )
    stored = ExactDecimalField(null=True, blank=True)  # the quarter's value when it was found
    computed = ExactDecimalField(null=True, blank=True)
    fingerprint = models.CharField(max_length=80)
    found_at = models.DateTimeField()
    state = models.CharField(
        max_length=10, choices=RestatementState.choices, default=RestatementState.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["found_at", "pk"]

    def __str__(self) -> str:
        return f"{self.figure}: {self.stored} → {self.computed} ({self.state})"


class DefinitionSet(models.Model):
    """The administration's `indicator_definitions.yaml` as written (comments kept): loaded with
    its dataset, exported again unchanged, read by `karne indicators compute --store`."""

    administration = models.OneToOneField(
        Administration, on_delete=models.CASCADE, related_name="definition_set"
    )
    text = models.TextField()

    def __str__(self) -> str:
        return f"{self.administration_id}: indicator definitions"
