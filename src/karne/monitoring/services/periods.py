"""Opening and removing monitoring periods (the strategy unit's)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karne.accounts.access import (
    User,
    require,
)
from karne.core.periods import PeriodKind
from karne.core.permissions import Capability
from karne.core.workflow import (
    State,
)
from karne.monitoring.errors import Refused
from karne.monitoring.models import ChangeRecord, MonitoringPeriod, Submission
from karne.monitoring.selectors import programme_years
from karne.monitoring.services.trail import record_change
from karne.organisation.models import Unit


@transaction.atomic
def period_open(
    *, user: User, year: int, quarter: int, deadline: datetime.date
) -> MonitoringPeriod:
    """Open a quarter: every unit responsible for an indicator of the year gets a draft."""
    membership = require(user, Capability.PERIOD_OPEN)
    admin = membership.administration
    if not 1 <= quarter <= 4:
        raise Refused(_("Çeyrek 1 ile 4 arasında olmalı."))
    if deadline < timezone.localdate():
        raise Refused(
            _("Son tarih (%(date)s) geçmişte; bugünden sonra bir tarih seçin.")
            % {"date": f"{deadline:%d.%m.%Y}"}
        )
    years = programme_years(admin)
    if year not in years:
        known = ", ".join(str(y) for y in sorted(years)) or "-"
        raise Refused(
            _(
                "%(year)s yılının performans programı göstergesi yok; "
                "izlenebilecek yıllar: %(known)s."
            )
            % {"year": year, "known": known}
        )
    quarters = MonitoringPeriod.objects.filter(administration=admin, kind=PeriodKind.QUARTER.value)
    if quarters.filter(year=year, quarter=quarter).exists():
        raise Refused(
            _("%(year)s yılının %(quarter)s. çeyreği zaten açık.")
            % {"year": year, "quarter": quarter}
        )
    period = MonitoringPeriod.objects.create(
        administration=admin,
        year=year,
        quarter=quarter,
        deadline=deadline,
        opened_by=membership.user,
    )
    units = Unit.objects.filter(pp_indicators__year=year, administration=admin).distinct()
    Submission.objects.bulk_create(Submission(period=period, unit=u) for u in units)
    record_change(membership, "period", f"{year}-Q{quarter}", "deadline", "", deadline.isoformat())
    return period


@transaction.atomic
def period_remove(*, user: User, year: int, quarter: int, reason: str) -> None:
    """Remove a period opened by mistake: only while nothing was entered or moved in it (every
    submission a draft, no value saved through karne); the trail keeps the removal."""
    membership = require(user, Capability.PERIOD_OPEN)
    if not reason.strip():
        raise Refused(_("Dönemi kaldırmak için bir gerekçe yazın."))
    period = (
        MonitoringPeriod.objects.select_for_update()
        .filter(
            administration=membership.administration,
            kind=PeriodKind.QUARTER.value,
            year=year,
            quarter=quarter,
        )
        .first()
    )
    if period is None:
        raise Refused(
            _("%(year)s yılının %(quarter)s. çeyreği açık değil.")
            % {"year": year, "quarter": quarter}
        )
    moved = period.submissions.exclude(state=State.DRAFT.value).exists()
    entered = ChangeRecord.objects.filter(
        administration=membership.administration,
        subject="realization",
        key__endswith=f"/{year}/Q{quarter}",
    ).exists()
    if moved or entered:
        raise Refused(
            _("Bu dönemde değer girilmiş ya da gönderilmiş; kaldırılamaz (kayıtlar korunur).")
        )
    key = f"{year}-Q{quarter}"
    old = period.deadline.isoformat()
    period.delete()
    record_change(membership, "period", key, "deadline", old, "", reason.strip())
