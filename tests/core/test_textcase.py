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


def test_turkish_alphabetical_order() -> None:
    from karne.core.textcase import tr_sort_key

    words = ["Zeytin", "ılık", "Işık", "incir", "İzmir", "çay", "Cam", "dere", "ödül", "Ova"]
    words += ["şeker", "Su", "ülke", "Uzay", "ğ", "Gül", "hoş"]
    assert sorted(words, key=tr_sort_key) == [
        "Cam", "çay", "dere", "Gül", "ğ", "hoş", "ılık", "Işık", "incir", "İzmir",
        "Ova", "ödül", "Su", "şeker", "Uzay", "ülke", "Zeytin",
    ]  # fmt: skip
    # İ comes after I and before J; code-point order puts "GİB" (U+0130) after "GZFT".
    assert sorted(["GZFT", "GİB", "GIS", "GAP"], key=tr_sort_key) == ["GAP", "GIS", "GİB", "GZFT"]
    assert sorted(["ab", "AB", "Ab"], key=tr_sort_key) == sorted(["ab", "AB", "Ab"])
