"""The documents page: builds of a year's documents and audit as background jobs, the job page
that polls their progress, downloads, publishing, and the published versions everyone reads."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from karne.accounts.access import can, job_for, published_for, require
from karne.core.permissions import Capability
from karne.releases.selectors import build_rows, document_years, job_status, published_versions
from karne.releases.services import ReleaseRefused, document_build_start, version_publish
from karne.web.page_cache import Content, cached_content, page_context, render_content


def _year(text: str | None, years: list[int]) -> int | None:
    if text and text.isdigit() and 1900 <= int(text) <= 2200:
        return int(text)
    return years[0] if years else None


def _documents_url(year: int) -> str:
    return f"{reverse('documents')}?yil={year}"


def _attachment(filename: str, inline: bool = False) -> str:
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename*=UTF-8''{quote(filename)}"


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    membership = require(request.user, Capability.DOCUMENTS_VIEW)
    builder = can(membership, Capability.DOCUMENTS_BUILD, None)
    if builder:  # the builds' jobs change without a new revision: always made afresh
        content = _documents_content(request, builder=True)
    else:  # published versions only: kept under the revision (publishing is trailed)
        content = cached_content(
            request,
            membership,
            "documents",
            (request.GET.get("yil"),),
            lambda: _documents_content(request, builder=False),
        )
    return render(request, "karne/page.html", page_context(request, content))


def _documents_content(request: HttpRequest, *, builder: bool) -> Content:
    membership = require(request.user, Capability.DOCUMENTS_VIEW)
    years = document_years(membership)
    year = _year(request.GET.get("yil"), years)
    context = {
        "years": years,
        "year": year,
        "builder": builder,
        "builds": build_rows(membership, year) if builder and year else [],
        "versions": published_versions(membership, year) if year else [],
    }
    title = f"{gettext('Belgeler')} {year}" if year else gettext("Belgeler")
    return render_content(request, "karne/documents.html", context, title=title)


@login_required
@require_POST
def document_build(request: HttpRequest) -> HttpResponse:
    require(request.user, Capability.DOCUMENTS_BUILD)
    year_text = request.POST.get("year", "")
    year = int(year_text) if year_text.isdigit() else 0
    try:
        job, new = document_build_start(
            user=request.user,
            document=request.POST.get("document", ""),
            year=year,
            fmt=request.POST.get("format", ""),
        )
    except ReleaseRefused as exc:
        messages.error(request, str(exc))
        return redirect(_documents_url(year) if year else reverse("documents"))
    if not new:
        messages.info(request, gettext("Aynı belge zaten hazırlanıyor ya da hazır; o iş açıldı."))
    return redirect("job", job.pk)


@login_required
def job(request: HttpRequest, job_id: int) -> HttpResponse:
    _, found = job_for(request.user, job_id, Capability.DOCUMENTS_BUILD)
    return render(request, "karne/job.html", {"job": job_status(found)})


@login_required
def job_status_json(request: HttpRequest, job_id: int) -> JsonResponse:
    _, found = job_for(request.user, job_id, Capability.DOCUMENTS_BUILD)
    return JsonResponse(job_status(found).as_json())


@login_required
def job_download(request: HttpRequest, job_id: int) -> HttpResponse:
    """The built file; the audit report opens in the browser to be read, documents download."""
    _, found = job_for(request.user, job_id, Capability.DOCUMENTS_BUILD)
    status = job_status(found)
    if not status.done or found.result is None:
        raise Http404
    response = HttpResponse(bytes(found.result), content_type=found.content_type)
    response["Content-Disposition"] = _attachment(found.filename, inline=status.audit)
    return response


@login_required
@require_POST
def job_publish(request: HttpRequest, job_id: int) -> HttpResponse:
    try:
        version = version_publish(user=request.user, job_id=job_id)
    except ReleaseRefused as exc:
        messages.error(request, str(exc))
        return redirect("job", job_id)
    messages.success(
        request,
        gettext("%(file)s sürüm %(number)s olarak yayımlandı.")
        % {"file": version.filename, "number": version.number},
    )
    return redirect(_documents_url(version.year))


@login_required
def published_download(request: HttpRequest, version_id: int) -> HttpResponse:
    """The frozen bytes, unchanged; their SHA-256 is the ETag."""
    version = published_for(request.user, version_id, Capability.DOCUMENTS_VIEW)
    response = HttpResponse(bytes(version.content), content_type=version.content_type)
    response["Content-Disposition"] = _attachment(version.filename)
    response["ETag"] = f'"{version.sha256}"'
    return response
