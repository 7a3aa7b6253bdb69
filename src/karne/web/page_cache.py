"""The monitoring pages' content, kept per worker process under the administration's revision.

The entry form and the overview are read far more often than their data changes (fifty clerks
reloading a quarter's form), and computing them (a dozen queries, statuses, a large template) is
most of a request. What they show depends only on the administration's data, the reader's role
and units, the language and the day, so their content is kept under a key of exactly those.
Every change of the data is trailed and the trail renews the revision in the same transaction
(`karne.organisation.services.revision_bump`): a cached page is never shown after the change is
committed, in any process. Only a plain GET is served from here; a failed save, a conflict or an
error page is computed afresh.

The content carries no CSRF token of its own: it is rendered with a mark where the token goes,
and each request's token replaces the mark as it is served.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from karne.accounts.access import own_units
from karne.accounts.models import Membership

CACHE = "pages"
_MARK = "karne-csrf-token-goes-here"


@dataclass(frozen=True)
class Content:
    title: str
    body: SafeString


def _key(membership: Membership | None, page: str, parts: tuple[Hashable, ...]) -> str:
    if membership is None:
        who: tuple[Hashable, ...] = ()
    else:
        administration = membership.administration
        who = (
            administration.pk,
            administration.revision,
            membership.role,
            tuple(sorted(own_units(membership))),
        )
    when = (translation.get_language(), timezone.localdate().isoformat())
    described = repr((page, who, when, parts))
    return hashlib.sha256(described.encode()).hexdigest()


def _with_token(request: HttpRequest, body: str) -> SafeString:
    """The body with the request's CSRF token (one masked token per request, however many
    kept parts the page has: masking is a good part of serving a kept page)."""
    token: str | None = getattr(request, "_karne_csrf_token", None)
    if token is None:
        token = get_token(request)
        setattr(request, "_karne_csrf_token", token)  # noqa: B010
    return mark_safe(body.replace(_MARK, token))


def render_content(
    request: HttpRequest, template: str, context: Mapping[str, object], title: str
) -> Content:
    """Render a content template (no `extends`) with the CSRF mark instead of the token."""
    body = render_to_string(template, {**context, "csrf_token": _MARK}, request=request)
    return Content(title, mark_safe(body))


def cached_content(
    request: HttpRequest,
    membership: Membership,
    page: str,
    parts: tuple[Hashable, ...],
    build: Callable[[], Content],
) -> Content:
    """The page's content from the cache, or built (and kept) if this revision has none yet.

    `build` does the page's own permission checks: a refused or missing page raises and is not
    kept. A kept page was allowed for the same role and units at the same revision, so serving
    it again needs no check of its own."""
    cache = caches[CACHE]
    key = _key(membership, page, parts)
    found = cache.get(key)
    if not isinstance(found, Content):
        found = build()
        cache.set(key, found)
    return found


def cached_header(request: HttpRequest, membership: Membership | None) -> SafeString:
    """The top of every page (navigation, who is signed in, sign-out and language forms), kept
    per person and address: it differs by person (their name) and by page (the language form
    returns to it), and it shows data (the budget year), so it is kept under the revision."""
    user = request.user
    person = (user.pk, user.get_username()) if user.is_authenticated else None
    key = _key(membership, "header", (person, request.get_full_path()))
    cache = caches[CACHE]
    found = cache.get(key)
    if not isinstance(found, str):
        found = render_to_string("karne/header.html", {"csrf_token": _MARK}, request=request)
        cache.set(key, found)
    return _with_token(request, found)


def page_context(request: HttpRequest, content: Content) -> dict[str, object]:
    """What `karne/page.html` shows: the content, kept or just made, with this request's CSRF
    token where its mark is."""
    return {"title": content.title, "content": _with_token(request, content.body)}
