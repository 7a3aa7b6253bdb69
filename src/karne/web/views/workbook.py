"""The entry forms as workbooks on the web: download, upload, preview, confirm.

Each form's pages are the same views (`Pages` says which form, and where its own page is);
the quarterly form's URLs carry the quarter, the strategic plan's the half-year word. The same
permissions as the entry form: the download needs entry.view, the upload, its preview
and its confirmation entry.edit on the unit. The uploaded file is kept server-side under a
token (`karne.monitoring.workbook.pending`) and read again on confirm; a large one is saved by
a background job (`karne.monitoring.workbook.job`) whose page shows the progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

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
from karne.monitoring.workbook.kinds import QUARTERLY, STRATEGIC, EntryForm
from karne.monitoring.workbook.pending import pending_drop, pending_load, pending_store
from karne.releases.selectors import JobStatus, job_status
from karne.web.forms import page_locale

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Pages:
    """A form's workbook pages: its form, the name of its own page and of its workbook URLs
    (`<prefix>`, `<prefix>-upload`, …), and the URL argument that names its period."""

    form: EntryForm
    page: str
    prefix: str
    period_arg: str

    def args(self, year: int, period: str, unit: str, **more: str) -> dict[str, object]:
        value: object = int(period) if self.period_arg == "quarter" else period
        return {"year": year, self.period_arg: value, "unit": unit, **more}

    def url(self, suffix: str, year: int, period: str, unit: str, **more: str) -> str:
        name = self.page if suffix == "page" else f"{self.prefix}{suffix}"
        return reverse(name, kwargs=self.args(year, period, unit, **more))

    def target(self, year: int, period: str, unit: str) -> FormTarget:
        return FormTarget(year, period, unit, self.form.name)


QUARTER_PAGES = Pages(QUARTERLY, "entry", "entry-workbook", "quarter")
SP_PAGES = Pages(STRATEGIC, "sp-entry", "sp-workbook", "half")


def _download(
    request: HttpRequest, pages: Pages, year: int, period: str, unit: str
) -> HttpResponse:
    exported = workbook_export(
        user=request.user, year=year, period=period, unit=unit, form=pages.form
    )
    response = HttpResponse(exported.content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    return response


def _upload(request: HttpRequest, pages: Pages, year: int, period: str, unit: str) -> HttpResponse:
    pages.form.locate(request.user, year, period, unit, Capability.ENTRY_EDIT)
    back = pages.url("page", year, period, unit)
    upload = request.FILES.get("file")
    if upload is None or not upload.size:
        messages.error(request, gettext("Yüklemek için bir çalışma kitabı (.xlsx) seçin."))
        return redirect(back)
    if upload.size > UPLOAD_LIMIT:
        messages.error(
            request,
            gettext("Dosya çok büyük; en çok %(limit)s MB yüklenebilir.")
            % {"limit": format_number(Decimal(UPLOAD_LIMIT // (1024 * 1024)))},
        )
        return redirect(back)
    token = pending_store(request.user, upload.name or "", upload.read())
    return redirect(pages.url("-preview", year, period, unit, token=token))


def _pending(
    request: HttpRequest, pages: Pages, year: int, period: str, unit: str, token: str
) -> tuple[str, bytes]:
    pages.form.locate(request.user, year, period, unit, Capability.ENTRY_EDIT)
    pending = pending_load(request.user, token)
    if pending is None:
        raise Http404  # expired, confirmed already, or another person's
    return pending


def figure_text(value: Decimal | None) -> str:
    """A figure as the entry form shows it: the page's separators, every decimal it has (so
    that the stored and the uploaded figure are compared digit for digit)."""
    if value is None:
        return "-"
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return format_number(value, places, page_locale())


def _page(
    request: HttpRequest,
    pages: Pages,
    year: int,
    period: str,
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
                    "stored": figure_text(row.stored[0]),
                    "uploaded": figure_text(row.uploaded[0]),
                    "explanation": row.uploaded[3] if row.uploaded[3] != row.stored[3] else "",
                }
            )
    return render(
        request,
        "karne/workbook_preview.html",
        {
            "form_title": pages.form.title(year, period),
            "back_url": pages.url("page", year, period, unit),
            "confirm_url": pages.url("-confirm", year, period, unit, token=token),
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


def _preview(
    request: HttpRequest, pages: Pages, year: int, period: str, unit: str, token: str
) -> HttpResponse:
    filename, content = _pending(request, pages, year, period, unit, token)
    try:
        preview = workbook_preview(
            user=request.user,
            content=content,
            filename=filename,
            expect=pages.target(year, period, unit),
        )
    except WorkbookRefused as exc:
        return _page(request, pages, year, period, unit, token, refused=str(exc), status=400)
    status = 200 if preview.ok else 400
    return _page(request, pages, year, period, unit, token, preview=preview, status=status)


def _confirm(
    request: HttpRequest, pages: Pages, year: int, period: str, unit: str, token: str
) -> HttpResponse:
    job_page = pages.url("-job", year, period, unit, token=token)
    if apply_job_for(request.user, unit, token) is not None:  # confirmed already: its job
        return redirect(job_page)
    filename, content = _pending(request, pages, year, period, unit, token)
    target = pages.target(year, period, unit)
    if len(content) > job_bytes():
        apply_start(user=request.user, target=target, token=token)
        return redirect(job_page)
    try:
        applied = workbook_apply(
            user=request.user, content=content, filename=filename, expect=target
        )
    except WorkbookRefused as exc:
        return _page(request, pages, year, period, unit, token, refused=str(exc), status=400)
    preview = applied.preview
    if not preview.ok:
        conflict = any(r.status is RowStatus.CONFLICT for r in preview.rows)
        status = 409 if conflict else 400
        return _page(request, pages, year, period, unit, token, preview=preview, status=status)
    pending_drop(request.user, token)
    messages.success(
        request,
        gettext("%(file)s: %(count)s satır kaydedildi.")
        % {"file": preview.filename, "count": applied.saved},
    )
    return redirect(pages.url("page", year, period, unit))


def _job(request: HttpRequest, unit: str, token: str) -> JobStatus:
    found = apply_job_for(request.user, unit, token)
    if found is None:
        raise Http404
    return job_status(found)


def _job_page(
    request: HttpRequest, pages: Pages, year: int, period: str, unit: str, token: str
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
            "back_url": pages.url("page", year, period, unit),
            "preview_url": pages.url("-preview", year, period, unit, token=token),
            "status_url": pages.url("-job-status", year, period, unit, token=token),
        },
    )


# The quarterly form's pages.


@login_required
def workbook_download(request: HttpRequest, year: int, quarter: int, unit: str) -> HttpResponse:
    return _download(request, QUARTER_PAGES, year, str(quarter), unit)


@login_required
@require_POST
def workbook_upload(request: HttpRequest, year: int, quarter: int, unit: str) -> HttpResponse:
    return _upload(request, QUARTER_PAGES, year, str(quarter), unit)


@login_required
def workbook_preview_page(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> HttpResponse:
    return _preview(request, QUARTER_PAGES, year, str(quarter), unit, token)


@login_required
@require_POST
def workbook_confirm(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> HttpResponse:
    return _confirm(request, QUARTER_PAGES, year, str(quarter), unit, token)


@login_required
def workbook_job(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> HttpResponse:
    return _job_page(request, QUARTER_PAGES, year, str(quarter), unit, token)


@login_required
def workbook_job_status(
    request: HttpRequest, year: int, quarter: int, unit: str, token: str
) -> JsonResponse:
    return JsonResponse(_job(request, unit, token).as_json())


# The strategic plan's form: the same pages under its own URLs.


@login_required
def sp_workbook_download(request: HttpRequest, year: int, half: str, unit: str) -> HttpResponse:
    return _download(request, SP_PAGES, year, half, unit)


@login_required
@require_POST
def sp_workbook_upload(request: HttpRequest, year: int, half: str, unit: str) -> HttpResponse:
    return _upload(request, SP_PAGES, year, half, unit)


@login_required
def sp_workbook_preview_page(
    request: HttpRequest, year: int, half: str, unit: str, token: str
) -> HttpResponse:
    return _preview(request, SP_PAGES, year, half, unit, token)


@login_required
@require_POST
def sp_workbook_confirm(
    request: HttpRequest, year: int, half: str, unit: str, token: str
) -> HttpResponse:
    return _confirm(request, SP_PAGES, year, half, unit, token)


@login_required
def sp_workbook_job(
    request: HttpRequest, year: int, half: str, unit: str, token: str
) -> HttpResponse:
    return _job_page(request, SP_PAGES, year, half, unit, token)


@login_required
def sp_workbook_job_status(
    request: HttpRequest, year: int, half: str, unit: str, token: str
) -> JsonResponse:
    return JsonResponse(_job(request, unit, token).as_json())
