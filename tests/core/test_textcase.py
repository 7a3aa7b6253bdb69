"""Turkish upper and lower case, dotted and dotless i included (`karne.core.textcase`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from karne.core.textcase import tr_lower, tr_title, tr_upper


def test_turkish_case() -> None:
    assert tr_upper("göç idaresi başkanlığı") == "GÖÇ İDARESİ BAŞKANLIĞI"
    assert tr_lower("SIĞINMA EVİ") == "sığınma evi"
    assert tr_title("iç denetim birimi") == "İç Denetim Birimi"


@given(st.text(alphabet="abcçdefgğhıijklmnoöprsştuüvyz ", max_size=40))
def test_case_round_trip(text: str) -> None:
    assert tr_lower(tr_upper(text)) == text
