"""Changing an indicator's target or a strategic-plan weight (with a reason)."""

from __future__ import annotations

import string
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from karne.accounts.access import (
    User,
    indicator_for,
    require,
    sp_indicator_for,
)
from karne.accounts.models import Membership
from karne.core.periods import PeriodCode, PeriodKind
from karne.core.permissions import Capability
from karne.core.records import DocumentKind
from karne.core.workflow import (
    State,
)
from karne.monitoring.errors import Refused
from karne.monitoring.models import Submission
from karne.monitoring.selectors import programme_codes
from karne.monitoring.services.trail import as_text, record_change
from karne.organisation.models import Document
from karne.planning.models import PPIndicatorValue, SPIndicator


@transaction.atomic
def target_set(
    *, user: User, indicator: str, year: int, value: Decimal, reason: str
) -> PPIndicatorValue:
    """Change an indicator's target for a year (strategy unit only, with a reason).

    A locked quarter's status was approved against the target it had: while any quarter of the
    year is locked for the indicator's unit, the target cannot change (reopen it first). Setting
    the target it already has changes nothing and writes no trail row.
    """
    membership = require(user, Capability.TARGET_SET)
    ind = indicator_for(membership, indicator, Capability.TARGET_SET)
    if not reason.strip():
        raise Refused(_("Hedef değişikliği için bir gerekçe yazın."))
    locked = Submission.objects.filter(
        period__administration=membership.administration,
        period__kind=PeriodKind.QUARTER.value,  # an SP period was approved against SP targets
        period__year=year,
        unit=ind.responsible_unit,
        state=State.LOCKED.value,
    ).select_related("period")
    if ind.responsible_unit is not None and locked.exists():
        quarters = ", ".join(
            _(PeriodCode(f"Q{s.period.quarter}").label_tr)
            for s in locked.order_by("period__quarter")
        )
        raise Refused(
            _(
                "%(year)s yılının kilitli dönemleri var (%(quarters)s); onaylanan durumlar bu "
                "hedefe göre verildi. Hedefi değiştirmek için önce kilidi açın."
            )
            % {"year": year, "quarters": quarters}
        )
    programme = programme_codes(membership.administration, year)
    rows = list(ind.values.select_for_update().filter(year=year, measure="target"))
    # The same row karne.core.evaluation.pick_target reads: the programme's own figure.
    row = next((r for r in rows if r.source in programme), None)
    row = row or (rows[0] if rows else None)
    old = as_text(row.value) if row else ""
    if row is None:
        if not programme:
            programme = frozenset({programme_document(membership, year).code})
        position = (PPIndicatorValue.objects.aggregate(m=Max("position"))["m"] or 0) + 1
        row = PPIndicatorValue(
            indicator=ind,
            year=year,
            measure="target",
            position=position,
            source=min(programme),
        )
    if row.pk is not None and row.value == value:
        return row  # nothing changes: no save, no trail row
    row.value = value
    row.save()
    record_change(
        membership, "target", f"{indicator}/{year}", "target", old, as_text(value), reason
    )
    return row


def programme_document(membership: Membership, year: int) -> Document:
    """The year's performance programme, for an administration that sets its first target of
    the year in the browser (or opens the year's preparation) rather than loading the document
    from a dataset: targets and costs are the programme's figures, so they need the document
    they belong to. Trailed; the caller holds the transaction."""
    admin = membership.administration
    taken = set(admin.documents.values_list("code", flat=True))
    # A document code is letters then the year (PP2023); another document may hold the plain one.
    code = next(
        c
        for c in (f"PP{letters}{year}" for letters in ("", *string.ascii_uppercase))
        if c not in taken
    )
    position = (admin.documents.aggregate(m=Max("position"))["m"] or 0) + 1
    document = Document.objects.create(
        administration=admin,
        code=code,
        kind=DocumentKind.PERFORMANS_PROGRAMI.value,
        year=year,
        title="",
        position=position,
    )
    record_change(membership, "document", code, "kind", "", document.kind)
    return document


@transaction.atomic
def sp_weight_set(*, user: User, indicator: str, weight: Decimal, reason: str) -> SPIndicator:
    """Change a strategic-plan indicator's weight (strategy unit only, with a reason)."""
    membership = require(user, Capability.WEIGHT_SET)
    sp = sp_indicator_for(membership, indicator, Capability.WEIGHT_SET, for_update=True)
    if not reason.strip():
        raise Refused(_("Ağırlık değişikliği için bir gerekçe yazın."))
    old = as_text(sp.weight)
    sp.weight = weight
    sp.save()
    record_change(membership, "weight", indicator, "weight", old, as_text(weight), reason)
    return sp
