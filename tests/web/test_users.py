"""The users page: invitations and set-password links, roles and units, deactivation, the
last-administrator rule, and the trail of every change."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from karne.accounts.models import Membership
from karne.accounts.services import member_create
from karne.accounts.services.links import TOKENS
from karne.core.workflow import Role
from karne.monitoring.models import ChangeRecord, MonitoringPeriod
from tests.web.conftest import PASSWORD

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse

NEW_PASSWORD = "yepyeni-bir-parola-2024"
LINK = re.compile(r'id="link-url" readonly value="([^"]+)"')


def state() -> tuple[object, ...]:
    users = get_user_model().objects.order_by("username")
    return (
        list(users.values_list("username", "is_active", "password", "email")),
        list(
            Membership.objects.order_by("pk").values_list("user__username", "role", "link_issued")
        ),
        list(Membership.units.through.objects.order_by("pk").values_list("membership", "unit")),
        ChangeRecord.objects.count(),
    )


def trail(username: str) -> list[tuple[str, str, str, str]]:
    rows = ChangeRecord.objects.filter(subject="user", key=username).order_by("pk")
    return list(rows.values_list("username", "field", "old", "new"))


def link_path(page: str) -> str:
    found = LINK.search(page)
    assert found, page
    return html.unescape(found.group(1)).removeprefix("http://testserver")


def invite(client: Client, **data: str) -> _MonkeyPatchedWSGIResponse:
    return client.post("/kullanicilar/davet/", data, follow=True)


def sign_in(username: str, password: str) -> int:
    """302: signed in; 200: the form again."""
    return Client().post("/giris/", {"username": username, "password": password}).status_code


def set_password(client: Client, path: str, password: str) -> int:
    return client.post(path, {"password": password, "repeat": password}).status_code


@pytest.fixture
def admin(as_user: Callable[[str], Client]) -> Client:
    return as_user("strateji")


def test_the_page_lists_every_member_and_only_the_administrator_sees_it(
    admin: Client, as_user: Callable[[str], Client]
) -> None:
    page = admin.get("/kullanicilar/").content.decode()
    for name in ("strateji", "amir.ygm", "veri.ygm", "veri.ukgm", "okur"):
        assert f'href="/kullanicilar/kisi/{name}/"' in page
    assert "Veri giriş personeli" in page
    assert "YGM" in page
    assert "etkin" in page
    assert 'href="/kullanicilar/"' in admin.get("/").content.decode()  # in the navigation
    clerk = as_user("veri.ygm")
    assert 'href="/kullanicilar/"' not in clerk.get("/").content.decode()
    assert clerk.get("/kullanicilar/").status_code == 403


def test_an_invitation_gives_a_link_that_sets_the_password_once(admin: Client) -> None:
    answer = invite(
        admin,
        username="ayse.kaya",
        first_name="Ayşe",
        last_name="Kaya",
        email="ayse@example.org",
        role="clerk",
        units="YGM",
    )
    page = answer.content.decode()
    assert answer.redirect_chain[-1][0] == "/kullanicilar/kisi/ayse.kaya/"
    assert "parola bekleniyor" in page
    path = link_path(page)
    assert path.startswith("/parola/")
    assert LINK.search(admin.get("/kullanicilar/kisi/ayse.kaya/").content.decode()) is None
    person = get_user_model().objects.get(username="ayse.kaya")
    assert not person.has_usable_password()
    membership = Membership.objects.get(user=person)
    assert (membership.role, [u.code for u in membership.units.all()]) == ("clerk", ["YGM"])
    assert trail("ayse.kaya") == [("strateji", "invite", "", "clerk YGM")]

    visitor = Client()
    form = visitor.get(path)
    assert form.status_code == 200
    assert "ayse.kaya" in form.content.decode()
    before = state()
    weak = visitor.post(path, {"password": "12345678", "repeat": "12345678"})
    assert weak.status_code == 400
    assert 'aria-invalid="true" aria-describedby="error-password' in weak.content.decode()
    differ = visitor.post(path, {"password": NEW_PASSWORD, "repeat": NEW_PASSWORD + "x"})
    assert differ.status_code == 400
    assert "İki parola aynı değil." in differ.content.decode()
    assert state() == before  # refusals change nothing
    done = visitor.post(path, {"password": NEW_PASSWORD, "repeat": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == "/giris/"
    assert trail("ayse.kaya")[-1] == ("ayse.kaya", "password", "", "set")
    again = Client().post(
        path, {"password": "baska-bir-parola-99", "repeat": "baska-bir-parola-99"}
    )
    assert again.status_code == 400
    assert "Bu bağlantı artık geçerli değil" in again.content.decode()
    signed_in = Client().post("/giris/", {"username": "ayse.kaya", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"username": "yeni", "role": "clerk"}, "units", "en az bir birim"),
        ({"username": "yeni", "role": "head"}, "units", "en az bir birim"),
        ({"username": "VERI.YGM", "role": "reader"}, "username", "zaten var"),
        ({"username": "boşluk var", "role": "reader"}, "username", "yalnızca harf"),
        ({"username": "", "role": "reader"}, "username", "kullanıcı adı yazın"),
        ({"username": "yeni", "role": "reader", "email": "yok"}, "email", "e-posta"),
        ({"username": "yeni", "role": "patron"}, "role", "rol seçin"),
        ({"username": "yeni", "role": "clerk", "units": "YOK"}, "units", "Bilinmeyen birim"),
    ],
)
def test_an_invitation_is_refused_field_by_field_and_changes_nothing(
    admin: Client, data: dict[str, str], field: str, message: str
) -> None:
    before = state()
    answer = admin.post("/kullanicilar/davet/", data)
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Kullanıcı eklenmedi." in page
    assert message in page
    assert f'aria-invalid="true" aria-describedby="error-{field}"' in page
    assert f'value="{data["username"]}"' in page  # what was typed stays
    assert state() == before


def test_role_and_units_change_and_are_trailed(admin: Client) -> None:
    answer = admin.post(
        "/kullanicilar/kisi/veri.ygm/rol/", {"role": "head", "units": ["YGM", "UKGM"]}
    )
    assert answer.status_code == 302
    membership = Membership.objects.get(user__username="veri.ygm")
    assert membership.role == "head"
    assert sorted(u.code for u in membership.units.all()) == ["UKGM", "YGM"]
    assert [t[1:] for t in trail("veri.ygm")] == [
        ("role", "clerk", "head"),
        ("units", "YGM", "YGM UKGM"),
    ]
    before = state()
    refused = admin.post("/kullanicilar/kisi/veri.ygm/rol/", {"role": "clerk"})
    assert refused.status_code == 400
    assert 'aria-describedby="error-units"' in refused.content.decode()
    assert state() == before
    admin.post("/kullanicilar/kisi/veri.ygm/rol/", {"role": "reader", "units": "YGM"})
    membership.refresh_from_db()
    assert membership.role == "reader"
    assert not membership.units.exists()


def test_a_deactivated_user_cannot_sign_in_until_reactivated(admin: Client) -> None:
    assert admin.post("/kullanicilar/kisi/okur/etkin/", {"active": "0"}).status_code == 302
    refused = Client().post("/giris/", {"username": "okur", "password": PASSWORD})
    assert refused.status_code == 200  # the sign-in form again
    admin.post("/kullanicilar/kisi/okur/etkin/", {"active": "1"})
    assert sign_in("okur", PASSWORD) == 302
    assert [t[1:] for t in trail("okur")] == [
        ("active", "True", "False"),
        ("active", "False", "True"),
    ]


def test_the_last_active_administrator_cannot_deactivate_or_demote_themself(
    admin: Client,
) -> None:
    before = state()
    page = admin.post("/kullanicilar/kisi/strateji/etkin/", {"active": "0"}, follow=True)
    assert "Son etkin strateji birimi yöneticisi" in page.content.decode()
    demoted = admin.post("/kullanicilar/kisi/strateji/rol/", {"role": "reader"})
    assert demoted.status_code == 400
    assert "Son etkin strateji birimi yöneticisi" in demoted.content.decode()
    assert state() == before
    member_create(
        administration="goc-idaresi", username="ikinci", password=PASSWORD, role=Role.ADMIN
    )
    assert admin.post("/kullanicilar/kisi/strateji/rol/", {"role": "reader"}).status_code == 302
    assert Membership.objects.get(user__username="strateji").role == "reader"


def test_a_reset_link_keeps_the_old_password_until_the_new_one_is_set(admin: Client) -> None:
    first = link_path(admin.post("/kullanicilar/kisi/okur/baglanti/", follow=True).content.decode())
    second = link_path(
        admin.post("/kullanicilar/kisi/okur/baglanti/", follow=True).content.decode()
    )
    assert first != second
    assert Client().get(first).status_code == 400  # the newer link replaced it
    assert sign_in("okur", PASSWORD) == 302
    visitor = Client()
    assert set_password(visitor, second, NEW_PASSWORD) == 302
    assert sign_in("okur", PASSWORD) == 200
    assert sign_in("okur", NEW_PASSWORD) == 302
    assert [t[1:] for t in trail("okur")] == [
        ("link", "", "issued"),
        ("link", "", "issued"),
        ("password", "", "set"),
    ]


def test_a_link_of_a_deactivated_user_no_longer_works(admin: Client) -> None:
    path = link_path(admin.post("/kullanicilar/kisi/okur/baglanti/", follow=True).content.decode())
    admin.post("/kullanicilar/kisi/okur/etkin/", {"active": "0"})
    assert Client().get(path).status_code == 400
    before = state()
    refused = admin.post("/kullanicilar/kisi/okur/baglanti/", follow=True)
    assert "Pasif bir kullanıcıya bağlantı verilemez" in refused.content.decode()
    assert state() == before


@pytest.mark.usefixtures("site")
def test_bad_and_expired_links_give_a_clear_page() -> None:
    person = get_user_model().objects.get(username="okur")
    uid = person.pk
    import base64

    uidb64 = base64.urlsafe_b64encode(str(uid).encode()).decode().rstrip("=")
    old = TOKENS._make_token_with_timestamp(
        person, TOKENS._num_seconds(TOKENS._now()) - 8 * 86400, TOKENS.secret
    )
    for path in (
        f"/parola/{uidb64}/{old}/",  # older than 7 days
        f"/parola/{uidb64}/bozuk-jeton/",
        "/parola/!!!/bozuk/",
        "/parola/OTk5OTk5/bozuk/",  # no such user
    ):
        answer = Client().get(path)
        assert answer.status_code == 400, path
        assert "Bu bağlantı artık geçerli değil" in answer.content.decode()
        assert set_password(Client(), path, NEW_PASSWORD) == 400
    assert sign_in("okur", PASSWORD) == 302


def test_every_change_is_in_the_trail_csv(admin: Client) -> None:
    invite(admin, username="yeni.okur", role="reader")
    admin.post("/kullanicilar/kisi/yeni.okur/etkin/", {"active": "0"})
    body = admin.get("/degisiklikler.csv").content.decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(body), delimiter=";") if r[2:3] == ["user"]]
    assert [r[1:7] for r in rows] == [
        ["strateji", "user", "yeni.okur", "invite", "", "reader"],
        ["strateji", "user", "yeni.okur", "active", "True", "False"],
    ]


def test_another_administration_s_users_are_out_of_reach(site: MonitoringPeriod) -> None:
    from karne.datasets.services import dataset_load
    from tests.audit.factory import clean_dataset

    dataset_load(dataset=clean_dataset())
    member_create(administration="test-idare", username="baska", password=PASSWORD, role=Role.ADMIN)
    client = Client()
    client.force_login(get_user_model().objects.get(username="baska"))
    page = client.get("/kullanicilar/").content.decode()
    assert "veri.ygm" not in page
    assert client.get("/kullanicilar/kisi/veri.ygm/").status_code == 404
    before = state()
    client.post("/kullanicilar/kisi/veri.ygm/etkin/", {"active": "0"})
    client.post("/kullanicilar/kisi/veri.ygm/rol/", {"role": "reader"})
    client.post("/kullanicilar/kisi/veri.ygm/baglanti/")
    assert state() == before


def test_the_pages_speak_english_on_request(admin: Client) -> None:
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = admin.get("/kullanicilar/").content.decode()
    assert "Invite a user" in page
    assert "Data-entry clerk" in page
    refused = admin.post("/kullanicilar/davet/", {"username": "yeni", "role": "clerk"})
    assert "at least one unit" in refused.content.decode()
    path = link_path(admin.post("/kullanicilar/kisi/okur/baglanti/", follow=True).content.decode())
    visitor = Client()
    visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Set your password" in visitor.get(path).content.decode()
