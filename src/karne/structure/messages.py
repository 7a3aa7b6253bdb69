"""The reader's problems in the words of the form: which input, and what to do, in Turkish.

The dataset checks speak English to whoever wrote a file ("expected a unit code used once
(first used on line 3), found 'YGM'"); a person at a form needs the input named and the fix
said in their language. Each expectation the reader words is matched here by its beginning; an
expectation this table does not know is still shown, with the reader's words, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from django.utils.translation import gettext as _

from karne.dataformat.errors import Problem

Say = Callable[[re.Match[str], str], str]

# (the reader's expectation, as a pattern on its beginning) → the message
_MESSAGES: tuple[tuple[str, Say], ...] = (
    (r"a non-empty text", lambda m, f: _("Bu alan boş bırakılamaz.")),
    (
        r"a code like (\S+(?:, \S+)*) \(at most (\d+) characters\)",
        lambda m, f: (
            _(
                "Kod %(example)s biçiminde olmalı: örnekteki gibi harf, rakam ve işaretler "
                "(en çok %(max)s karakter)."
            )
            % {"example": m.group(1), "max": m.group(2)}
        ),
    ),
    (
        r"a code that is not a total key",
        lambda m, f: _("Bu kod toplam satırları için ayrılmış; başka bir kod yazın."),
    ),
    (
        r"a year between (\d+) and (\d+)",
        lambda m, f: (
            _("%(low)s ile %(high)s arasında bir yıl yazın.")
            % {"low": m.group(1), "high": m.group(2)}
        ),
    ),
    (
        r"a year ≥ (\d+) \(the unit's first year\)",
        lambda m, f: (
            _("Birimin ilk yılı %(year)s: görevlerinin başlangıç yılı ondan önce ya da boş olamaz.")
            % {"year": m.group(1)}
        ),
    ),
    (
        r"a year ≤ (\d+) \(the unit's last year\)",
        lambda m, f: (
            _("Birimin son yılı %(year)s: görevlerinin bitiş yılı ondan sonra ya da boş olamaz.")
            % {"year": m.group(1)}
        ),
    ),
    (
        r"a year ≥ (\d+)",
        lambda m, f: _("Bu yıl %(year)s yılından önce olamaz.") % {"year": m.group(1)},
    ),
    (
        r"a year from (\d+) to (\d+)",
        lambda m, f: (
            _("Yıl, idarenin belge ve program yıllarına yakın olmalı (%(low)s–%(high)s).")
            % {"low": m.group(1), "high": m.group(2)}
        ),
    ),
    (
        r"a year of a strategic plan",
        lambda m, f: _("Yıl, bir stratejik planın yılları içinde olmalı."),
    ),
    (
        r"a number from (\d+) to (\d+)",
        lambda m, f: (
            _("%(low)s ile %(high)s arasında bir sayı yazın.")
            % {"low": m.group(1), "high": m.group(2)}
        ),
    ),
    (
        r"a number ≥ (\d+)",
        lambda m, f: _("%(low)s ya da daha büyük bir sayı yazın.") % {"low": m.group(1)},
    ),
    (r"a whole number", lambda m, f: _("Bir tam sayı yazın (örnek: 12).")),
    (r"a (?:finite )?number", lambda m, f: _("Bir sayı yazın (örnek: 1.234,5).")),
    (r"one of ", lambda m, f: _("Listedeki değerlerden birini seçin.")),
    (r"true or false", lambda m, f: _("Evet ya da hayır seçin.")),
    (r"(?:an? .* used once|each .* once)", lambda m, f: _("Bu kod zaten kullanılıyor.")),
    (
        r"the code of a unit",
        lambda m, f: _("Böyle bir birim yok: %(found)s.") % {"found": f},
    ),
    (
        r"a unit above this one, not below",
        lambda m, f: _("Bir birim kendisinin ya da kendi altındaki bir birimin altına konamaz."),
    ),
    (
        r"a spending unit",
        lambda m, f: _("Bu birimin bütçe satırları var: harcama birimi olarak kalmalı."),
    ),
    (
        r"a sub-program of year (\d+)",
        lambda m, f: (
            _("%(year)s yılının programında böyle bir alt program yok: %(found)s.")
            % {"year": m.group(1), "found": f}
        ),
    ),
    (
        r"an objective code",
        lambda m, f: _("Stratejik planda böyle bir hedef yok: %(found)s.") % {"found": f},
    ),
    (
        r"an aim code",
        lambda m, f: _("Stratejik planda böyle bir amaç yok: %(found)s.") % {"found": f},
    ),
    (
        r"a code of sp_indicators",
        lambda m, f: _("Böyle bir stratejik plan göstergesi yok: %(found)s.") % {"found": f},
    ),
    (
        r"a code of pp_indicators",
        lambda m, f: _("Böyle bir performans göstergesi yok: %(found)s.") % {"found": f},
    ),
    (
        r"an activity of the (\d+) programme",
        lambda m, f: (
            _("%(year)s programında böyle bir faaliyet yok: %(found)s.")
            % {"year": m.group(1), "found": f}
        ),
    ),
)
_COMPILED = tuple((re.compile(pattern), say) for pattern, say in _MESSAGES)


def message(expected: str, found: str = "") -> str:
    """What a person reads for one of the reader's expectations."""
    for pattern, say in _COMPILED:
        match = pattern.match(expected)
        if match:
            return say(match, found)
    return _("Geçersiz değer: beklenen %(expected)s, bulunan %(found)s.") % {
        "expected": expected,
        "found": found or "-",
    }


# The reader names a problem of a nested record by the record's code and the field
# ("H1.1.units", "A.1.responsible_unit"), and a duplicate by what is duplicated ("unit code").
_SUFFIXES = {
    ".units": "responsible_units",
    ".responsible_unit": "responsible_unit",
    ".sp_aims": "sp_aims",
    ".objectives": "objectives",
}


def field_of(problem: Problem, fields: Collection[str]) -> str:
    """The form input a problem is about ("" for the form as a whole)."""
    if problem.field in fields:
        return problem.field
    for suffix, name in _SUFFIXES.items():
        if problem.field.endswith(suffix) and name in fields:
            return name
    if "code" in problem.field and "code" in fields:
        return "code"
    if "indicator and year" in problem.field and "year" in fields:
        return "year"
    return ""
