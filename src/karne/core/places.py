"""Names for the place codes that events carry: Turkey's provinces by their plate code, and
countries (a nationality) by their ISO 3166 code, so that a breakdown reads "İstanbul (34)" and
"Suriye (SYR)" rather than codes only a record system knows.

Provinces are the state's, not one administration's: every Turkish public body numbers them so.
Country names come from Babel's CLDR data in the page's language (an alpha-3 code through CLDR's
own alias to alpha-2); nothing here is translated by hand.
"""

from __future__ import annotations

from collections.abc import Mapping

from babel import Locale, UnknownLocaleError
from babel.core import get_global

_PROVINCE_NAMES: tuple[str, ...] = (  # in the order of their plate codes, 01 to 81
    "Adana", "Adıyaman", "Afyonkarahisar", "Ağrı", "Amasya", "Ankara", "Antalya",
    "Artvin", "Aydın", "Balıkesir", "Bilecik", "Bingöl", "Bitlis", "Bolu", "Burdur",
    "Bursa", "Çanakkale", "Çankırı", "Çorum", "Denizli", "Diyarbakır", "Edirne",
    "Elazığ", "Erzincan", "Erzurum", "Eskişehir", "Gaziantep", "Giresun", "Gümüşhane",
    "Hakkâri", "Hatay", "Isparta", "Mersin", "İstanbul", "İzmir", "Kars", "Kastamonu",
    "Kayseri", "Kırklareli", "Kırşehir", "Kocaeli", "Konya", "Kütahya", "Malatya",
    "Manisa", "Kahramanmaraş", "Mardin", "Muğla", "Muş", "Nevşehir", "Niğde", "Ordu",
    "Rize", "Sakarya", "Samsun", "Siirt", "Sinop", "Sivas", "Tekirdağ", "Tokat",
    "Trabzon", "Tunceli", "Şanlıurfa", "Uşak", "Van", "Yozgat", "Zonguldak", "Aksaray",
    "Bayburt", "Karaman", "Kırıkkale", "Batman", "Şırnak", "Bartın", "Ardahan", "Iğdır",
    "Yalova", "Karabük", "Kilis", "Osmaniye", "Düzce",
)  # fmt: skip
PROVINCES: dict[str, str] = {
    f"{number:02d}": name for number, name in enumerate(_PROVINCE_NAMES, start=1)
}


def province_name(code: str) -> str | None:
    """The province of a plate code ("34", "6" or "06"), or None for a code that is none."""
    key = code.strip()
    if key.isdigit() and len(key) <= 2:
        key = key.zfill(2)
    return PROVINCES.get(key)


def country_name(code: str, locale: str = "tr_TR") -> str | None:
    """A country's name in `locale` from its ISO 3166 alpha-2 or alpha-3 code, or None."""
    try:
        names = Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError):
        return None
    key = code.strip().upper()
    if len(key) == 3 and key.isalpha():
        aliases: Mapping[str, list[str]] = get_global("territory_aliases")
        key = next(iter(aliases.get(key, [])), "")
    if len(key) != 2 or not key.isalpha():
        return None
    name = names.get(key)
    return str(name) if name else None
