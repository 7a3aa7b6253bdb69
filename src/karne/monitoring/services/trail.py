"""The trail of every service's change, and its line in the action log.

Recording a change also renews the administration's revision (in the same transaction): every
write is trailed, so the trail is the one place that tells cached pages their data changed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from karne.accounts.models import Membership
from karne.core.decimals import decimal_text
from karne.monitoring.models import ChangeRecord
from karne.organisation.services import revision_bump

log = logging.getLogger("karne.actions")


def as_text(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)


@dataclass(frozen=True)
class Change:
    key: str
    field: str
    old: str
    new: str


def record_changes(
    membership: Membership, subject: str, changes: list[Change], reason: str = ""
) -> None:
    """Many changes of one person at once (a form of thousands of rows): one INSERT per batch."""
    user, username = membership.user, membership.user.get_username()
    for change in changes:
        log.info("%s changed %s %s (%s)", username, subject, change.key, change.field or "-")
    ChangeRecord.objects.bulk_create(
        [
            ChangeRecord(
                administration=membership.administration,
                user=user,
                username=username,
                subject=subject,
                key=c.key,
                field=c.field,
                old=c.old,
                new=c.new,
                reason=reason,
            )
            for c in changes
        ],
        batch_size=500,
    )
    if changes:
        revision_bump(membership.administration_id)


def record_change(
    membership: Membership, subject: str, key: str, field: str, old: str, new: str, reason: str = ""
) -> None:
    log.info("%s changed %s %s (%s)", membership.user.get_username(), subject, key, field or "-")
    ChangeRecord.objects.create(
        administration=membership.administration,
        user=membership.user,
        username=membership.user.get_username(),
        subject=subject,
        key=key,
        field=field,
        old=old,
        new=new,
        reason=reason,
    )
    revision_bump(membership.administration_id)
