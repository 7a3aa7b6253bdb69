"""The permission matrix, generated from the permission table: every URL × every persona.

Each URL of the application has a row below naming the capability it needs and the unit of
the object it reaches; the expected answer of each persona is computed from
`karne.core.permissions` (never written by hand), and every refusal is checked to have changed
nothing. A URL without a row fails `test_every_url_has_a_row`; every workflow move is a row of
its own.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import partial

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from karne.accounts.models import Membership
from karne.core.periods import SPPeriodCode
from karne.core.permissions import Capability, Permission, allows, may
from karne.core.workflow import TRANSITIONS, Action, Role
from karne.jobs.models import Job, JobState
from karne.monitoring.models import (
    ChangeRecord,
    ComputedFigure,
    MonitoringPeriod,
    Realization,
    Restatement,
    SPRealization,
    Submission,
)
from karne.monitoring.prep_selectors import prep_cells
from karne.monitoring.services import (
    EntryInput,
    preparation_open,
    preparation_save,
    sp_period_open,
    sp_weight_set,
)
from karne.monitoring.sp_selectors import sp_entry_rows
from karne.monitoring.workbook.kinds import STRATEGIC
from karne.monitoring.workbook.pending import pending_store
from karne.organisation.models import Administration, Duty, Unit
from karne.planning.models import PPIndicator, PPIndicatorValue, SPIndicator, SPIndicatorValue
from karne.publications.models import NarrativeSection, SectionWork
from karne.releases.models import PublishedVersion
from karne.structure.kinds import text_digest
from tests.web.prep_workbooks import TARGETS
from tests.web.prep_workbooks import export as prep_export
from tests.web.prep_workbooks import fill as prep_fill
from tests.web.workbooks import export, fill, sp_export

PERSONAS = ["strateji", "amir.ygm", "veri.ygm", "veri.ukgm", "okur", None]
YGM = "/donem/2023/1/birim/YGM/"
WORKBOOK = f"{YGM}yukle/<token>/"  # a workbook the persona uploaded, waiting for its confirm
JOB = "/belgeler/is/<job>/"  # a finished build of the strategy unit's
FUTURE = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
SP_H1 = "/sp-izleme/2023/H1/"  # the strategic plan's 2023 half-year, opened for its rows
SP_WORKBOOK = f"{SP_H1}birim/YGM/yukle/<token>/"  # the plan's form, uploaded and waiting
PREP = "/hazirlik/2024/"  # the preparation of the 2024 programme, opened for its rows
SECTION = "/metinler/FR2023/mali-bilgiler.butce-uygulama-sonuclari/"  # a section YGM writes
PREP_WORKBOOK = f"{PREP}birim/YGM/yukle/<token>/"  # a preparation workbook the persona uploaded
RESTATEMENTS = "/yeniden-duzenlemeler/"  # the strategy unit's; <restatement>: an open one

# URLs that are not the application's protected pages: sign-in, sign-out, language, health.
# The set-password page is open too: its link is the credential (tests/web/test_users.py).
# The second step of signing in is no capability: any signed-in person gives their own code
# there (tests/web/test_second_factor.py).
OPEN_URLS = {"login", "logout", "set_language", "health", "ready", "password-set", "otp-verify"}


@dataclass(frozen=True)
class Row:
    """A request and what it needs: `unit` is the unit of the object it reaches, None for a
    page of the whole administration (which a role with own-units scope sees filtered)."""

    url_name: str
    permission: Permission
    method: str
    url: str
    data: dict[str, str] = field(default_factory=dict)
    unit: str | None = None
    writes: bool = True  # an allowed post changes data (an upload only waits for its confirm)
    # An allowed write changes the administration's data, which renews its revision (the page
    # cache's key); a build job is the server's own work, shown on no kept page.
    renews: bool = True


ROWS: dict[str, Row] = {
    "home": Row("home", Capability.HOME_VIEW, "get", "/"),
    "entry": Row("entry", Capability.ENTRY_VIEW, "get", YGM, unit="YGM"),
    "entry-save": Row(
        "entry",
        Capability.ENTRY_EDIT,
        "post",
        YGM,
        {"value-GYH-01": "1.300.000", "ver-GYH-01": "0"},
        unit="YGM",
    ),
    "entry-workbook": Row(
        "entry-workbook", Capability.ENTRY_VIEW, "get", f"{YGM}form.xlsx", unit="YGM"
    ),
    "entry-workbook-upload": Row(
        "entry-workbook-upload",
        Capability.ENTRY_EDIT,
        "post",
        f"{YGM}yukle/",
        unit="YGM",
        writes=False,
    ),
    "entry-workbook-preview": Row(
        "entry-workbook-preview", Capability.ENTRY_EDIT, "get", WORKBOOK, unit="YGM"
    ),
    "entry-workbook-confirm": Row(
        "entry-workbook-confirm", Capability.ENTRY_EDIT, "post", WORKBOOK + "onayla/", unit="YGM"
    ),
    # The job that saved a large upload of the persona's (made done for the row).
    "entry-workbook-job": Row(
        "entry-workbook-job", Capability.ENTRY_EDIT, "get", WORKBOOK + "is/", unit="YGM"
    ),
    "entry-workbook-job-status": Row(
        "entry-workbook-job-status",
        Capability.ENTRY_EDIT,
        "get",
        WORKBOOK + "is/durum/",
        unit="YGM",
    ),
    "sp-workbook": Row(
        "sp-workbook", Capability.ENTRY_VIEW, "get", f"{SP_H1}birim/YGM/form.xlsx", unit="YGM"
    ),
    "sp-workbook-upload": Row(
        "sp-workbook-upload",
        Capability.ENTRY_EDIT,
        "post",
        f"{SP_H1}birim/YGM/yukle/",
        unit="YGM",
        writes=False,
    ),
    "sp-workbook-preview": Row(
        "sp-workbook-preview", Capability.ENTRY_EDIT, "get", SP_WORKBOOK, unit="YGM"
    ),
    "sp-workbook-confirm": Row(
        "sp-workbook-confirm", Capability.ENTRY_EDIT, "post", SP_WORKBOOK + "onayla/", unit="YGM"
    ),
    "sp-workbook-job": Row(
        "sp-workbook-job", Capability.ENTRY_EDIT, "get", SP_WORKBOOK + "is/", unit="YGM"
    ),
    "sp-workbook-job-status": Row(
        "sp-workbook-job-status",
        Capability.ENTRY_EDIT,
        "get",
        SP_WORKBOOK + "is/durum/",
        unit="YGM",
    ),
    "overview": Row("overview", Capability.OVERVIEW_VIEW, "get", "/izleme/2023/1/"),
    "sections": Row("sections", Capability.NARRATIVE_VIEW, "get", "/metinler/"),
    "section": Row("section", Capability.NARRATIVE_VIEW, "get", SECTION, unit="YGM"),
    "section-save": Row(
        "section",
        Capability.NARRATIVE_EDIT,
        "post",
        SECTION,
        {"body": "Bütçemiz [[butce:oran]] oranında kullanıldı.", "version": "1"},
        unit="YGM",
    ),
    "section-submit": Row(
        "section-move",
        Capability.NARRATIVE_EDIT,
        "post",
        f"{SECTION}islem/",
        {"action": "submit"},
        unit="YGM",
    ),
    "section-approve": Row(
        "section-move",
        Capability.NARRATIVE_REVIEW,
        "post",
        f"{SECTION}islem/",
        {"action": "approve"},
        unit="YGM",
    ),
    "section-return": Row(
        "section-move",
        Capability.NARRATIVE_REVIEW,
        "post",
        f"{SECTION}islem/",
        {"action": "return", "note": "Eksik."},
        unit="YGM",
    ),
    "section-unit": Row(
        "section-unit",
        Capability.NARRATIVE_REVIEW,
        "post",
        f"{SECTION}birim/",
        {"unit": "UKGM"},
        unit="YGM",
    ),
    "sp-period-open": Row(
        "sp-period-open",
        Capability.PERIOD_OPEN,
        "post",
        "/sp-izleme/ac/",
        {"year": "2023", "half": "Y", "deadline": FUTURE},
    ),
    "sp-overview": Row("sp-overview", Capability.OVERVIEW_VIEW, "get", SP_H1),
    "sp-period-remove": Row(
        "sp-period-remove", Capability.PERIOD_OPEN, "post", f"{SP_H1}kaldir/", {"reason": "hata"}
    ),
    "sp-entry": Row("sp-entry", Capability.ENTRY_VIEW, "get", f"{SP_H1}birim/YGM/", unit="YGM"),
    "sp-entry-save": Row(
        "sp-entry",
        Capability.ENTRY_EDIT,
        "post",
        f"{SP_H1}birim/YGM/",
        {"value-PG1.1.3": "18", "ver-PG1.1.3": "0"},
        unit="YGM",
    ),
    "prep-open": Row(
        "prep-open",
        Capability.PREPARATION_MANAGE,
        "post",
        "/hazirlik/ac/",
        {"year": "2024", "deadline": FUTURE},
    ),
    "prep-overview": Row("prep-overview", Capability.PREPARATION_VIEW, "get", PREP),
    "prep-ceilings": Row(
        "prep-ceilings",
        Capability.PREPARATION_MANAGE,
        "post",
        f"{PREP}tavan/",
        {"ceiling-2024": "9.000.000.000"},
    ),
    "prep-lock": Row("prep-lock", Capability.PREPARATION_MANAGE, "post", f"{PREP}kilitle/"),
    "prep-entry": Row(
        "prep-entry", Capability.PREPARATION_VIEW, "get", f"{PREP}birim/YGM/", unit="YGM"
    ),
    "prep-entry-save": Row(
        "prep-entry",
        Capability.PREPARATION_EDIT,
        "post",
        f"{PREP}birim/YGM/",
        {"value-GYH-01/2026": "1.100.000", "ver-GYH-01/2026": "0"},
        unit="YGM",
    ),
    "prep-workbook": Row(
        "prep-workbook",
        Capability.PREPARATION_VIEW,
        "get",
        f"{PREP}birim/YGM/excel/hazirlik-hedefleri.xlsx",
        unit="YGM",
    ),
    "prep-workbook-upload": Row(
        "prep-workbook-upload",
        Capability.PREPARATION_EDIT,
        "post",
        f"{PREP}birim/YGM/yukle/",
        unit="YGM",
        writes=False,
    ),
    "prep-workbook-preview": Row(
        "prep-workbook-preview", Capability.PREPARATION_EDIT, "get", PREP_WORKBOOK, unit="YGM"
    ),
    "prep-workbook-confirm": Row(
        "prep-workbook-confirm",
        Capability.PREPARATION_EDIT,
        "post",
        PREP_WORKBOOK + "onayla/",
        unit="YGM",
    ),
    "indicator": Row(
        "indicator", Capability.INDICATOR_VIEW, "get", "/gosterge/GYH-01/", unit="YGM"
    ),
    "indicator-history": Row(
        "indicator-history",
        Capability.INDICATOR_VIEW,
        "get",
        "/gosterge/GYH-01/gecmis.csv",
        unit="YGM",
    ),
    "indicator-target": Row(
        "indicator-target",
        Capability.TARGET_SET,
        "post",
        "/gosterge/GYH-01/hedef/",
        {"target": "1.300.000", "reason": "revizyon"},
        unit="YGM",
    ),
    "indicator-correction": Row(
        "indicator-correction",
        Capability.CORRECTION_SET,
        "post",
        "/gosterge/GYH-01/duzeltme/",
        {"period": "Q1", "correction": "Belge 1.237.830 bastı; girdi 1.237.803.", "seen": ""},
        unit="YGM",
    ),
    "restatements": Row("restatements", Capability.RESTATEMENT_DECIDE, "get", RESTATEMENTS),
    "restatement-decide": Row(
        "restatement-decide",
        Capability.RESTATEMENT_DECIDE,
        "post",
        f"{RESTATEMENTS}<restatement>/karar/",
        {"decision": "dismiss", "reason": "Geç gelen kayıtlar"},
    ),
    "budget": Row("budget", Capability.BUDGET_VIEW, "get", "/butce/2023/"),
    "trail": Row("trail", Capability.TRAIL_VIEW, "get", "/degisiklikler.csv"),
    "period-open": Row(
        "period-open",
        Capability.PERIOD_OPEN,
        "post",
        "/donem/ac/",
        {"year": "2023", "quarter": "2", "deadline": FUTURE},
    ),
    "period-remove": Row(
        "period-remove", Capability.PERIOD_OPEN, "post", "/donem/2023/1/kaldir/", {"reason": "hata"}
    ),
    "structure": Row("structure", Capability.STRUCTURE_VIEW, "get", "/yapi/"),
    "structure-new-form": Row(
        "structure-new", Capability.STRUCTURE_EDIT, "get", "/yapi/faaliyet/yeni/"
    ),
    "structure-new": Row(
        "structure-new",
        Capability.STRUCTURE_EDIT,
        "post",
        "/yapi/birim/yeni/",
        {"code": "YGM.YENI", "name": "Yeni", "parent": "YGM", "location": "central", "sort": "9"},
    ),
    "structure-edit-form": Row(
        "structure-edit", Capability.STRUCTURE_EDIT, "get", "/yapi/pp-gosterge/GYH-01/"
    ),
    "structure-edit": Row(
        "structure-edit",
        Capability.STRUCTURE_EDIT,
        "post",
        "/yapi/birim/YGM/",
        {"name": "Yabancılar GM", "parent": "GIB", "location": "central", "sort": "2"}
        | {"is_spending_unit": "true"},
    ),
    "structure-delete": Row(
        "structure-delete", Capability.STRUCTURE_EDIT, "post", "/yapi/sp-hedef/PG1.1.3/2023/sil/"
    ),
    # <duty>: the key of YGM's second duty (its unit and a digest of its text).
    "structure-duty-edit": Row(
        "structure-edit",
        Capability.STRUCTURE_EDIT,
        "post",
        "/yapi/gorev/<duty>/",
        {"text": "Yabancıların ikamet işlemlerini yürütmek.", "valid_from": "", "valid_to": ""},
    ),
    "structure-duty-move": Row(
        "structure-duty-move",
        Capability.STRUCTURE_EDIT,
        "post",
        "/yapi/gorev/<duty>/tasi/",
        {"direction": "up"},
    ),
    "users": Row("users", Capability.USERS_MANAGE, "get", "/kullanicilar/"),
    "user-invite": Row(
        "user-invite",
        Capability.USERS_MANAGE,
        "post",
        "/kullanicilar/davet/",
        {"username": "yeni.kisi", "first_name": "Yeni", "role": "clerk", "units": "YGM"},
    ),
    "user": Row("user", Capability.USERS_MANAGE, "get", "/kullanicilar/kisi/veri.ygm/"),
    "user-role": Row(
        "user-role",
        Capability.USERS_MANAGE,
        "post",
        "/kullanicilar/kisi/veri.ygm/rol/",
        {"role": "head", "units": "YGM"},
    ),
    "user-active": Row(
        "user-active",
        Capability.USERS_MANAGE,
        "post",
        "/kullanicilar/kisi/veri.ygm/etkin/",
        {"active": "0"},
    ),
    "user-link": Row(
        "user-link", Capability.USERS_MANAGE, "post", "/kullanicilar/kisi/veri.ygm/baglanti/"
    ),
    "user-totp-reset": Row(
        "user-totp-reset",
        Capability.USERS_MANAGE,
        "post",
        "/kullanicilar/kisi/veri.ygm/iki-adim-sifirla/",
        writes=False,  # veri.ygm has no device: an allowed reset has nothing to remove
    ),
    "totp-require": Row(
        "totp-require",
        Capability.USERS_MANAGE,
        "post",
        "/kullanicilar/iki-adim/",
        {"roles": "admin"},
    ),
    "documents": Row("documents", Capability.DOCUMENTS_VIEW, "get", "/belgeler/?yil=2023"),
    "document-build": Row(
        "document-build",
        Capability.DOCUMENTS_BUILD,
        "post",
        "/belgeler/hazirla/",
        {"document": "faaliyet-raporu", "year": "2023", "format": "xlsx"},
        renews=False,
    ),
    "published-download": Row(
        "published-download", Capability.DOCUMENTS_VIEW, "get", "/belgeler/surum/<version>/"
    ),
    "job": Row("job", Capability.DOCUMENTS_BUILD, "get", f"{JOB}"),
    "job-status": Row("job-status", Capability.DOCUMENTS_BUILD, "get", f"{JOB}durum/"),
    "job-download": Row("job-download", Capability.DOCUMENTS_BUILD, "get", f"{JOB}dosya/"),
    "job-publish": Row("job-publish", Capability.DOCUMENTS_BUILD, "post", f"{JOB}yayimla/"),
    "account": Row("account", Capability.HOME_VIEW, "get", "/hesap/"),
    "otp-enrol": Row("otp-enrol", Capability.HOME_VIEW, "get", "/hesap/iki-adim/"),
    "otp-remove": Row(
        "otp-remove",
        Capability.HOME_VIEW,
        "post",
        "/hesap/iki-adim/kapat/",
        writes=False,  # the personas have no device: nothing to remove
    ),
    **{
        f"act-{action.value}": Row(
            "act", action, "post", "act", {"action": action.value, "reason": "gerekçe"}, "YGM"
        )
        for action in Action
    },
    # The same moves on a strategic-plan submission (the approval writes the year's actuals).
    **{
        f"sp-act-{action.value}": Row(
            "act", action, "post", "sp-act", {"action": action.value, "reason": "gerekçe"}, "YGM"
        )
        for action in Action
    },
    # And on a unit's proposal for next year's programme.
    **{
        f"prep-act-{action.value}": Row(
            "act", action, "post", "prep-act", {"action": action.value, "reason": "gerekçe"}, "YGM"
        )
        for action in Action
    },
}


def _url_names(patterns: list[URLPattern | URLResolver]) -> set[str]:
    names: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            names |= _url_names(p.url_patterns)
        elif p.name:
            names.add(p.name)
    return names


def test_every_url_has_a_row() -> None:
    """A new page or action needs its row here (and its capability in the table)."""
    assert _url_names(get_resolver().url_patterns) - OPEN_URLS == {
        r.url_name for r in ROWS.values()
    }


# Capabilities that no page offers yet: checked on their service below (storing computed
# figures is the command line's, `karne indicators compute --store`).
SERVICE_ONLY = {Capability.WEIGHT_SET, Capability.COMPUTED_STORE}


def test_every_capability_and_move_is_exercised() -> None:
    assert {r.permission for r in ROWS.values()} | SERVICE_ONLY == {*Capability, *Action}


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p])
def test_weight_service_follows_the_table(persona: str, site: MonitoringPeriod) -> None:
    membership = Membership.objects.get(user__username=persona)
    before = snapshot_weights()
    call = partial(
        sp_weight_set,
        user=membership.user,
        indicator="PG1.1.3",
        weight=Decimal(35),
        reason="yeniden dengeleme",
    )
    if may(membership.role_enum, Capability.WEIGHT_SET):
        assert call().weight == Decimal(35)
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert snapshot_weights() == before


def snapshot_weights() -> list[object]:
    return [*SPIndicator.objects.order_by("pk").values_list("weight"), ChangeRecord.objects.count()]


def expected(persona: str | None, row: Row) -> int:
    if persona is None:
        return 302  # to the sign-in page
    membership = Membership.objects.get(user__username=persona)
    own = set(membership.units.values_list("code", flat=True))
    role = membership.role_enum
    allowed = (
        may(role, row.permission)
        if row.unit is None
        else allows(role, row.permission, row.unit, own)
    )
    if not allowed:
        return 403
    return 302 if row.method == "post" else 200


def snapshot() -> tuple[object, ...]:
    return (
        list(Realization.objects.order_by("pk").values_list("value", "explanation", "version")),
        list(Submission.objects.order_by("pk").values_list("state", "comment")),
        list(PPIndicatorValue.objects.order_by("pk").values_list("value")),
        list(SPRealization.objects.order_by("pk").values_list("value", "explanation", "version")),
        list(SPIndicatorValue.objects.order_by("pk").values_list("actual")),
        MonitoringPeriod.objects.count(),
        ChangeRecord.objects.count(),
        Job.objects.count(),
        PublishedVersion.objects.count(),
        list(NarrativeSection.objects.order_by("pk").values_list("summary")),
        list(SectionWork.objects.order_by("pk").values_list("unit", "state", "draft", "version")),
        list(Restatement.objects.order_by("pk").values_list("state", "reason")),
    )


def _revisions() -> list[int]:
    """What the page cache keys on: it must change with every write (karne/web/page_cache.py)."""
    return list(Administration.objects.order_by("pk").values_list("revision", flat=True))


def _prepare_release(url: str) -> str:
    """A finished build (and a published version of other bytes) for the rows that need one."""
    admin = Membership.objects.get(user__username="strateji")
    job = Job.objects.create(
        administration=admin.administration,
        kind="report",
        key="report:faaliyet-raporu:2023:xlsx",
        params={"document": "faaliyet-raporu", "year": 2023, "format": "xlsx"},
        state=JobState.DONE,
        result=b"built",
        size=5,
        filename="faaliyet-raporu-2023.xlsx",
        content_type="application/octet-stream",
        requested_by=admin.user,
    )
    version = PublishedVersion.objects.create(
        administration=admin.administration,
        document="faaliyet-raporu",
        year=2023,
        format="xlsx",
        number=1,
        filename="faaliyet-raporu-2023.xlsx",
        content_type="application/octet-stream",
        content=b"published",
        sha256=hashlib.sha256(b"published").hexdigest(),
        size=9,
        published_by_name="strateji",
    )
    return url.replace("<job>", str(job.pk)).replace("<version>", str(version.pk))


def _prepare_restatement() -> int:
    """An open restatement of GYH-01's first quarter (computed again after it was sent)."""
    computed = ComputedFigure.objects.create(
        indicator=PPIndicator.objects.get(code="GYH-01", year=2023),
        year=2023,
        period="Q1",
        value=Decimal(1240512),
        definition="ikamet-aktif",
        definition_hash="sha256:ab",
        fingerprint="sha256:cd",
        computed_at=timezone.now(),
    )
    return Restatement.objects.create(
        figure=computed,
        stored=Decimal(1237803),
        computed=Decimal(1240512),
        fingerprint="sha256:cd",
        found_at=timezone.now(),
    ).pk


def _duty_key() -> str:
    """The key of YGM's second duty (it can move up)."""
    texts = (
        Duty.objects.filter(unit__code="YGM").order_by("position").values_list("text", flat=True)
    )
    return f"YGM/{text_digest(texts[1])}"


def _workbook(sp: bool) -> bytes:
    """The YGM form with one changed value, as any persona could have filled it in: the
    quarter's, or the strategic plan's half-year."""
    if sp:
        return fill(sp_export("strateji"), {("PG1.1.3", "value"): 18}, "H1", STRATEGIC)
    return fill(export("strateji"), {("GYH-01", "value"): "1.300.000"})


def _prepare_workbook(row: Row, persona: str | None) -> tuple[str, dict[str, object]]:
    """The URL and data of a workbook row: the file to upload, or the persona's own token."""
    sp = row.url_name.startswith("sp-")
    if row.url_name.endswith("-workbook-upload"):
        return row.url, {"file": SimpleUploadedFile("form.xlsx", _workbook(sp))}
    user = get_user_model().objects.get(username=persona) if persona else AnonymousUser()
    token = pending_store(user, "form.xlsx", _workbook(sp))
    if "-workbook-job" in row.url_name and persona is not None:
        Job.objects.create(
            administration=Membership.objects.get(user__username=persona).administration,
            kind="workbook-apply",
            key=f"workbook:{user.pk}:{token}",
            state=JobState.DONE,
            result=b'{"ok": true, "saved": 1, "conflict": false, "file": "form.xlsx"}',
            requested_by_id=user.pk,
        )
    return row.url.replace("<token>", token), dict(row.data)


def _prepare_prep_workbook(row: Row, persona: str | None) -> tuple[str, dict[str, object]]:
    """The YGM targets' workbook with one new target: the file to upload, or the persona's
    own token for it."""
    content = prep_fill(
        prep_export(TARGETS, "strateji"), TARGETS, {("GYH-01", "2026"): "1.100.000"}
    )
    if row.url_name == "prep-workbook-upload":
        return row.url, {"file": SimpleUploadedFile("hedefler.xlsx", content)}
    user = get_user_model().objects.get(username=persona) if persona else AnonymousUser()
    token = pending_store(user, "hedefler.xlsx", content)
    return row.url.replace("<token>", token), dict(row.data)


def _prepare_move(site: MonitoringPeriod, action: Action) -> str:
    """Put the YGM submission in the state the move leaves, complete enough to submit."""
    source = next(s for (s, a) in TRANSITIONS if a is action)
    submission = Submission.objects.get(period=site, unit__code="YGM")
    Submission.objects.filter(pk=submission.pk).update(state=source.value)
    Realization.objects.filter(indicator__responsible_unit__code="YGM", period="Q1").update(
        explanation="Dönemsel etki."
    )
    return f"/basvuru/{submission.pk}/islem/"


def _open_sp_half_year() -> MonitoringPeriod:
    return sp_period_open(
        user=get_user_model().objects.get(username="strateji"),
        year=2023,
        code=SPPeriodCode.H1,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )


def _prepare_sp_move(action: Action) -> str:
    """The YGM submission of the SP half-year in the state the move leaves, every C entered."""
    period = _open_sp_half_year()
    source = next(s for (s, a) in TRANSITIONS if a is action)
    submission = Submission.objects.get(period=period, unit__code="YGM")
    Submission.objects.filter(pk=submission.pk).update(state=source.value)
    for row in sp_entry_rows(period, submission.unit):
        SPRealization.objects.create(
            indicator=SPIndicator.objects.get(code=row.code),
            year=2023,
            period="H1",
            value=row.target,
            explanation="Dönemsel etki.",
        )
    return f"/basvuru/{submission.pk}/islem/"


def _prepare_section(name: str) -> None:
    """The section YGM writes, in the state its row's move leaves: a draft to send, a sent
    text to return or approve; version 1 (the save row's form saw it)."""
    section = NarrativeSection.objects.get(
        document__code="FR2023", section_id="mali-bilgiler.butce-uygulama-sonuclari"
    )
    state = {"section-approve": "submitted", "section-return": "submitted"}.get(name, "draft")
    SectionWork.objects.create(
        section=section,
        unit=Unit.objects.get(code="YGM"),
        state=state,
        draft="Bütçe uygulama sonuçlarımız.",
        version=1,
    )


def _open_preparation() -> MonitoringPeriod:
    return preparation_open(
        user=get_user_model().objects.get(username="strateji"),
        year=2024,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )


def _prepare_prep_move(action: Action) -> str:
    """The YGM proposal complete, in the state the move leaves."""
    period = _open_preparation()
    source = next(s for (s, a) in TRANSITIONS if a is action)
    submission = Submission.objects.get(period=period, unit__code="YGM")
    entries = [
        EntryInput(c.code, Decimal(1_000_000), None, None, "", c.version, confirmed=True)
        for c in prep_cells(period, submission.unit)
        if c.value is None and c.kind == "target"
    ]
    preparation_save(
        user=get_user_model().objects.get(username="veri.ygm"),
        period=period,
        unit=submission.unit,
        entries=entries,
    )
    Submission.objects.filter(pk=submission.pk).update(state=source.value)
    return f"/basvuru/{submission.pk}/islem/"


@pytest.mark.parametrize("name", sorted(ROWS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(
    name: str, persona: str | None, as_user: Callable[[str], Client], site: MonitoringPeriod
) -> None:
    row = ROWS[name]
    url = row.url
    if url.startswith(SP_H1):
        _open_sp_half_year()
    if url.startswith(SECTION):
        _prepare_section(name)
    if url.startswith(PREP):
        period = _open_preparation()
        if row.url_name == "prep-lock":  # every unit approved: the lock is all that is left
            Submission.objects.filter(period=period).update(state="locked")
    if url == "prep-act":
        assert isinstance(row.permission, Action)
        url = _prepare_prep_move(row.permission)
    elif url == "sp-act":
        assert isinstance(row.permission, Action)
        url = _prepare_sp_move(row.permission)
    elif isinstance(row.permission, Action):
        url = _prepare_move(site, row.permission)
    data: dict[str, object] = dict(row.data)
    if row.url_name.startswith(("entry-workbook-", "sp-workbook-")):
        url, data = _prepare_workbook(row, persona)
    elif row.url_name in ("prep-workbook-upload", "prep-workbook-preview", "prep-workbook-confirm"):
        url, data = _prepare_prep_workbook(row, persona)
    if "<job>" in url or "<version>" in url:
        url = _prepare_release(url)
    if "<restatement>" in url:
        url = url.replace("<restatement>", str(_prepare_restatement()))
    if "<duty>" in url:
        url = url.replace("<duty>", _duty_key())
    client = as_user(persona) if persona else Client()
    before, revisions = snapshot(), _revisions()
    response = getattr(client, row.method)(url, data)
    assert response.status_code == expected(persona, row), (name, persona)
    if not row.writes:
        assert snapshot() == before
        assert _revisions() == revisions
    elif response.status_code in (302, 200) and row.method == "post" and persona is not None:
        assert snapshot() != before  # an allowed write wrote something
        assert (_revisions() != revisions) == row.renews  # kept pages are not shown again
    elif row.method == "post":
        assert snapshot() == before  # a refused write changed nothing
        assert _revisions() == revisions
    if persona is None:
        assert response["Location"].startswith("/giris/")


def test_the_table_gives_each_role_what_the_workflow_needs() -> None:
    """Spot checks that the generated matrix is not vacuous: each role can do its own job."""
    assert allows(Role.CLERK, Capability.ENTRY_EDIT, "YGM", {"YGM"})
    assert not allows(Role.CLERK, Capability.ENTRY_EDIT, "UKGM", {"YGM"})
    assert allows(Role.HEAD, Action.HEAD_APPROVE, "YGM", {"YGM"})
    assert allows(Role.ADMIN, Action.ADMIN_APPROVE, "YGM", set())
    assert not may(Role.READER, Capability.ENTRY_EDIT)
    assert not may(Role.CLERK, Capability.BUDGET_VIEW)


def test_another_administration_sees_and_changes_nothing(site: MonitoringPeriod) -> None:
    """An administrator of a second administration, with ids guessed from this one."""
    from django.contrib.auth import get_user_model

    from karne.accounts.services import member_create
    from karne.core.workflow import Role
    from karne.datasets.services import dataset_load
    from tests.audit.factory import clean_dataset

    dataset_load(dataset=clean_dataset())
    member_create(administration="test-idare", username="baska", password="x" * 14, role=Role.ADMIN)
    client = Client()
    client.force_login(get_user_model().objects.get(username="baska"))
    submission = Submission.objects.get(period=site, unit__code="YGM")
    before = snapshot()
    assert (
        client.post(
            f"/basvuru/{submission.pk}/islem/", {"action": "reopen", "reason": "x"}
        ).status_code
        == 403
    )
    assert client.get("/gosterge/GYH-01/").status_code == 403
    assert client.get(YGM).status_code == 403
    assert client.get("/izleme/2023/1/").status_code == 404
    assert client.post("/gosterge/GYH-01/hedef/", {"target": "1", "reason": "x"}).status_code == 403
    assert client.get("/yapi/birim/YGM/").status_code == 404
    assert client.post("/yapi/birim/YGM/", {"name": "x"}).status_code == 404
    assert client.post("/yapi/sp-hedef/PG1.1.3/2023/sil/").status_code == 404
    assert "YGM" not in client.get("/yapi/").content.decode()
    assert snapshot() == before
