"""Sign-in throttling: an attempt is reserved in the database before the password is checked.

Reading a count and writing it back lets parallel requests all read the same count (30 parallel
wrong passwords were once checked 6 times against a limit of 5). Here an attempt is taken by one
`UPDATE … SET count = count + 1 WHERE count < limit`: the database serialises those, so at most
`limit` passwords are ever checked per user name, address and window, whatever the number of
workers. A successful sign-in clears the counter.
"""

from __future__ import annotations

import datetime
import math

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from karne.accounts.models import LoginAttempts
from karne.core.textcase import tr_lower

_FORGET_AFTER = datetime.timedelta(hours=1)


def _name(username: str) -> str:
    return tr_lower(username.strip())[:150]


def attempt_reserve(client: str, username: str, *, limit: int, seconds: int) -> int:
    """Take one attempt: 0 when the password may be checked, else the seconds the lock lasts.

    Each attempt taken extends the window to `seconds` from now; a window that has ended
    starts again from zero."""
    now = timezone.now()
    until = now + datetime.timedelta(seconds=seconds)
    key = {"client": client[:100], "username": _name(username)}
    with transaction.atomic():
        # Windows that ended long ago are forgotten: a table of every name ever mistyped from
        # every address would only grow. An hour past its end a row is the same as none.
        LoginAttempts.objects.filter(until__lt=now - _FORGET_AFTER).delete()
        row, _ = LoginAttempts.objects.get_or_create(**key, defaults={"count": 0, "until": until})
        LoginAttempts.objects.filter(pk=row.pk, until__lte=now).update(count=0, until=until)
        taken = LoginAttempts.objects.filter(pk=row.pk, count__lt=limit).update(
            count=F("count") + 1, until=until
        )
        if taken:
            return 0
        ends = LoginAttempts.objects.filter(pk=row.pk).values_list("until", flat=True).first()
    left = (ends - now).total_seconds() if ends is not None else seconds
    return max(1, math.ceil(left))


def attempts_clear(client: str, username: str) -> None:
    """A successful sign-in: the user name starts with a clean slate from this address."""
    LoginAttempts.objects.filter(client=client[:100], username=_name(username)).delete()
