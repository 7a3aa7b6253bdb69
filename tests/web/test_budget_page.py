"""The budget page: what the year's execution tables hold, and the carried-over appropriation."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client


def test_the_budget_page_names_the_appropriation_carried_over(
    as_user: Callable[[str], Client],
) -> None:
    admin = as_user("strateji")
    turkish = admin.get("/butce/2023/").content.decode()
    assert "önceki yıllardan devreden kısmı: 35.788.950,37 TL" in turkish
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = admin.get("/butce/2023/").content.decode()
    assert "carried over from earlier years: 35,788,950.37 TL" in english
