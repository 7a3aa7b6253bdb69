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


def test_a_negative_percentage_puts_the_minus_before_the_percent_sign() -> None:
    from babel.numbers import format_percent as babel_percent

    assert format_percent(D("-6.25")) == "-%6,25"
    assert format_percent(D("-6.25")) == babel_percent(D("-0.0625"), "%#,##0.00", locale="tr_TR")
    assert format_percent(D("-1234.5"), 1) == "-%1.234,5"
    assert format_percent(D("-0.004")) == "%0,00"
    assert format_percent(D("6.25")) == "%6,25"


def test_days_in_turkish_and_in_english() -> None:
    import datetime
    from zoneinfo import ZoneInfo

    from karne.core.formatting import format_day, format_day_time

    day = datetime.date(2026, 12, 2)
    moment = datetime.datetime(2026, 12, 2, 18, 5, tzinfo=ZoneInfo("Europe/Istanbul"))
    assert format_day(day) == "02.12.2026"
    assert format_day_time(moment) == "02.12.2026 18:05"
    assert format_day(day, "en_US") == "Dec 2, 2026"
    assert format_day(moment, "en_US") == "Dec 2, 2026"
    assert format_day_time(moment, "en_US").replace("\u202f", " ") == "Dec 2, 2026, 6:05 PM"
