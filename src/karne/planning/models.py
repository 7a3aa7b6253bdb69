"""The strategic plan and the yearly performance program: aims, objectives, indicators,
programs, sub-programs and activities."""

from __future__ import annotations

from enum import StrEnum

from django.db import models

from karne.core import records
from karne.core.indicators import Direction, IndicatorKind
from karne.core.records import ValueMeasure
from karne.db.fields import ExactDecimalField
from karne.db.models import OrderedRecord
from karne.organisation.models import Administration, Unit


def _choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(member.value, member.value) for member in enum]


class StrategicPlan(OrderedRecord):
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="strategic_plans"
    )
    code = models.CharField(max_length=64)
    title = models.TextField(blank=True)
    start_year = models.PositiveIntegerField()
    end_year = models.PositiveIntegerField()


class Aim(OrderedRecord):
    plan = models.ForeignKey(StrategicPlan, on_delete=models.CASCADE, related_name="aims")
    code = models.CharField(max_length=64)
    title = models.TextField(blank=True)
    statement = models.TextField(blank=True)


class Objective(OrderedRecord):
    aim = models.ForeignKey(Aim, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=64)
    short_title = models.TextField(blank=True)
    statement = models.TextField(blank=True)
    # Unit codes in the order the plan lists them (validated against the units on load).
    responsible_units = models.JSONField(default=list, blank=True)
    coordinating_units = models.JSONField(default=list, blank=True)
    deviation_reason = models.TextField(blank=True)
    measures = models.TextField(blank=True)


class SPIndicator(OrderedRecord):
    record = records.SPIndicator

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=64)
    name = models.TextField()
    unit = models.TextField(blank=True)
    weight = ExactDecimalField()
    baseline = ExactDecimalField(null=True, blank=True)
    direction = models.CharField(max_length=10, choices=_choices(Direction))
    sort = models.IntegerField(default=0)
    relevance = models.TextField(blank=True, default="")
    effectiveness = models.TextField(blank=True, default="")
    efficiency = models.TextField(blank=True, default="")
    sustainability = models.TextField(blank=True, default="")


class SPIndicatorValue(OrderedRecord):
    record = records.SPIndicatorValue

    indicator = models.ForeignKey(SPIndicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveIntegerField()
    target = ExactDecimalField(null=True, blank=True)
    actual = ExactDecimalField(null=True, blank=True)

    class Meta(OrderedRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="sp_value_unique")
        ]


class Program(OrderedRecord):
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="programs"
    )
    year = models.PositiveIntegerField()
    code = models.CharField(max_length=64)
    name = models.TextField()

    class Meta(OrderedRecord.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "year", "code"], name="program_code_unique"
            )
        ]


class SubProgram(OrderedRecord):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="sub_programs")
    code = models.CharField(max_length=64)
    name = models.TextField()
    rationale = models.TextField(blank=True)
    objective_statement = models.TextField(blank=True)


class SubProgramObjective(OrderedRecord):
    sub_program = models.ForeignKey(SubProgram, on_delete=models.CASCADE, related_name="objectives")
    code = models.CharField(max_length=64)
    text = models.TextField(blank=True)
    sp_aims = models.JSONField(default=list, blank=True)


class Activity(OrderedRecord):
    sub_program = models.ForeignKey(SubProgram, on_delete=models.CASCADE, related_name="activities")
    code = models.CharField(max_length=64)
    name = models.TextField()
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="activities"
    )
    description = models.TextField(blank=True)
    objectives = models.JSONField(default=list, blank=True)  # sub-program objective codes


class PPIndicator(OrderedRecord):
    record = records.PPIndicator

    sub_program = models.ForeignKey(SubProgram, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=64)
    year = models.PositiveIntegerField()
    sort = models.IntegerField(default=0)
    name = models.TextField()
    unit = models.TextField()
    kind = models.CharField(max_length=10, choices=_choices(IndicatorKind))
    direction = models.CharField(max_length=10, choices=_choices(Direction))
    description = models.TextField(blank=True)
    calculation_method = models.TextField(blank=True)
    data_source = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responsible_administration = models.TextField(blank=True)
    responsible_unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="pp_indicators"
    )
    sp_indicator = models.ForeignKey(
        SPIndicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )


class PPIndicatorValue(OrderedRecord):
    record = records.PPIndicatorValue

    indicator = models.ForeignKey(PPIndicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveIntegerField()
    measure = models.CharField(max_length=10, choices=_choices(ValueMeasure))
    value = ExactDecimalField()
    source = models.CharField(max_length=64)
