"""Place codes to names: provinces by plate code, countries by ISO code in a language."""

from __future__ import annotations

from karne.compute.synth.tables import NATIONALITIES
from karne.compute.synth.tables import PROVINCES as SYNTH_PROVINCES
from karne.core.places import PROVINCES, country_name, province_name


def test_every_province_has_one_name() -> None:
    assert len(PROVINCES) == 81
    assert len(set(PROVINCES.values())) == 81
    assert set(SYNTH_PROVINCES) == set(PROVINCES)  # every code the events carry has a name
    assert (province_name("06"), province_name("6"), province_name(" 34 ")) == (
        "Ankara",
        "Ankara",
        "İstanbul",
    )
    assert province_name("81") == "Düzce"
    assert [province_name(c) for c in ("00", "82", "abc", "", "006")] == [None] * 5


def test_a_country_by_its_alpha_2_or_alpha_3_code_in_the_page_s_language() -> None:
    assert country_name("SYR") == "Suriye"
    assert country_name("SYR", "en_US") == "Syria"
    assert country_name("de", "en") == "Germany"
    assert country_name("DEU") == "Almanya"
    assert all(country_name(code) for code in NATIONALITIES)
    assert [country_name(c) for c in ("XQZ", "", "12", "SYRIA")] == [None] * 4
    assert country_name("SYR", "xx_not_a_locale") is None
