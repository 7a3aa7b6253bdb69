"""What the published documents say: resources, narrative sections, and the printed layer
(derived figures and text claims as printed, kept for the audit)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from karne.core import records
from karne.core.records import ResourceCategory
from karne.core.section_flow import SectionState
from karne.db.fields import ExactDecimalField
from karne.db.models import OrderedRecord
from karne.organisation.models import Document, Unit


class Resource(OrderedRecord):
    record = records.Resource

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="resources")
    table = models.TextField()
    category = models.CharField(
        max_length=20, choices=[(c.value, c.value) for c in ResourceCategory]
    )
    item = models.TextField()
    value = ExactDecimalField()
    unit = models.TextField(blank=True)
    note = models.TextField(blank=True)


class NarrativeSection(OrderedRecord):
    record_fields = {"id": "section_id", "parent": "parent_id_text"}

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="sections")
    section_id = models.CharField(max_length=200)
    parent_id_text = models.CharField(max_length=200, blank=True)
    number = models.TextField(blank=True)
    title = models.TextField()
    summary = models.TextField(blank=True)
    items = models.JSONField(default=list, blank=True)
    signatory = models.TextField(blank=True)
    signatory_title = models.TextField(blank=True)
    place = models.TextField(blank=True)
    date = models.TextField(blank=True)


class SectionWork(models.Model):
    """Who writes a section and where its text is: the draft being written beside the approved
    text the documents print (`NarrativeSection.summary`). Not part of the dataset format: like
    a quarter's submission, it is the work of the year, not the administration's data."""

    section = models.OneToOneField(NarrativeSection, on_delete=models.CASCADE, related_name="work")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True)
    state = models.CharField(
        max_length=12,
        choices=[(s.value, s.value) for s in SectionState],
        default=SectionState.APPROVED.value,
    )
    draft = models.TextField(blank=True)
    note = models.TextField(blank=True)  # the strategy unit's note when it returns the text
    version = models.PositiveIntegerField(default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.section} ({self.state})"


class SectionRevision(models.Model):
    """Every saved or moved version of a section's text: its history, newest last."""

    section = models.ForeignKey(
        NarrativeSection, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    body = models.TextField(blank=True)
    state = models.CharField(max_length=12)
    note = models.TextField(blank=True)
    username = models.CharField(max_length=150)
    at = models.DateTimeField()

    class Meta:
        ordering = ["section", "version"]
        constraints = [
            models.UniqueConstraint(fields=["section", "version"], name="section_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.section} v{self.version}"


class TocEntry(OrderedRecord):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="toc")
    title = models.TextField()
    page = models.TextField(blank=True)
    list = models.TextField(blank=True)


class Claim(OrderedRecord):
    record = records.Claim

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="claims")
    section = models.TextField()
    claim = models.CharField(max_length=200)
    metric = models.TextField()
    value = models.TextField()
    as_printed = models.TextField()


class PrintedFigure(OrderedRecord):
    record = records.PrintedFigure

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="printed")
    table = models.TextField()
    row = models.TextField()
    column = models.TextField()
    value = models.TextField(blank=True)
    as_printed = models.TextField(blank=True)
