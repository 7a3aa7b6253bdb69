"""A unit's preparation proposal as two workbooks on the web: download, upload, preview, confirm.

The same permissions as the preparation form: the downloads need preparation.view, the upload,
its preview and its confirmation preparation.edit on the unit. The uploaded file waits
server-side under a token (`karne.monitoring.workbook.pending`) and is read again on confirm.
These forms are small (a unit's indicators and cost lines), so the confirm saves at once: no
background job as for a large quarterly workbook.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import preparation_for, unit_for
from karne.core.formatting import format_number
from karne.core.permissions import Capability
from karne.monitoring.workbook import (
    STATUS_LABELS,
    UPLOAD_LIMIT,
    Preview,
    RowStatus,
    WorkbookRefused,
)
from karne.monitoring.workbook.pending import pending_drop, pending_load, pending_store
from karne.monitoring.workbook.prep import (
    FORMS,
    PrepTarget,
    prep_workbook_apply,
    prep_workbook_export,
    prep_workbook_preview,
)
from karne.web.views.workbook import XLSX, figure_text


@login_required
def prep_workbook_download(request: HttpRequest, year: int, unit: str, form: str) -> HttpResponse:
    if form not in FORMS:
        raise Http404
    exported = prep_workbook_export(user=request.user, year=year, unit=unit, form=form)
    response = HttpResponse(exported.content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response


@login_required
@require_POST
def prep_workbook_upload(request: HttpRequest, year: int, unit: str) -> HttpResponse:
    membership, _unit = unit_for(request.user, unit, Capability.PREPARATION_EDIT)
    preparation_for(membership, year)
    upload = request.FILES.get("file")
    if upload is None or not upload.size:
        messages.error(request, gettext("Yüklemek için bir çalışma kitabı (.xlsx) seçin."))
        return redirect("prep-entry", year=year, unit=unit)
    if upload.size > UPLOAD_LIMIT:
        messages.error(
            request,
            gettext("Dosya çok büyük; en çok %(limit)s MB yüklenebilir.")
            % {"limit": format_number(Decimal(UPLOAD_LIMIT // (1024 * 1024)))},
        )
        return redirect("prep-entry", year=year, unit=unit)
    token = pending_store(request.user, upload.name or "", upload.read())
    return redirect("prep-workbook-preview", year=year, unit=unit, token=token)


def _pending(request: HttpRequest, year: int, unit: str, token: str) -> tuple[str, bytes]:
    membership, _unit = unit_for(request.user, unit, Capability.PREPARATION_EDIT)
    preparation_for(membership, year)
    pending = pending_load(request.user, token)
    if pending is None:
        raise Http404  # expired, confirmed already, or another person's
    return pending


def _page(
    request: HttpRequest,
    year: int,
    unit: str,
    token: str,
    *,
    preview: Preview | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    rows = [
        {
            "row": row,
            "label": gettext(STATUS_LABELS[row.status]),
            "stored": figure_text(row.stored[0]),
            "uploaded": figure_text(row.uploaded[0]),
        }
        for row in (preview.rows if preview is not None else ())
    ]
    return render(
        request,
        "karne/prep_workbook_preview.html",
        {
            "year": year,
            "unit_code": unit,
            "token": token,
            "preview": preview,
            "rows": rows,
            "refused": refused,
            "to_save": len(preview.entries) if preview is not None else 0,
            "counts": (
                [(gettext(STATUS_LABELS[s]), n) for s, n in preview.counts().items()]
                if preview is not None
                else []
            ),
        },
        status=status,
    )


@login_required
def prep_workbook_preview_page(
    request: HttpRequest, year: int, unit: str, token: str
) -> HttpResponse:
    filename, content = _pending(request, year, unit, token)
    try:
        preview = prep_workbook_preview(
            user=request.user, content=content, filename=filename, expect=PrepTarget(year, unit)
        )
    except WorkbookRefused as exc:
        return _page(request, year, unit, token, refused=str(exc), status=400)
    return _page(request, year, unit, token, preview=preview, status=200 if preview.ok else 400)


@login_required
@require_POST
def prep_workbook_confirm(request: HttpRequest, year: int, unit: str, token: str) -> HttpResponse:
    filename, content = _pending(request, year, unit, token)
    try:
        applied = prep_workbook_apply(
            user=request.user, content=content, filename=filename, expect=PrepTarget(year, unit)
        )
    except WorkbookRefused as exc:
        return _page(request, year, unit, token, refused=str(exc), status=400)
    preview = applied.preview
    if not preview.ok:
        conflict = any(r.status is RowStatus.CONFLICT for r in preview.rows)
        return _page(request, year, unit, token, preview=preview, status=409 if conflict else 400)
    pending_drop(request.user, token)
    messages.success(
        request,
        gettext("%(file)s: %(count)s satır kaydedildi.")
        % {"file": preview.filename, "count": applied.saved},
    )
    return redirect("prep-entry", year=year, unit=unit)
