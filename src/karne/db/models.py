"""Abstract models shared by the apps."""

from __future__ import annotations

from django.db import models


class OrderedRecord(models.Model):
    """A row that keeps its place in the document it came from (tables are printed in order)."""

    position = models.PositiveIntegerField()

    class Meta:
        abstract = True
        ordering = ["position"]

    def __str__(self) -> str:
        for name in ("code", "title", "name", "claim", "item"):
            value = getattr(self, name, "")
            if value:
                return str(value)
        return f"{type(self).__name__} {self.pk}"
