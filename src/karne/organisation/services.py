"""Writes of the administration itself that every other service shares."""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS

from karne.organisation.models import Administration, new_revision


def revision_bump(administration_id: int, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Mark the administration's data as changed, in the caller's transaction: the trail calls
    it with every change it records, so a page cached under the old revision is never shown
    again once the change is committed (and is shown until then, as the data is)."""
    Administration.objects.using(using).filter(pk=administration_id).update(revision=new_revision())
