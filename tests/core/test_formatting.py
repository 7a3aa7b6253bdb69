from __future__ import annotations

from decimal import Decimal as D

from karne.core.formatting import format_money, format_number, format_percent


def test_turkish_money_and_percent() -> None:
    assert format_money(D("9508170000")) == "9.508.170.000,00"
    assert format_percent(D("98.8313")) == "%98,83"
    assert format_percent(None) == "-"
    assert format_number(D("1244779")) == "1.244.779"


def test_half_up_at_display() -> None:
    assert format_number(D("171.425"), 2) == "171,43"
    assert format_number(D("-6.255"), 2) == "-6,26"
    assert format_percent(D("0.005")) == "%0,01"
