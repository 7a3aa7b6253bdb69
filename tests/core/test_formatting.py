from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from karne.core.formatting import format_money, format_number, format_percent
from karne.core.textcase import tr_lower, tr_title, tr_upper


def test_turkish_money_and_percent() -> None:
    assert format_money(D("9508170000")) == "9.508.170.000,00"
    assert format_percent(D("98.8313")) == "%98,83"
    assert format_percent(None) == "-"
    assert format_number(D("1244779")) == "1.244.779"


def test_half_up_at_display() -> None:
    assert format_number(D("171.425"), 2) == "171,43"
    assert format_number(D("-6.255"), 2) == "-6,26"
    assert format_percent(D("0.005")) == "%0,01"


def test_turkish_case() -> None:
    assert tr_upper("göç idaresi başkanlığı") == "GÖÇ İDARESİ BAŞKANLIĞI"
    assert tr_lower("SIĞINMA EVİ") == "sığınma evi"
    assert tr_title("iç denetim birimi") == "İç Denetim Birimi"


@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyz ", max_size=40))
def test_case_round_trip(text: str) -> None:
    assert tr_lower(tr_upper(text)) == text
