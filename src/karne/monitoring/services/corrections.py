"""The strategy unit's correction note on a reported value: a known slip of the published
document that the stored value corrects."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from karne.accounts.access import User, indicator_for, require
from karne.core.formatting import format_number
from karne.core.periods import PeriodCode
from karne.core.permissions import Capability
from karne.core.plausibility import EXPLANATION_LIMIT
from karne.monitoring.errors import Refused
from karne.monitoring.models import Realization
from karne.monitoring.services.trail import record_change


@transaction.atomic
def correction_set(
    *, user: User, indicator: str, period: PeriodCode, text: str, seen: str | None = None
) -> Realization:
    """Write, change or (with an empty text) remove the correction note of an indicator's
    reported value for a period of its year: what the published document printed and why the
    stored value is the right one (`Realization.correction`). The audit then reports the
    printed figure as a corrected input (CORRECTED-INPUT, with this note) rather than as a
    figure that does not repeat the input.

    The strategy unit's alone: the value stays the unit's, so neither the value, its version
    nor who entered it changes, and a unit's form opened before stays valid. `seen` is the note
    the person's form showed: when someone changed it since, nothing is saved. A note equal to
    the stored one changes nothing and writes no trail row.
    """
    membership = require(user, Capability.CORRECTION_SET)
    ind = indicator_for(membership, indicator, Capability.CORRECTION_SET)
    row = (
        Realization.objects.select_for_update()
        .filter(indicator=ind, year=ind.year, period=period.value)
        .first()
    )
    if row is None:
        raise Refused(
            _("Bu dönem için girilmiş bir değer yok: düzeltme notu girilmiş bir değere yazılır."),
            field="correction",
        )
    text = text.strip()
    if len(text) > EXPLANATION_LIMIT:  # an explanation's limit
        raise Refused(
            _("Düzeltme notu en çok %(limit)s karakter olabilir; yazdığınız %(length)s karakter.")
            % {
                "limit": format_number(Decimal(EXPLANATION_LIMIT)),
                "length": format_number(Decimal(len(text))),
            },
            field="correction",
        )
    if seen is not None and seen.strip() != row.correction:
        raise Refused(
            _(
                "Bu dönemin düzeltme notu sayfayı açmanızdan sonra değişti; hiçbir şey "
                "kaydedilmedi. Şimdiki notu okuyup yeniden kaydedin."
            ),
            field="correction",
        )
    if text == row.correction:
        return row
    old, row.correction = row.correction, text
    row.save(update_fields=["correction"])
    record_change(
        membership, "realization", f"{ind.code}/{ind.year}/{period.value}", "correction", old, text
    )
    return row
