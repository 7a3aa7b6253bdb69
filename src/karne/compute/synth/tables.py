"""The event tables `karne synth` writes: their columns and codes, and the calendar of the
set (day numbers, quarters)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

FIRST_DAY = datetime.date(2020, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
PROVINCES: tuple[str, ...] = tuple(f"{n:02d}" for n in range(1, 82))
NATIONALITIES: tuple[str, ...] = (
    "SYR", "AFG", "IRQ", "IRN", "UKR", "RUS", "TKM", "UZB", "AZE", "PAK",
    "KGZ", "GEO", "EGY", "SOM", "DEU", "KAZ", "LBY", "YEM", "TJK", "PSE",
)  # fmt: skip
PERMIT_TYPES: tuple[str, ...] = ("kisa_donem", "aile", "ogrenci", "uzun_donem", "insani")
DECISIONS: tuple[str, ...] = ("kabul", "ret")

Quarter = tuple[int, int]
Targets = Mapping[str, Mapping[Quarter, int]]


@dataclass(frozen=True)
class Category:
    """A column of codes and how often each is drawn."""

    column: str
    values: tuple[str, ...]
    weights: tuple[float, ...]


@dataclass(frozen=True)
class EventTable:
    """A table of one-date events: who, when, and a few categorical columns."""

    name: str
    date: str  # the event's day, also the partition's
    season: tuple[int, ...]  # a weight per month, January first
    categories: tuple[Category, ...]
    nationality: str | None = None  # only persons of this nationality (temporary protection)
    anonymous: float = 0.0  # the share of events with no known person (calls)

    def category(self, column: str) -> Category:
        return next(c for c in self.categories if c.column == column)


def _category(column: str, *pairs: tuple[str, float]) -> Category:
    return Category(column, tuple(v for v, _ in pairs), tuple(w for _, w in pairs))


EVENT_TABLES: tuple[EventTable, ...] = (
    EventTable(
        "yakalama",
        "apprehended_on",
        (4, 4, 6, 8, 10, 12, 14, 15, 13, 9, 6, 4),
        (_category("route", ("kara", 0.7), ("deniz", 0.2), ("hava", 0.1)),),
    ),
    EventTable(
        "uyum_kursu",
        "started_on",
        (14, 12, 10, 7, 6, 5, 4, 4, 9, 11, 10, 8),
        (
            _category("course_type", ("dil", 0.5), ("meslek", 0.2), ("hobi", 0.15), ("uyum", 0.15)),
            _category(
                "status", ("tamamlandi", 0.62), ("devam", 0.15), ("birakti", 0.1), ("iptal", 0.13)
            ),
        ),
    ),
    EventTable(
        "gecici_koruma_guncelleme",
        "updated_on",
        (8, 7, 7, 8, 8, 8, 9, 10, 11, 12, 12, 10),
        (
            _category(
                "update_type",
                ("adres", 0.42),
                ("iletisim", 0.2),
                ("kimlik", 0.14),
                ("aile", 0.14),
                ("egitim", 0.1),
            ),
            _category("channel", ("il_mudurlugu", 0.72), ("mobil_ekip", 0.16), ("e_devlet", 0.12)),
        ),
        nationality="SYR",
    ),
    EventTable(
        "ozel_ihtiyac",
        "identified_on",
        (8, 8, 8, 8, 8, 8, 9, 9, 9, 9, 8, 8),
        (
            _category(
                "need_type",
                ("kronik_hastalik", 0.3),
                ("engelli", 0.25),
                ("yasli", 0.15),
                ("hamile", 0.1),
                ("refakatsiz_cocuk", 0.08),
                ("tek_ebeveyn", 0.08),
                ("iskence_magduru", 0.04),
            ),
        ),
        nationality="SYR",
    ),
    EventTable(
        "calisma_izni_gorus",
        "given_on",
        (10, 9, 9, 8, 8, 8, 7, 7, 8, 9, 9, 8),
        (
            _category(
                "request_type", ("calisma_izni", 0.7), ("calisma_vizesi", 0.15), ("muafiyet", 0.15)
            ),
            _category("opinion", ("olumlu", 0.86), ("olumsuz", 0.14)),
        ),
    ),
    EventTable(
        "on_izinli_vize",
        "decided_on",
        (7, 7, 8, 8, 9, 11, 12, 12, 11, 8, 7, 6),
        (
            _category(
                "visa_type", ("calisma", 0.35), ("ogrenim", 0.25), ("aile", 0.2), ("turistik", 0.2)
            ),
            _category("decision", ("onay", 0.7), ("ret", 0.2), ("iade", 0.1)),
        ),
    ),
    EventTable(
        "yimer_cagri",
        "called_on",
        (8, 8, 9, 8, 8, 9, 10, 10, 10, 10, 9, 9),
        (
            _category("channel", ("telefon", 0.88), ("web", 0.08), ("e_posta", 0.04)),
            _category(
                "language",
                ("tr", 0.34),
                ("ar", 0.3),
                ("en", 0.12),
                ("fa", 0.1),
                ("ru", 0.08),
                ("fr", 0.03),
                ("de", 0.03),
            ),
            _category(
                "topic",
                ("ikamet", 0.38),
                ("gecici_koruma", 0.24),
                ("uluslararasi_koruma", 0.12),
                ("vize", 0.1),
                ("insan_ticareti", 0.02),
                ("diger", 0.14),
            ),
        ),
        anonymous=0.35,
    ),
    EventTable(
        "insan_ticareti_mulakat",
        "interviewed_on",
        (7, 7, 8, 8, 9, 10, 10, 10, 9, 8, 7, 7),
        (
            _category(
                "exploitation_type",
                ("emek", 0.45),
                ("cinsel", 0.35),
                ("zorla_evlendirme", 0.1),
                ("dilendirme", 0.1),
            ),
            _category("outcome", ("magdur", 0.011), ("magdur_degil", 0.989)),
        ),
    ),
    EventTable(
        "geri_gonderme",
        "removed_on",
        (5, 5, 6, 7, 8, 10, 12, 13, 12, 10, 7, 5),
        (
            _category(
                "removal_type",
                ("sinir_disi", 0.6),
                ("gonullu_geri_donus", 0.3),
                ("geri_kabul", 0.1),
            ),
            _category("transport", ("tarifeli_ucus", 0.5), ("charter", 0.3), ("kara", 0.2)),
        ),
    ),
    EventTable(
        "geri_kabul_talebi",
        "received_on",
        (6, 6, 7, 8, 9, 10, 11, 11, 10, 8, 7, 7),
        (
            _category(
                "requesting_country",
                ("GRC", 0.46),
                ("BGR", 0.22),
                ("ROU", 0.08),
                ("DEU", 0.07),
                ("NLD", 0.05),
                ("NOR", 0.04),
                ("diger", 0.08),
            ),
            _category("status", ("yanitlandi", 0.97), ("yanitlanmadi", 0.03)),
        ),
    ),
)
TABLES: tuple[str, ...] = ("ikamet", "uluslararasi_koruma", *(t.name for t in EVENT_TABLES))
EVENTS_BY_NAME = {t.name: t for t in EVENT_TABLES}
_EPOCH = datetime.date(1970, 1, 1)


class SynthError(Exception):
    """The generator cannot write what was asked (too few events to calibrate, a used folder)."""


def day_number(day: datetime.date) -> int:
    return (day - _EPOCH).days


FIRST = day_number(FIRST_DAY)


def quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def quarter_days(quarter: Quarter) -> tuple[int, int]:
    """The first and the last day of a quarter, as day numbers."""
    year, q = quarter
    return day_number(datetime.date(year, 3 * q - 2, 1)), day_number(quarter_end(year, q))
