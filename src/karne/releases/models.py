"""A published version: the bytes people download, frozen."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from karne.organisation.models import Administration


class PublishedVersion(models.Model):
    """Never changed, never deleted: what was published stays what readers get (and the change
    trail names its hash). PROTECT: an administration with published versions is not wiped by
    a dataset reload."""

    administration = models.ForeignKey(
        Administration, on_delete=models.PROTECT, related_name="published_versions"
    )
    document = models.CharField(max_length=40)  # performans-programi | faaliyet-raporu | denetim
    year = models.PositiveIntegerField()
    format = models.CharField(max_length=10)  # pdf | docx | xlsx | html
    number = models.PositiveIntegerField()  # 1, 2, … for one document, year and format
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_by_name = models.CharField(max_length=150)  # kept if the user is deleted

    class Meta:
        ordering = ["-year", "document", "format", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["administration", "document", "year", "format", "number"],
                name="one_number_per_published_version",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.year} {self.format} #{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("a published version is frozen")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("a published version is frozen")
