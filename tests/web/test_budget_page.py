"""The budget page: what the year's execution tables hold, and the carried-over appropriation."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client

from karne.core.formatting import format_money


def test_the_budget_page_names_the_appropriation_carried_over(
    as_user: Callable[[str], Client],
) -> None:
    admin = as_user("strateji")
    turkish = admin.get("/butce/2023/").content.decode()
    assert "önceki yıllardan devreden kısmı: 35.788.950,37 TL" in turkish
    admin.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = admin.get("/butce/2023/").content.decode()
    assert "carried over from earlier years: 35,788,950.37 TL" in english


def test_the_budget_page_says_why_the_whole_lira_totals_differ_from_the_exact_one(
    as_user: Callable[[str], Client],
) -> None:
    """The programme and unit tables add up whole-lira rows; their total may differ from the
    economic table's exact one by rounding, which the page says under each table."""
    from karne.budget.selectors import execution_tables
    from karne.organisation.models import Administration

    tables = execution_tables(Administration.objects.get(), 2023)
    [difference] = tables.activity_rounding
    assert difference.measure == "spent"
    assert difference.shown - difference.exact == 1  # 16.527.630.427 against ...426,00
    page = as_user("strateji").get("/butce/2023/").content.decode()
    notes = re.findall(r'<p class="note">Tutarlar tam liraya yuvarlanmıştır;[^<]*</p>', page)
    assert len(notes) == 2  # under the programme table and under the unit table
    shown = format_money(difference.shown)
    assert f"Harcama {shown} / {format_money(difference.exact)} TL." in notes[0]
