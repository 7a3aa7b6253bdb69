"""Starting a document build and publishing what it made: the strategy unit's writes."""

from __future__ import annotations

import hashlib
import logging

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from karne.accounts.access import User, job_for, require
from karne.core.permissions import Capability
from karne.datasets.selectors import dataset_read
from karne.jobs.models import Job, JobState
from karne.jobs.services import job_start
from karne.monitoring.services.trail import record_change
from karne.releases.builds import builds_of, fingerprint, parse_build
from karne.releases.models import PublishedVersion

log = logging.getLogger("karne.actions")


class ReleaseRefused(Exception):
    """A build or a publication that cannot be made; the message says why, nothing changed."""


def document_build_start(*, user: User, document: str, year: int, fmt: str) -> tuple[Job, bool]:
    """The job building the document (shared with one already building it, or one that built
    it from the same data today), and whether it is new."""
    membership = require(user, Capability.DOCUMENTS_BUILD)
    build = parse_build(document, year, fmt)
    code = membership.administration.code
    dataset = dataset_read(administration=code)
    kinds = {d.kind.value for d in dataset.documents if d.year == year}
    if build is None or build not in builds_of(kinds, year):
        raise ReleaseRefused(gettext("Bu yıl için böyle bir belge yok."))
    return job_start(
        administration=membership.administration,
        user=membership.user,
        kind=build.kind,
        key=build.key,
        params=build.params(code),
        fingerprint=fingerprint(dataset, timezone.localdate()),
    )


def version_publish(*, user: User, job_id: int) -> PublishedVersion:
    """Freeze a finished build's bytes as the next version of its document, year and format;
    trailed (subject `document`, the hash as the new value). The same bytes twice are refused."""
    membership, job = job_for(user, job_id, Capability.DOCUMENTS_BUILD)
    if job.state != JobState.DONE or job.result is None:
        raise ReleaseRefused(gettext("Yalnızca hazırlanmış bir belge yayımlanabilir."))
    content = bytes(job.result)
    digest = hashlib.sha256(content).hexdigest()
    document, year, fmt = str(job.params["document"]), int(job.params["year"]), job.params["format"]
    try:
        with transaction.atomic():
            same = PublishedVersion.objects.filter(
                administration=membership.administration, document=document, year=year, format=fmt
            )
            earlier = same.filter(sha256=digest).first()
            if earlier is not None:
                raise ReleaseRefused(
                    gettext("Bu dosya zaten yayımlandı (sürüm %(number)s).")
                    % {"number": earlier.number}
                )
            number = (same.aggregate(n=Max("number"))["n"] or 0) + 1
            version = PublishedVersion.objects.create(
                administration=membership.administration,
                document=document,
                year=year,
                format=fmt,
                number=number,
                filename=job.filename,
                content_type=job.content_type,
                content=content,
                sha256=digest,
                size=len(content),
                published_by=membership.user,
                published_by_name=membership.user.get_username(),
            )
            record_change(
                membership,
                "document",
                f"{document}/{year}/{fmt}",
                "publish",
                "",
                f"{number} sha256:{digest}",
            )
    except IntegrityError:
        raise ReleaseRefused(
            gettext("Aynı anda başka bir sürüm yayımlandı; sayfayı yenileyip yeniden deneyin.")
        ) from None
    return version
