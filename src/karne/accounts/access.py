"""Permission-checked lookups: views and services never fetch a protected object any other way.

Each lookup reads the one permission table (`karne.core.permissions`): a capability the person's
role has not at all is refused before anything is read; an object of a unit outside the
person's reach is refused like one that does not exist in their administration. Every refusal
raises PermissionDenied (403) and changes nothing; a period that does not exist is 404.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import Model, QuerySet
from django.http import Http404

from karne.accounts.models import Membership
from karne.core.periods import PeriodKind, SPPeriodCode
from karne.core.permissions import Permission, Scope, allows, may, scope_of
from karne.jobs.models import Job
from karne.monitoring.models import MonitoringPeriod, Submission
from karne.organisation.models import Unit
from karne.planning.models import PPIndicator, SPIndicator
from karne.publications.models import NarrativeSection, SectionWork
from karne.releases.models import PublishedVersion

User = AbstractBaseUser | AnonymousUser
M = TypeVar("M", bound=Model)


def membership_of(user: User) -> Membership:
    """The person's membership, read once per request (kept on the user object)."""
    if not user.is_authenticated:
        raise PermissionDenied
    cached: Membership | None = getattr(user, "_karne_membership", None)
    if cached is None:
        # One per person (a one-to-one field): no ordering to add, as first() would.
        found = list(Membership.objects.select_related("administration").filter(user_id=user.pk))
        if not found:
            raise PermissionDenied
        cached = found[0]
        cached.user = user  # type: ignore[assignment]  # the signed-in person, already read
        setattr(user, "_karne_membership", cached)  # noqa: B010
    return cached


def optional_membership(user: User) -> Membership | None:
    try:
        return membership_of(user)
    except PermissionDenied:
        return None


def own_units(membership: Membership) -> frozenset[str]:
    """The codes of the membership's units, read once per request. Every page asks (the
    permission table and the page cache's key need them), so this is one plain statement
    rather than an ORM query that costs more to build than to run."""
    cached: frozenset[str] | None = getattr(membership, "_karne_units", None)
    if cached is None:
        links = Membership.units.through._meta.db_table
        units = Unit._meta.db_table
        with connections[Membership.objects.db].cursor() as cursor:
            cursor.execute(
                f"SELECT u.code FROM {units} u JOIN {links} m ON m.unit_id = u.id "
                "WHERE m.membership_id = %s",
                [membership.pk],
            )
            cached = frozenset(code for (code,) in cursor.fetchall())
        setattr(membership, "_karne_units", cached)  # noqa: B010
    return cached


def member_units(membership: Membership) -> list[Unit]:
    """The units the membership names (a clerk's or a head's), in the documents' order."""
    return list(membership.units.order_by("position"))


def require(user: User, permission: Permission) -> Membership:
    """The person's membership, if their role has the capability for some unit."""
    membership = membership_of(user)
    if not may(membership.role_enum, permission):
        raise PermissionDenied
    return membership


def check_unit(membership: Membership, permission: Permission, unit: str | None) -> None:
    if not allows(membership.role_enum, permission, unit, own_units(membership)):
        raise PermissionDenied


def can(membership: Membership, permission: Permission, unit: str | None) -> bool:
    """For what a page offers (buttons, inputs); the action itself checks again."""
    return allows(membership.role_enum, permission, unit, own_units(membership))


def restrict(
    queryset: QuerySet[M], membership: Membership, permission: Permission, unit_code_path: str
) -> QuerySet[M]:
    """Only the rows of units within the person's reach (`unit_code_path`: the ORM path from
    the row to its unit's code)."""
    scope = scope_of(membership.role_enum, permission)
    if scope is Scope.ALL:
        return queryset
    if scope is Scope.NONE:
        return queryset.none()
    return queryset.filter(**{f"{unit_code_path}__in": own_units(membership)})


def unit_for(user: User, code: str, permission: Permission) -> tuple[Membership, Unit]:
    membership = require(user, permission)
    unit = Unit.objects.filter(administration=membership.administration, code=code).first()
    if unit is None:
        raise PermissionDenied
    check_unit(membership, permission, unit.code)
    return membership, unit


def period_for(membership: Membership, year: int, quarter: int) -> MonitoringPeriod:
    period = (
        MonitoringPeriod.objects.select_related("administration")
        .filter(
            administration=membership.administration,
            kind=PeriodKind.QUARTER.value,
            year=year,
            quarter=quarter,
        )
        .first()
    )
    if period is None:
        raise Http404
    return period


def sp_period_for(membership: Membership, year: int, code: SPPeriodCode) -> MonitoringPeriod:
    """A strategic-plan monitoring period (half-year or year-end) of the administration."""
    period = (
        MonitoringPeriod.objects.select_related("administration")
        .filter(
            administration=membership.administration,
            kind=PeriodKind.SP.value,
            year=year,
            quarter=code.last_quarter,
        )
        .first()
    )
    if period is None:
        raise Http404
    return period


def preparation_for(
    membership: Membership, year: int, *, for_update: bool = False
) -> MonitoringPeriod:
    """The preparation of the administration's programme of `year` (404 when not opened)."""
    rows = MonitoringPeriod.objects.select_for_update() if for_update else MonitoringPeriod.objects
    period = (
        rows.select_related("administration")
        .filter(
            administration=membership.administration,
            kind=PeriodKind.PREPARATION.value,
            year=year,
        )
        .first()
    )
    if period is None:
        raise Http404
    return period


def submission_for(membership: Membership, period: MonitoringPeriod, unit: Unit) -> Submission:
    submission = Submission.objects.filter(period=period, unit=unit).first()
    if submission is None:
        raise Http404
    return submission


def submission_by_id(
    membership: Membership, submission_id: int, permission: Permission, *, for_update: bool = False
) -> Submission:
    """A submission of the person's administration and of a unit within their reach."""
    rows = Submission.objects.select_for_update() if for_update else Submission.objects.all()
    submission = (
        rows.select_related("period", "unit")
        .filter(pk=submission_id, period__administration=membership.administration)
        .first()
    )
    if submission is None:
        raise PermissionDenied
    check_unit(membership, permission, submission.unit.code)
    return submission


def indicator_for(membership: Membership, code: str, permission: Permission) -> PPIndicator:
    """A performance-programme indicator whose responsible unit is within reach."""
    indicator = (
        PPIndicator.objects.select_related("responsible_unit", "sub_program")
        .filter(code=code, sub_program__program__administration=membership.administration)
        .first()
    )
    if indicator is None:
        raise PermissionDenied
    unit = indicator.responsible_unit.code if indicator.responsible_unit else None
    check_unit(membership, permission, unit)
    return indicator


def sp_indicator_for(
    membership: Membership, code: str, permission: Permission, *, for_update: bool = False
) -> SPIndicator:
    rows = SPIndicator.objects.select_for_update() if for_update else SPIndicator.objects.all()
    indicator = rows.filter(
        code=code, objective__aim__plan__administration=membership.administration
    ).first()
    if indicator is None:
        raise PermissionDenied
    check_unit(membership, permission, None)
    return indicator


def job_for(user: User, job_id: int, permission: Permission) -> tuple[Membership, Job]:
    """A background job of the person's administration (another's is 404, like a missing one)."""
    membership = require(user, permission)
    job = Job.objects.filter(pk=job_id, administration=membership.administration).first()
    if job is None:
        raise Http404
    return membership, job


def published_for(user: User, version_id: int, permission: Permission) -> PublishedVersion:
    membership = require(user, permission)
    version = PublishedVersion.objects.filter(
        pk=version_id, administration=membership.administration
    ).first()
    if version is None:
        raise Http404
    return version


def section_for(
    user: User, document: str, section: str, permission: Permission, *, for_update: bool = False
) -> tuple[Membership, NarrativeSection, SectionWork]:
    """A section of one of the administration's documents with its work row — unsaved until
    its first write when it has none (a loaded text is the approved one, no unit named).
    `permission` is checked on the section's unit: a section no unit answers for is the
    strategy unit's (all-units scope) only."""
    membership = require(user, permission)
    found = NarrativeSection.objects.filter(
        document__administration=membership.administration,
        document__code=document,
        section_id=section,
    )
    if for_update:
        found = found.select_for_update()
    narrative = found.select_related("document").first()
    if narrative is None:
        raise Http404
    works = SectionWork.objects.filter(section=narrative)
    # Locked alone: PostgreSQL locks no row of a nullable join (the unit is read after).
    works = works.select_for_update() if for_update else works.select_related("unit")
    work = works.first() or SectionWork(section=narrative, draft=narrative.summary)
    check_unit(membership, permission, work.unit.code if work.unit else None)
    return membership, narrative, work
