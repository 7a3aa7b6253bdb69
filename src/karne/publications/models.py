"""What the published documents say: resources, narrative sections, and the printed layer
(derived figures and text claims as printed, kept for the audit)."""

from __future__ import annotations

from django.db import models

from karne.core import records
from karne.core.records import ResourceCategory
from karne.db.fields import ExactDecimalField
from karne.db.models import OrderedRecord
from karne.organisation.models import Document


class Resource(OrderedRecord):
    record = records.Resource

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="resources")
    table = models.CharField(max_length=100)
    category = models.CharField(
        max_length=20, choices=[(c.value, c.value) for c in ResourceCategory]
    )
    item = models.CharField(max_length=300)
    value = ExactDecimalField()
    unit = models.CharField(max_length=50, blank=True)
    note = models.TextField(blank=True)


class NarrativeSection(OrderedRecord):
    record_fields = {"id": "section_id", "parent": "parent_id_text"}

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    section_id = models.CharField(max_length=200)
    parent_id_text = models.CharField(max_length=200, blank=True)
    number = models.CharField(max_length=30, blank=True)
    title = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    items = models.JSONField(default=list, blank=True)
    signatory = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    place = models.CharField(max_length=100, blank=True)
    date = models.CharField(max_length=100, blank=True)


class TocEntry(OrderedRecord):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="toc")
    title = models.CharField(max_length=500)
    page = models.CharField(max_length=20, blank=True)
    list = models.CharField(max_length=20, blank=True)


class Claim(OrderedRecord):
    record = records.Claim

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="claims")
    section = models.CharField(max_length=200)
    claim = models.CharField(max_length=200)
    metric = models.CharField(max_length=200)
    value = models.CharField(max_length=200)
    as_printed = models.CharField(max_length=500)


class PrintedFigure(OrderedRecord):
    record = records.PrintedFigure

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="printed")
    table = models.CharField(max_length=100)
    row = models.CharField(max_length=300)
    column = models.CharField(max_length=100)
    value = models.TextField(blank=True)
    as_printed = models.TextField(blank=True)
