"""The entry form as a workbook on the web: download, upload, preview, confirm.

The same permissions as the entry form: the download needs entry.view, the upload, its preview
and its confirmation entry.edit on the unit. The uploaded file is kept server-side under a
token (`karne.monitoring.workbook.pending`) and read again on confirm; a large one is saved by
a background job (`karne.monitoring.workbook.job`) whose page shows the progress.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import period_for, unit_for
from karne.core.formatting import format_number
from karne.core.permissions import Capability
from karne.monitoring.workbook import (
    STATUS_LABELS,
    UPLOAD_LIMIT,
    FormTarget,
    Preview,
    RowStatus,
    WorkbookRefused,
    workbook_apply,
    workbook_export,
    workbook_preview,
)
from karne.monitoring.workbook.job import Outcome, apply_job_for, apply_start, job_bytes
from karne.monitoring.workbook.pending import pending_drop, pending_load, pending_store
from karne.releases.selectors import JobStatus, job_status

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def workbook_download(request: HttpRequest, year: int, quarter: int, unit: str) -> HttpResponse:
    exported = workbook_export(user=request.user, year=year, quarter=quarter, unit=unit)
    response = HttpResponse(exported.content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response


@login_required
@require_POST
def workbook_upload(request: HttpRequest, year: int, quarter: int, unit: str) -> HttpResponse:
    membership, _unit = unit_for(request.user, unit, Capability.ENTRY_EDIT)
    period_for(membership, year, quarter)
    upload = request.FILES.get("file")
    if upload is None or not upload.size:
        messages.error(request, gettext("Yüklemek için bir çalışma kitabı (.xlsx) seçin."))
        return redirect("entry", year=year, quarter=quarter, unit=unit)
    if upload.size > UPLOAD_LIMIT:
        messages.error(
            request,
            gettext("Dosya çok büyük; en çok %(limit)s MB yüklenebilir.")
            % {"limit": format_number(Decimal(UPLOAD_LIMIT // (1024 * 1024)))},
        )
        return redirect("entry", year=year, quarter=quarter, unit=unit)
    token = pending_store(request.user, upload.name or "", upload.read())
    return redirect("entry-workbook-preview", year=year, quarter=quarter, unit=unit, token=token)


def _pending(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> tuple[str, bytes]:
    membership, _unit = unit_for(request.user, unit, Capability.ENTRY_EDIT)
    period_for(membership, year, quarter)
    pending = pending_load(request.user, token)
    if pending is None:
        raise Http404  # expired, confirmed already, or another person's
    return pending


def _figure(value: Decimal | None) -> str:
    """A figure as the entry form shows it: Turkish separators, every decimal it has."""
    if value is None:
        return "-"
    exponent = value.as_tuple().exponent
    return format_number(value, -exponent if isinstance(exponent, int) and exponent < 0 else 0)


def _page(
    request: HttpRequest,
    year: int,
    quarter: int,
    unit: str,
    token: str,
    *,
    preview: Preview | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    rows = []
    if preview is not None:
        for row in preview.rows:
            rows.append(
                {
                    "row": row,
                    "label": gettext(STATUS_LABELS[row.status]),
                    "stored": _figure(row.stored[0]),
                    "uploaded": _figure(row.uploaded[0]),
                    "explanation": row.uploaded[3] if row.uploaded[3] != row.stored[3] else "",
                }
            )
    return render(
        request,
        "karne/workbook_preview.html",
        {
            "year": year,
            "quarter": quarter,
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
            "conflict": RowStatus.CONFLICT,
        },
        status=status,
    )


@login_required
def workbook_preview_page(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> HttpResponse:
    filename, content = _pending(request, year, quarter, unit, token)
    try:
        preview = workbook_preview(
            user=request.user,
            content=content,
            filename=filename,
            expect=FormTarget(year, quarter, unit),
        )
    except WorkbookRefused as exc:
        return _page(request, year, quarter, unit, token, refused=str(exc), status=400)
    return _page(
        request, year, quarter, unit, token, preview=preview, status=200 if preview.ok else 400
    )


@login_required
@require_POST
def workbook_confirm(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> HttpResponse:
    if apply_job_for(request.user, unit, token) is not None:  # confirmed already: its job
        return redirect("entry-workbook-job", year=year, quarter=quarter, unit=unit, token=token)
    filename, content = _pending(request, year, quarter, unit, token)
    if len(content) > job_bytes():
        apply_start(user=request.user, year=year, quarter=quarter, unit=unit, token=token)
        return redirect("entry-workbook-job", year=year, quarter=quarter, unit=unit, token=token)
    try:
        applied = workbook_apply(
            user=request.user,
            content=content,
            filename=filename,
            expect=FormTarget(year, quarter, unit),
        )
    except WorkbookRefused as exc:
        return _page(request, year, quarter, unit, token, refused=str(exc), status=400)
    preview = applied.preview
    if not preview.ok:
        conflict = any(r.status is RowStatus.CONFLICT for r in preview.rows)
        return _page(
            request, year, quarter, unit, token, preview=preview, status=409 if conflict else 400
        )
    pending_drop(request.user, token)
    messages.success(
        request,
        gettext("%(file)s: %(count)s satır kaydedildi.")
        % {"file": preview.filename, "count": applied.saved},
    )
    return redirect("entry", year=year, quarter=quarter, unit=unit)


def _job(request: HttpRequest, unit: str, token: str) -> JobStatus:
    found = apply_job_for(request.user, unit, token)
    if found is None:
        raise Http404
    return job_status(found)


@login_required
def workbook_job(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> HttpResponse:
    """The saving of a large workbook: progress while it runs, then what came of it."""
    status = _job(request, unit, token)
    found = apply_job_for(request.user, unit, token)
    outcome = Outcome.of(found) if found is not None and status.done else None
    return render(
        request,
        "karne/workbook_job.html",
        {
            "job": status,
            "outcome": outcome,
            "year": year,
            "quarter": quarter,
            "unit_code": unit,
            "token": token,
            "status_url": reverse(
                "entry-workbook-job-status",
                kwargs={"year": year, "quarter": quarter, "unit": unit, "token": token},
            ),
        },
    )


@login_required
def workbook_job_status(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> JsonResponse:
    return JsonResponse(_job(request, unit, token).as_json())
