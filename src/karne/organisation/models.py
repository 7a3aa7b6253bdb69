"""The administration, its units and the documents it publishes."""

from __future__ import annotations

import secrets

from django.db import models

from karne.core import records
from karne.core.records import DocumentKind, UnitLocation
from karne.db.models import OrderedRecord


def new_revision() -> int:
    return secrets.randbits(62)


class Administration(models.Model):
    """`revision` changes (to a new random number, so a restored database never repeats one) in
    the transaction of every change of the administration's data: pages cache what they show
    under it (karne/web/page_cache.py)."""

    code = models.SlugField(max_length=64, unique=True)
    name = models.TextField()
    short_name = models.TextField(blank=True)
    parent = models.TextField(blank=True)
    address = models.TextField(blank=True)
    mission = models.TextField(blank=True)
    vision = models.TextField(blank=True)
    values = models.JSONField(default=list, blank=True)
    duties = models.JSONField(default=list, blank=True)
    policy = models.JSONField(default=dict, blank=True)
    revision = models.BigIntegerField(default=new_revision, editable=False)

    def __str__(self) -> str:
        return self.name


class Abbreviation(OrderedRecord):
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="abbreviations"
    )
    code = models.CharField(max_length=50)
    meaning = models.TextField()
    documents = models.JSONField(default=list, blank=True)


class Document(OrderedRecord):
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="documents"
    )
    code = models.CharField(max_length=64)
    kind = models.CharField(max_length=30, choices=[(k.value, k.value) for k in DocumentKind])
    year = models.PositiveIntegerField()
    title = models.TextField(blank=True)
    tables = models.JSONField(default=list, blank=True)  # [[label, table kind], …] in order
    date = models.TextField(blank=True)  # as the cover prints it ("Şubat 2024")

    class Meta(OrderedRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["administration", "code"], name="document_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


class Unit(OrderedRecord):
    record = records.Unit

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="units"
    )
    code = models.CharField(max_length=64)
    name = models.TextField()
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    location = models.CharField(max_length=20, choices=[(k.value, k.value) for k in UnitLocation])
    is_spending_unit = models.BooleanField(default=False)
    sort = models.IntegerField(default=0)
    valid_from = models.PositiveIntegerField(null=True, blank=True)
    valid_to = models.PositiveIntegerField(null=True, blank=True)

    class Meta(OrderedRecord.Meta):
        constraints = [
            models.UniqueConstraint(fields=["administration", "code"], name="unit_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Duty(OrderedRecord):
    """A unit's duty (the administration's own are its top unit's), with its years."""

    record = records.Duty

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="duties")
    text = models.TextField()
    valid_from = models.PositiveIntegerField(null=True, blank=True)
    valid_to = models.PositiveIntegerField(null=True, blank=True)
