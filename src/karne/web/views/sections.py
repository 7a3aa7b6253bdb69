"""The documents' text in the browser: every section with who writes it, one section's editor
(draft, preview with its live figures, the approved text, history), its moves and its unit.

A unit writes and sends the sections it answers for; the strategy unit assigns sections,
returns them with a note or approves them, which makes the draft the text the documents
print (`karne.publications.services`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.core.markup import BODY_LIMIT
from karne.core.section_flow import MOVE_LABELS, STATE_LABELS, SectionMove
from karne.monitoring.errors import Refused
from karne.publications.selectors import document_sections, section_page
from karne.publications.services import StaleText, section_act, section_assign, section_save


@login_required
def sections_index(request: HttpRequest) -> HttpResponse:
    documents = document_sections(request.user)
    return render(
        request,
        "karne/sections.html",
        {
            "documents": documents,
            "labels": {state.value: gettext(label) for state, label in STATE_LABELS.items()},
        },
    )


@login_required
def section_view(request: HttpRequest, document: str, section: str) -> HttpResponse:
    error, status, body = "", 200, None
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            section_save(
                user=request.user, document=document, section=section, body=body, version=version
            )
        except StaleText as exc:
            error, status = str(exc), 409
        except Refused as exc:
            error, status = str(exc), 400
        else:
            messages.success(request, gettext("Taslak kaydedildi."))
            return redirect("section", document=document, section=section)
    page = section_page(request.user, document, section)
    return render(
        request,
        "karne/section.html",
        {
            "page": page,
            "body": page.draft if body is None else body,
            "error": error,
            "state_label": gettext(STATE_LABELS[page.state]),
            "labels": {state.value: gettext(label) for state, label in STATE_LABELS.items()},
            "moves": {move.value: gettext(label) for move, label in MOVE_LABELS.items()},
            "limit": BODY_LIMIT,
        },
        status=status,
    )


@login_required
@require_POST
def section_move(request: HttpRequest, document: str, section: str) -> HttpResponse:
    try:
        action = SectionMove(request.POST.get("action", ""))
    except ValueError:
        messages.error(request, gettext("Bilinmeyen işlem."))
        return redirect("section", document=document, section=section)
    try:
        state = section_act(
            user=request.user,
            document=document,
            section=section,
            action=action,
            note=request.POST.get("note", ""),
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, gettext("Bölümün durumu: %(state)s.") % {"state": gettext(STATE_LABELS[state])}
        )
    return redirect("section", document=document, section=section)


@login_required
@require_POST
def section_unit(request: HttpRequest, document: str, section: str) -> HttpResponse:
    try:
        section_assign(
            user=request.user,
            document=document,
            section=section,
            unit=request.POST.get("unit", "").strip() or None,
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gettext("Bölümü yazacak birim kaydedildi."))
    return redirect("section", document=document, section=section)
