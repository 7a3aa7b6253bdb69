"""Writes of the documents' text: a unit saves its section's draft and sends it, the strategy
unit assigns the section, returns or approves it. Each is one transaction, checked, versioned
(`SectionRevision`) and trailed; approving makes the draft the text the documents print.

The draft's live figures are checked against the evaluation of the document's year when it is
saved, so a reference that names nothing is refused while the person is still writing.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from karne.accounts.access import User, section_for
from karne.accounts.models import Membership
from karne.core.evaluation import evaluate
from karne.core.figures import unknown
from karne.core.formatting import format_number
from karne.core.markup import BODY_LIMIT
from karne.core.permissions import Capability
from karne.core.section_flow import (
    REVIEW_MOVES,
    MoveRefused,
    SectionMove,
    SectionState,
    editable,
    move,
)
from karne.datasets.selectors import dataset_read
from karne.monitoring.errors import Refused
from karne.monitoring.services.trail import record_change
from karne.organisation.models import Unit
from karne.publications.models import NarrativeSection, SectionRevision, SectionWork

SUBJECT = "section"


class StaleText(Refused):
    """Someone saved the section since this person opened it: nothing was overwritten."""


def _key(section: NarrativeSection) -> str:
    return f"{section.document.code}/{section.section_id}"


def _revision(
    membership: Membership, section: NarrativeSection, work: SectionWork, body: str
) -> None:
    now = timezone.now()
    work.version += 1
    work.updated_by, work.updated_at = membership.user, now
    work.save()
    SectionRevision.objects.create(
        section=section,
        version=work.version,
        body=body,
        state=work.state,
        note=work.note,
        username=membership.user.get_username(),
        at=now,
    )


def check_figures(membership: Membership, section: NarrativeSection, body: str) -> None:
    """Refuse a text whose live figures name nothing in the document's year."""
    if "[[" not in body:
        return
    dataset = dataset_read(administration=membership.administration.code)
    year = section.document.year
    found = unknown(body, evaluate(dataset, year), section.document.code)
    if found:
        listed = "; ".join(f"[[{u.reference}]] ({_(u.reason)})" for u in found)
        raise Refused(
            _("Metindeki şu göstergeler bulunamadı: %(refs)s. Yazımı yardımdaki gibi düzeltin.")
            % {"refs": listed},
            field="body",
        )


@transaction.atomic
def section_save(*, user: User, document: str, section: str, body: str, version: int) -> int:
    """Save the draft of a section (narrative.edit on its unit); returns the new version. A
    draft saved over someone else's save since the form was opened is a conflict."""
    membership, narrative, work = section_for(
        user, document, section, Capability.NARRATIVE_EDIT, for_update=True
    )
    text = body.replace("\r\n", "\n").strip()
    if len(text) > BODY_LIMIT:
        raise Refused(
            _("Metin en çok %(limit)s karakter olabilir.")
            % {"limit": format_number(Decimal(BODY_LIMIT))},
            field="body",
        )
    if not editable(SectionState(work.state)):
        raise Refused(_("Metin onay bekliyor; onaylanana ya da geri gönderilene dek değişmez."))
    if work.version != version:
        raise StaleText(
            _("Bu metni siz açtıktan sonra %(by)s kaydetti; sayfayı yenileyip yeniden deneyin.")
            % {"by": work.updated_by.get_username() if work.updated_by else "?"}
        )
    if text == work.draft and work.state != SectionState.APPROVED.value:
        return work.version  # nothing changed
    check_figures(membership, narrative, text)
    old = work.draft
    work.draft, work.state, work.note = text, SectionState.DRAFT.value, ""
    _revision(membership, narrative, work, text)
    record_change(membership, SUBJECT, _key(narrative), "draft", old, text)
    return work.version


@transaction.atomic
def section_act(
    *, user: User, document: str, section: str, action: SectionMove, note: str = ""
) -> SectionState:
    """Move a section: its writers send it, the strategy unit returns (with a note) or approves
    it — then the draft is what the documents print."""
    capability = (
        Capability.NARRATIVE_REVIEW if action in REVIEW_MOVES else Capability.NARRATIVE_EDIT
    )
    membership, narrative, work = section_for(user, document, section, capability, for_update=True)
    try:
        target = move(SectionState(work.state), action, note=note, draft=work.draft)
    except MoveRefused as exc:
        raise Refused(_(str(exc))) from None
    old_state = work.state
    work.state, work.note = target.value, note.strip() if action is SectionMove.RETURN else ""
    if action is SectionMove.APPROVE and narrative.summary != work.draft:
        old = narrative.summary
        narrative.summary = work.draft
        narrative.save(update_fields=["summary"])
        record_change(membership, SUBJECT, _key(narrative), "summary", old, work.draft)
    _revision(membership, narrative, work, work.draft)
    record_change(membership, SUBJECT, _key(narrative), "state", old_state, target.value, work.note)
    return target


@transaction.atomic
def section_assign(*, user: User, document: str, section: str, unit: str | None) -> None:
    """Name the unit that writes a section (None: the strategy unit writes it)."""
    membership, narrative, work = section_for(
        user, document, section, Capability.NARRATIVE_REVIEW, for_update=True
    )
    found = None
    if unit:
        found = Unit.objects.filter(administration=membership.administration, code=unit).first()
        if found is None:
            raise Refused(_("%(unit)s adlı bir birim yok.") % {"unit": unit})
    old = work.unit.code if work.unit else ""
    new = found.code if found else ""
    if old == new:
        return
    work.unit = found
    work.save()
    record_change(membership, SUBJECT, _key(narrative), "unit", old, new)
