"""What the spending units report for their indicators, period by period."""

from __future__ import annotations

from django.db import models

from karne.core.periods import PeriodCode
from karne.db.fields import ExactDecimalField
from karne.db.models import OrderedRecord
from karne.planning.models import PPIndicator


class Realization(OrderedRecord):
    indicator = models.ForeignKey(
        PPIndicator, on_delete=models.CASCADE, related_name="realizations"
    )
    year = models.PositiveIntegerField()
    period = models.CharField(max_length=2, choices=[(p.value, p.value) for p in PeriodCode])
    value = ExactDecimalField(null=True, blank=True)
    numerator = ExactDecimalField(null=True, blank=True)
    denominator = ExactDecimalField(null=True, blank=True)
    explanation = models.TextField(blank=True)

    class Meta(OrderedRecord.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "period"], name="realization_period_unique"
            )
        ]
