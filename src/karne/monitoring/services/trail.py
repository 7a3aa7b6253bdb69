"""The trail of every service's change, and its line in the action log."""

from __future__ import annotations

import logging
from decimal import Decimal

from karne.accounts.models import Membership
from karne.core.decimals import decimal_text
from karne.monitoring.models import ChangeRecord

log = logging.getLogger("karne.actions")


def as_text(value: Decimal | None) -> str:
    return "" if value is None else decimal_text(value)


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
