"""Activity costs (plan) and budget execution (actuals) by economic code, activity and unit."""

from __future__ import annotations

from django.db import models

from karne.core import records
from karne.core.budget import BudgetSource
from karne.core.records import CostMeasure
from karne.db.fields import ExactDecimalField
from karne.db.models import OrderedRecord
from karne.organisation.models import Administration, Document, Unit
from karne.planning.models import Activity

_SOURCES = [(s.value, s.label_tr) for s in BudgetSource]


class ActivityCost(OrderedRecord):
    record = records.ActivityCost

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="costs")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    economic_code = models.CharField(max_length=2)
    source = models.CharField(max_length=20, choices=_SOURCES)
    measure = models.CharField(max_length=20, choices=[(m.value, m.value) for m in CostMeasure])
    amount = ExactDecimalField()


class BudgetEconomic(OrderedRecord):
    record = records.BudgetEconomic

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="budget_economic"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    economic_code = models.CharField(max_length=2)
    source = models.CharField(max_length=20, choices=_SOURCES)
    kbo = ExactDecimalField()
    added = ExactDecimalField(null=True, blank=True)
    deducted = ExactDecimalField(null=True, blank=True)
    spent = ExactDecimalField(null=True, blank=True)


class BudgetActivity(OrderedRecord):
    record = records.BudgetActivity

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="execution")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    kbo = ExactDecimalField()
    total_appropriation = ExactDecimalField()
    spent = ExactDecimalField()


class BudgetUnit(OrderedRecord):
    record = records.BudgetUnit

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="execution")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    kbo = ExactDecimalField()
    total_appropriation = ExactDecimalField()
    spent = ExactDecimalField()


class BudgetCarryover(OrderedRecord):
    record = records.BudgetCarryover

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="budget_carryover"
    )
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    from_year = models.PositiveIntegerField()
    purpose = models.TextField()
    amount = ExactDecimalField()
