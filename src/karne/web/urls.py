from __future__ import annotations

from django.urls import include, path

from karne.web.views.account import (
    account,
    otp_enrol,
    otp_remove,
    otp_verify,
    totp_require_view,
)
from karne.web.views.auth import ThrottledLoginView, logout_view
from karne.web.views.budget import budget
from karne.web.views.computed import restatement_decide_view, restatements
from karne.web.views.documents import (
    document_build,
    documents,
    job,
    job_download,
    job_publish,
    job_status_json,
    published_download,
)
from karne.web.views.entry import act, entry
from karne.web.views.home import health, home, period_open_view, period_remove_view, ready
from karne.web.views.indicators import correction, history_csv, indicator, target
from karne.web.views.overview import overview
from karne.web.views.prep_workbook import (
    prep_workbook_confirm,
    prep_workbook_download,
    prep_workbook_preview_page,
    prep_workbook_upload,
)
from karne.web.views.preparation import (
    prep_ceilings,
    prep_entry,
    prep_lock,
    prep_open,
    prep_overview_view,
)
from karne.web.views.sections import section_move, section_unit, section_view, sections_index
from karne.web.views.sp_monitoring import (
    sp_entry,
    sp_overview_view,
    sp_period_open_view,
    sp_period_remove_view,
)
from karne.web.views.structure import (
    structure,
    structure_duty_move,
    structure_edit,
    structure_new,
    structure_remove,
)
from karne.web.views.trail import trail_csv
from karne.web.views.users import (
    password_set_view,
    user,
    user_active_view,
    user_invite_view,
    user_link_view,
    user_role_view,
    user_second_factor_reset_view,
    users,
)
from karne.web.views.workbook import (
    sp_workbook_confirm,
    sp_workbook_download,
    sp_workbook_job,
    sp_workbook_job_status,
    sp_workbook_preview_page,
    sp_workbook_upload,
    workbook_confirm,
    workbook_download,
    workbook_job,
    workbook_job_status,
    workbook_preview_page,
    workbook_upload,
)

urlpatterns = [
    path("", home, name="home"),
    path("giris/", ThrottledLoginView.as_view(), name="login"),
    path("cikis/", logout_view, name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("saglik/", health, name="health"),
    path("saglik/hazir/", ready, name="ready"),
    path("donem/ac/", period_open_view, name="period-open"),
    path("donem/<int:year>/<int:quarter>/kaldir/", period_remove_view, name="period-remove"),
    path("donem/<int:year>/<int:quarter>/birim/<str:unit>/", entry, name="entry"),
    path(
        "donem/<int:year>/<int:quarter>/birim/<str:unit>/form.xlsx",
        workbook_download,
        name="entry-workbook",
    ),
    path(
        "donem/<int:year>/<int:quarter>/birim/<str:unit>/yukle/",
        workbook_upload,
        name="entry-workbook-upload",
    ),
    path(
        "donem/<int:year>/<int:quarter>/birim/<str:unit>/yukle/<str:token>/",
        workbook_preview_page,
        name="entry-workbook-preview",
    ),
    path(
        "donem/<int:year>/<int:quarter>/birim/<str:unit>/yukle/<str:token>/onayla/",
        workbook_confirm,
        name="entry-workbook-confirm",
    ),
    path(
        "donem/<int:year>/<int:quarter>/birim/<str:unit>/yukle/<str:token>/is/",
        workbook_job,
        name="entry-workbook-job",
    ),
    path(
        "donem/<int:year>/<int:quarter>/birim/<str:unit>/yukle/<str:token>/is/durum/",
        workbook_job_status,
        name="entry-workbook-job-status",
    ),
    path("basvuru/<int:submission_id>/islem/", act, name="act"),
    path("izleme/<int:year>/<int:quarter>/", overview, name="overview"),
    path("sp-izleme/ac/", sp_period_open_view, name="sp-period-open"),
    path("sp-izleme/<int:year>/<str:half>/", sp_overview_view, name="sp-overview"),
    path(
        "sp-izleme/<int:year>/<str:half>/kaldir/",
        sp_period_remove_view,
        name="sp-period-remove",
    ),
    path("sp-izleme/<int:year>/<str:half>/birim/<str:unit>/", sp_entry, name="sp-entry"),
    path(
        "sp-izleme/<int:year>/<str:half>/birim/<str:unit>/form.xlsx",
        sp_workbook_download,
        name="sp-workbook",
    ),
    path(
        "sp-izleme/<int:year>/<str:half>/birim/<str:unit>/yukle/",
        sp_workbook_upload,
        name="sp-workbook-upload",
    ),
    path(
        "sp-izleme/<int:year>/<str:half>/birim/<str:unit>/yukle/<str:token>/",
        sp_workbook_preview_page,
        name="sp-workbook-preview",
    ),
    path(
        "sp-izleme/<int:year>/<str:half>/birim/<str:unit>/yukle/<str:token>/onayla/",
        sp_workbook_confirm,
        name="sp-workbook-confirm",
    ),
    path(
        "sp-izleme/<int:year>/<str:half>/birim/<str:unit>/yukle/<str:token>/is/",
        sp_workbook_job,
        name="sp-workbook-job",
    ),
    path(
        "sp-izleme/<int:year>/<str:half>/birim/<str:unit>/yukle/<str:token>/is/durum/",
        sp_workbook_job_status,
        name="sp-workbook-job-status",
    ),
    path("metinler/", sections_index, name="sections"),
    path("metinler/<str:document>/<str:section>/", section_view, name="section"),
    path("metinler/<str:document>/<str:section>/islem/", section_move, name="section-move"),
    path("metinler/<str:document>/<str:section>/birim/", section_unit, name="section-unit"),
    path("hazirlik/ac/", prep_open, name="prep-open"),
    path("hazirlik/<int:year>/", prep_overview_view, name="prep-overview"),
    path("hazirlik/<int:year>/tavan/", prep_ceilings, name="prep-ceilings"),
    path("hazirlik/<int:year>/kilitle/", prep_lock, name="prep-lock"),
    path("hazirlik/<int:year>/birim/<str:unit>/", prep_entry, name="prep-entry"),
    path(
        "hazirlik/<int:year>/birim/<str:unit>/excel/<str:form>.xlsx",
        prep_workbook_download,
        name="prep-workbook",
    ),
    path(
        "hazirlik/<int:year>/birim/<str:unit>/yukle/",
        prep_workbook_upload,
        name="prep-workbook-upload",
    ),
    path(
        "hazirlik/<int:year>/birim/<str:unit>/yukle/<str:token>/",
        prep_workbook_preview_page,
        name="prep-workbook-preview",
    ),
    path(
        "hazirlik/<int:year>/birim/<str:unit>/yukle/<str:token>/onayla/",
        prep_workbook_confirm,
        name="prep-workbook-confirm",
    ),
    path("gosterge/<str:code>/", indicator, name="indicator"),
    path("gosterge/<str:code>/hedef/", target, name="indicator-target"),
    path("gosterge/<str:code>/duzeltme/", correction, name="indicator-correction"),
    path("gosterge/<str:code>/gecmis.csv", history_csv, name="indicator-history"),
    path("yeniden-duzenlemeler/", restatements, name="restatements"),
    path(
        "yeniden-duzenlemeler/<int:restatement_id>/karar/",
        restatement_decide_view,
        name="restatement-decide",
    ),
    path("butce/<int:year>/", budget, name="budget"),
    path("degisiklikler.csv", trail_csv, name="trail"),
    path("yapi/", structure, name="structure"),
    path("yapi/<str:kind>/yeni/", structure_new, name="structure-new"),
    path("yapi/<str:kind>/<path:key>/sil/", structure_remove, name="structure-delete"),
    path("yapi/gorev/<path:key>/tasi/", structure_duty_move, name="structure-duty-move"),
    path("yapi/<str:kind>/<path:key>/", structure_edit, name="structure-edit"),
    path("belgeler/", documents, name="documents"),
    path("belgeler/hazirla/", document_build, name="document-build"),
    path("belgeler/surum/<int:version_id>/", published_download, name="published-download"),
    path("belgeler/is/<int:job_id>/", job, name="job"),
    path("belgeler/is/<int:job_id>/durum/", job_status_json, name="job-status"),
    path("belgeler/is/<int:job_id>/dosya/", job_download, name="job-download"),
    path("belgeler/is/<int:job_id>/yayimla/", job_publish, name="job-publish"),
    path("kullanicilar/", users, name="users"),
    path("kullanicilar/davet/", user_invite_view, name="user-invite"),
    path("kullanicilar/kisi/<str:username>/", user, name="user"),
    path("kullanicilar/kisi/<str:username>/rol/", user_role_view, name="user-role"),
    path("kullanicilar/kisi/<str:username>/etkin/", user_active_view, name="user-active"),
    path("kullanicilar/kisi/<str:username>/baglanti/", user_link_view, name="user-link"),
    path(
        "kullanicilar/kisi/<str:username>/iki-adim-sifirla/",
        user_second_factor_reset_view,
        name="user-totp-reset",
    ),
    path("kullanicilar/iki-adim/", totp_require_view, name="totp-require"),
    path("hesap/", account, name="account"),
    path("hesap/iki-adim/", otp_enrol, name="otp-enrol"),
    path("hesap/iki-adim/kapat/", otp_remove, name="otp-remove"),
    path("giris/kod/", otp_verify, name="otp-verify"),
    path("parola/<str:uidb64>/<str:token>/", password_set_view, name="password-set"),
]

handler500 = "karne.web.views.errors.server_error"
