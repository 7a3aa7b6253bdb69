"""`karne synth`: a GöçNet-like event set in Parquet, partitioned by year and quarter.

Twelve event tables, each a folder `<table>/year=YYYY/quarter=Q/part-K.parquet` (Hive-style,
docs/indicators.md lists their columns): residence permits (`ikamet`), international protection
applications (`uluslararasi_koruma`), apprehensions (`yakalama`), harmonisation course
enrolments (`uyum_kursu`), temporary-protection record updates (`gecici_koruma_guncelleme`),
special needs identified (`ozel_ihtiyac`), work-permit opinions (`calisma_izni_gorus`),
pre-approval visa decisions (`on_izinli_vize`), YİMER 157 calls (`yimer_cagri`), interviews of
possible trafficking victims (`insan_ticareti_mulakat`), returns (`geri_gonderme`) and
readmission requests received from other countries (`geri_kabul_talebi`).

Every row has `person_id`, `province` (the 81 plate codes "01"…"81"), `nationality` (ISO 3166
alpha-3), `sex` (F, M) and `age_band` (with "unknown"): a person's attributes are the same in
every table, and persons have several events. An anonymous call has none of them (all null).
The temporary-protection tables hold Syrians only. Dates run from 2020-01-01 to 2024-12-31,
with seasons (apprehensions and returns peak in summer, courses start in autumn and winter).
Everything comes from one NumPy generator seeded by `seed`: the same seed and size write
byte-identical files.

Calibration: with `calibrate` (the default), the 2023 quarters of every indicator in `PUBLISHED`
are exactly the Activity Report's published figures, and those of a share in `SHARE_COUNTS`
give its published percentage, so the reference's definitions compute them (`CALIBRATIONS`
says how each is drawn); other years are random history. A table's calibrated rows are
written in its first chunk, and its random rows never count for a calibrated quarter (a flow's
random dates avoid it, a random permit valid at a calibrated quarter's end is cancelled on that
day, a random decision there stays pending). A set too small to hold every calibrated row is
refused (`SynthError`, `minimum_events`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from karne.core.definitions import AGE_BANDS

FIRST_DAY = datetime.date(2020, 1, 1)
LAST_DAY = datetime.date(2024, 12, 31)
PROVINCES: tuple[str, ...] = tuple(f"{n:02d}" for n in range(1, 82))
NATIONALITIES: tuple[str, ...] = (
    "SYR", "AFG", "IRQ", "IRN", "UKR", "RUS", "TKM", "UZB", "AZE", "PAK",
    "KGZ", "GEO", "EGY", "SOM", "DEU", "KAZ", "LBY", "YEM", "TJK", "PSE",
)  # fmt: skip
_NATIONALITY_WEIGHTS = np.array([30, 16, 12, 9, 6, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
_AGE_WEIGHTS = np.array([22, 28, 27, 15, 5, 3])  # AGE_BANDS, the last one "unknown"
PERMIT_TYPES: tuple[str, ...] = ("kisa_donem", "aile", "ogrenci", "uzun_donem", "insani")
_PERMIT_WEIGHTS = (0.55, 0.2, 0.12, 0.08, 0.05)
_LONG_TERM = PERMIT_TYPES.index("uzun_donem")
DECISIONS: tuple[str, ...] = ("kabul", "ret")

Quarter = tuple[int, int]
Targets = Mapping[str, Mapping[Quarter, int]]


def _year(*values: int) -> dict[Quarter, int]:
    return {(2023, q): v for q, v in enumerate(values, start=1)}


# The Activity Report's 2023 figures, quarter by quarter, of the reference's indicators counted
# from GöçNet or YİMER events (the reference dataset's realizations.csv; a test keeps them equal).
PUBLISHED: dict[str, dict[Quarter, int]] = {
    "GYH-01": _year(1_237_803, 1_166_595, 1_042_136, 1_009_098),
    "GYH-02": _year(172_632, 73_334, 49_824, 37_210),
    "GYH-03": _year(188_369, 185_729, 272_024, 340_730),
    "GYH-07": _year(21_193, 16_125, 9_204, 12_926),
    "GYH-10": _year(37_513, 39_766, 63_167, 47_860),
    "GYH-11": _year(13_118, 15_310, 17_414, 48_664),
    "GYH-12": _year(18_156, 16_422, 20_655, 25_498),
    "GYH-14": _year(683_218, 587_050, 781_593, 950_571),
    "DG-01": _year(4_515, 4_703, 6_208, 4_834),
    "DG-06": _year(26_819, 21_401, 39_825, 42_566),
    "DG-07": _year(81, 47, 39, 56),
}

# The counts drawn for a ratio whose published figure is a share: the readmission requests
# received in 2023's quarters (the Activity Report prints only the share answered, DG-02's 100 %,
# which every one of them answered gives; the counts are ours, of the order of such requests).
SHARE_COUNTS: dict[str, dict[Quarter, int]] = {
    "DG-02": _year(1_126, 1_048, 1_391, 1_284),
}
# Every calibration's quarters: the published counts, and the counts behind published shares.
TARGETS: dict[str, dict[Quarter, int]] = {**PUBLISHED, **SHARE_COUNTS}


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


@dataclass(frozen=True)
class Calibration:
    """How an indicator's published quarters are drawn in its table: the rows it counts (of
    `values` in `column`, every row without a column), `persons` when it counts distinct persons
    (each then has `repeat` more events on average, among the quarter's persons), and `fill`
    rows per counted row that it does not count (the column's other values). Two calibrations
    of one table are nested: the one with fewer values first, the other counting events."""

    indicator: str
    table: str
    persons: bool = False
    column: str | None = None
    values: tuple[str, ...] = ()
    repeat: float = 0.0
    fill: float = 0.0


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
_EVENT_TABLES = {t.name: t for t in EVENT_TABLES}

CALIBRATIONS: tuple[Calibration, ...] = (
    Calibration("GYH-01", "ikamet"),  # a stock: permits valid at each quarter's end
    Calibration(
        "GYH-02", "uyum_kursu", True, "status", ("tamamlandi", "devam", "birakti"), 0.2, 0.1
    ),
    Calibration("GYH-03", "gecici_koruma_guncelleme"),
    Calibration("GYH-07", "calisma_izni_gorus"),
    Calibration("GYH-10", "on_izinli_vize", False, "decision", ("onay", "ret"), fill=0.1),
    Calibration("GYH-11", "uluslararasi_koruma"),  # decisions dated in the quarter
    Calibration("GYH-12", "ozel_ihtiyac", True, repeat=0.1),
    Calibration("GYH-14", "yimer_cagri"),
    Calibration("DG-01", "insan_ticareti_mulakat"),
    Calibration("DG-06", "geri_gonderme", True, "removal_type", ("sinir_disi",), 0.02, 0.5),
    Calibration("DG-07", "insan_ticareti_mulakat", True, "outcome", ("magdur",), 0.05),
    # A ratio published as 100 %: its quarter's requests, every one answered.
    Calibration("DG-02", "geri_kabul_talebi", False, "status", ("yanitlandi",)),
)

# A stock's calibrated quarters: in each after the first, a tenth of the stock is new permits.
NEW_PERMITS = 0.1
CHUNK = 2_000_000  # rows of a table generated and written at a time (about 400 MB)
_EPOCH = datetime.date(1970, 1, 1)
_UNCALIBRATED_WEIGHTS = {"yakalama": 250_000}  # yearly events of a table no indicator calibrates
_NO_PERSON = (1 << 40) - 1  # sorts after every person (fewer than 2^40 of them)
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


class SynthError(Exception):
    """The generator cannot write what was asked (too few events to calibrate, a used folder)."""


@dataclass(frozen=True)
class SynthSummary:
    rows: dict[str, int]
    files: int
    calibrated: tuple[str, ...] = ()  # the indicators whose 2023 quarters are the published ones


def _day(day: datetime.date) -> int:
    return (day - _EPOCH).days


_FIRST = _day(FIRST_DAY)


def _quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def _quarter_days(quarter: Quarter) -> tuple[int, int]:
    """The first and the last day of a quarter, as day numbers."""
    year, q = quarter
    return _day(datetime.date(year, 3 * q - 2, 1)), _day(_quarter_end(year, q))


def _season(month_weights: tuple[int, ...], avoid: tuple[Quarter, ...] = ()) -> Floats:
    """A probability per day of the range, from a weight per month (none in `avoid`)."""
    days = np.arange(_FIRST, _day(LAST_DAY) + 1)
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
    weights: Floats = np.array(month_weights, dtype=np.float64)[months]
    for quarter in avoid:
        start, end = _quarter_days(quarter)
        weights[start - _FIRST : end - _FIRST + 1] = 0.0
    return weights / weights.sum()  # type: ignore[no-any-return]


def _draw_days(
    rng: np.random.Generator,
    n: int,
    season: Floats,
    start: int | None = None,
    end: int | None = None,
) -> Ints:
    """`n` days drawn by the season, between `start` and `end` (day numbers) when given."""
    low = _FIRST if start is None else start
    part = season[low - _FIRST : (len(season) if end is None else end - _FIRST + 1)]
    return rng.choice(len(part), n, p=part / part.sum()).astype(np.int64) + low


def _in_quarters(days: Ints, quarters: tuple[Quarter, ...]) -> npt.NDArray[np.bool_]:
    inside = np.zeros(len(days), dtype=np.bool_)
    for quarter in quarters:
        start, end = _quarter_days(quarter)
        inside |= (days >= start) & (days <= end)
    return inside


def _strings(
    values: tuple[str, ...],
    indices: npt.NDArray[np.integer[Any]],
    missing: npt.NDArray[np.bool_] | None = None,
) -> pa.Array:
    """Codes as a dictionary array (cheap to sort; written as Parquet strings)."""
    codes = pa.array(indices.astype(np.int8), pa.int8(), mask=missing)
    return pa.DictionaryArray.from_arrays(codes, pa.array(values, pa.string()))


def _dates(days: Ints, missing: npt.NDArray[np.bool_] | None = None) -> pa.Array:
    return pa.array(days.astype(np.int32), pa.int32(), mask=missing).cast(pa.date32())


class _Persons:
    """A pool of persons, each with one nationality, sex, age band and usual province."""

    def __init__(self, rng: np.random.Generator, size: int) -> None:
        self.size = size
        # One byte per attribute: 100 M events have 33 M persons.
        self.nationality = rng.choice(
            len(NATIONALITIES), size, p=_NATIONALITY_WEIGHTS / _NATIONALITY_WEIGHTS.sum()
        ).astype(np.int8)
        self.sex = rng.integers(0, 2, size).astype(np.int8)
        self.age = rng.choice(len(AGE_BANDS), size, p=_AGE_WEIGHTS / _AGE_WEIGHTS.sum()).astype(
            np.int8
        )
        # Istanbul, Ankara, Izmir, Gaziantep, Şanlıurfa, Hatay... hold most foreigners.
        weights = np.ones(len(PROVINCES))
        for plate, weight in ((34, 40), (6, 8), (35, 7), (27, 10), (63, 8), (31, 7), (33, 6)):
            weights[plate - 1] = weight
        self.province = rng.choice(len(PROVINCES), size, p=weights / weights.sum()).astype(np.int8)
        self._of: dict[str, Ints] = {}

    def of(self, nationality: str | None) -> Ints | None:
        """The persons of a nationality (None: everyone, without listing them)."""
        if nationality is None:
            return None
        if nationality not in self._of:
            code = NATIONALITIES.index(nationality)
            self._of[nationality] = np.flatnonzero(self.nationality == code).astype(np.int64)
        return self._of[nationality]

    def draw(self, rng: np.random.Generator, n: int, nationality: str | None = None) -> Ints:
        """`n` persons at random (a person may come back)."""
        among = self.of(nationality)
        if among is None:
            return rng.integers(0, self.size, n)
        return among[rng.integers(0, len(among), n)]

    def distinct(self, rng: np.random.Generator, n: int, nationality: str | None, why: str) -> Ints:
        """`n` different persons."""
        among = self.of(nationality)
        available = self.size if among is None else len(among)
        if n > available:
            raise SynthError(f"{why} needs {n} different persons, the set has {available}")
        chosen = rng.choice(available, n, replace=False).astype(np.int64)
        return chosen if among is None else among[chosen]

    def columns(self, ids: Ints) -> dict[str, pa.Array]:
        """The person's columns of each row; a negative id is no known person (all null)."""
        unknown = ids < 0
        known = np.where(unknown, 0, ids)
        mask = unknown if unknown.any() else None
        return {
            "person_id": pa.array(ids, pa.int64(), mask=mask),
            "province": _strings(PROVINCES, self.province[known], mask),
            "nationality": _strings(NATIONALITIES, self.nationality[known], mask),
            "sex": _strings(("F", "M"), self.sex[known], mask),
            "age_band": _strings(AGE_BANDS, self.age[known], mask),
        }


# --- Calibration plans: how many rows each calibrated table needs, without drawing anything.


@dataclass(frozen=True)
class _Segment:
    """Rows of a calibrated quarter: `rows` of them, of `persons` different persons (None: any
    persons), with `column` taking one of `values`."""

    quarter: Quarter
    rows: int
    persons: int | None
    column: str | None
    values: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class _Stock:
    """A calibrated stock: the calibrated quarters' last days, and cohorts of permits
    (first end valid at, last end valid at, how many); the last index means valid beyond."""

    ends: tuple[int, ...]
    cohorts: tuple[tuple[int, int, int], ...]

    @property
    def rows(self) -> int:
        return sum(n for _, _, n in self.cohorts)


def _calibrations(targets: Targets) -> dict[str, list[Calibration]]:
    """The calibrations asked, by table, nested ones in their order."""
    unknown = sorted(set(targets) - {c.indicator for c in CALIBRATIONS})
    if unknown:
        raise SynthError(f"no calibration for {', '.join(unknown)}")
    for indicator, quarters in targets.items():
        for year, quarter in quarters:
            if not FIRST_DAY.year <= year <= LAST_DAY.year or quarter not in (1, 2, 3, 4):
                raise SynthError(f"{indicator}: no quarter {year} Q{quarter} in the events")
    out: dict[str, list[Calibration]] = {}
    for calibration in CALIBRATIONS:
        if calibration.indicator in targets:
            out.setdefault(calibration.table, []).append(calibration)
    return out


def _values(table: EventTable, calibration: Calibration, column: str | None) -> tuple[str, ...]:
    if column is None:
        return ()
    return calibration.values or table.category(column).values


def _plan(table: EventTable, calibrations: list[Calibration], targets: Targets) -> list[_Segment]:
    """The calibrated rows of an event table, quarter by quarter."""
    columns = {c.column for c in calibrations if c.column is not None}
    if len(columns) > 1:
        raise SynthError(f"{table.name}: calibrations on more than one column")
    column = next(iter(columns), None)
    ordered = sorted(calibrations, key=lambda c: len(_values(table, c, column)))
    quarters = {tuple(sorted(targets[c.indicator])) for c in ordered}
    if len(quarters) > 1:
        raise SynthError(f"{table.name}: its calibrations have different quarters")
    segments: list[_Segment] = []
    for quarter in next(iter(quarters)):
        taken: tuple[str, ...] = ()
        counted = 0
        for calibration in ordered:
            target = targets[calibration.indicator][quarter]
            allowed = _values(table, calibration, column)
            if not set(taken) <= set(allowed):
                raise SynthError(f"{table.name}: its calibrations are not nested")
            fresh = tuple(v for v in allowed if v not in taken)
            why = f"{calibration.indicator} {quarter[0]} Q{quarter[1]}"
            if calibration.persons:
                if counted:
                    raise SynthError(f"{table.name}: {calibration.indicator} must count events")
                rows, persons = target + round(target * calibration.repeat), target
            else:
                rows, persons = target - counted, None
                if rows < 0:
                    raise SynthError(f"{why}: {target} is fewer than the rows counted in it")
            if rows and column is not None and not fresh:
                raise SynthError(f"{why}: no value of {column} is left for its rows")
            segments.append(_Segment(quarter, rows, persons, column, fresh, why))
            counted += rows
            taken = allowed
        last = ordered[-1]
        other = tuple(v for v in table.category(column).values if v not in taken) if column else ()
        fill = round(targets[last.indicator][quarter] * last.fill)
        if fill and not other:
            raise SynthError(f"{table.name}: no value of {column} is left for uncounted rows")
        if fill:
            segments.append(_Segment(quarter, fill, None, column, other, "fill"))
    return segments


def _stock(targets: Mapping[Quarter, int]) -> _Stock:
    """Permits valid at each calibrated quarter's end: all those of the first end were issued
    by then; those that end later end between two ends; new permits (NEW_PERMITS of each later
    stock, or the stock's growth if larger) are valid to the last end and beyond."""
    quarters = sorted(targets)
    if len({year for year, _ in quarters}) > 1:
        raise SynthError("a stock is calibrated on the quarters of one year")
    stocks = [targets[q] for q in quarters]
    new = [0] + [
        max(int(stocks[k] * NEW_PERMITS), stocks[k] - stocks[k - 1]) for k in range(1, len(stocks))
    ]
    last = len(stocks) - 1
    cohorts = [(0, k, stocks[k] - stocks[k + 1] + new[k + 1]) for k in range(last)]
    kept = stocks[last] - sum(new)
    if kept < 0:
        raise SynthError("the stock grows too fast to be calibrated")
    cohorts.append((0, last, kept))
    cohorts += [(k, last, new[k]) for k in range(1, len(stocks))]
    ends = tuple(_quarter_days(q)[1] for q in quarters)
    if ends[0] + 1 - 2 * 365 < _FIRST:  # the permits ending after the first end were issued by then
        raise SynthError(f"a stock is calibrated from {FIRST_DAY.year + 2} on")
    return _Stock(ends, tuple(cohorts))


def calibrated_rows(targets: Targets) -> dict[str, int]:
    """The rows each calibrated table holds for its calibrated quarters."""
    out: dict[str, int] = {}
    for name, calibrations in _calibrations(targets).items():
        if name == "ikamet":
            out[name] = _stock(targets[calibrations[0].indicator]).rows
        elif name == "uluslararasi_koruma":
            out[name] = sum(targets[calibrations[0].indicator].values())
        else:
            out[name] = sum(s.rows for s in _plan(_EVENT_TABLES[name], calibrations, targets))
    return out


# Each table's share of the events is its 2023 volume (the rows calibrated on the published
# figures), so every table fills at the same size and each year of a set five times that size
# looks like 2023.
WEIGHTS: dict[str, int] = {
    name: {**calibrated_rows(TARGETS), **_UNCALIBRATED_WEIGHTS}[name] for name in TABLES
}


def table_sizes(events: int) -> dict[str, int]:
    """The events of each table (shares by WEIGHTS, the rounding's rest to `ikamet`)."""
    total = sum(WEIGHTS.values())
    sizes = {name: events * weight // total for name, weight in WEIGHTS.items()}
    sizes["ikamet"] += events - sum(sizes.values())
    return sizes


def minimum_events(calibrate: bool, targets: Targets = TARGETS) -> int:
    """The fewest events a calibrated set can hold: every calibrated table has room for its
    calibrated rows (with TARGETS, the sum of WEIGHTS)."""
    if not calibrate:
        return 1
    total = sum(WEIGHTS.values())
    needed = [-(-rows * total // WEIGHTS[name]) for name, rows in calibrated_rows(targets).items()]
    return max([1, *needed])


# --- Drawing the rows.


def _ikamet(
    rng: np.random.Generator, persons: _Persons, n: int, stock: _Stock | None, first: bool
) -> tuple[pa.Table, str]:
    """`n` permits; the first chunk of a calibrated set holds the calibrated ones."""
    season = _season((8, 8, 9, 9, 9, 10, 11, 12, 12, 9, 8, 7))
    fixed = stock.rows if stock is not None and first else 0
    free = n - fixed
    issued = _draw_days(rng, free, season)
    kind = rng.choice(len(PERMIT_TYPES), free, p=_PERMIT_WEIGHTS)
    valid_until = issued + 365 * rng.integers(1, 3, free)
    no_end = kind == _LONG_TERM
    if stock is not None:  # a random permit valid at a calibrated end is cancelled on that day
        for end in stock.ends:
            valid = (issued <= end) & (no_end | (valid_until > end))
            valid_until[valid] = end
            no_end &= ~valid
    if fixed:
        assert stock is not None
        parts = [_stock_cohort(rng, season, stock, *cohort) for cohort in stock.cohorts]
        issued = np.concatenate([issued, *(p[0] for p in parts)])
        valid_until = np.concatenate([valid_until, *(p[1] for p in parts)])
        no_end = np.concatenate([no_end, *(p[2] for p in parts)])
        kind = np.concatenate([kind, *(p[3] for p in parts)])
    table = pa.table(
        {
            **persons.columns(persons.draw(rng, n)),
            "permit_type": _strings(PERMIT_TYPES, kind),
            "issued_on": _dates(issued),
            "valid_until": _dates(valid_until, no_end),
        }
    )
    return table, "issued_on"


def _stock_cohort(
    rng: np.random.Generator, season: Floats, stock: _Stock, first: int, last: int, n: int
) -> tuple[Ints, Ints, npt.NDArray[np.bool_], Ints]:
    """`n` permits valid at the ends `first` to `last` (beyond when last): issued, valid until,
    without end, type."""
    ends = stock.ends
    years = rng.integers(1, 3, n)
    if last < len(ends) - 1:  # ends between two calibrated ends
        weights = np.array(_PERMIT_WEIGHTS)
        weights[_LONG_TERM] = 0.0
        kind = rng.choice(len(PERMIT_TYPES), n, p=weights / weights.sum())
        until = rng.integers(ends[last] + 1, ends[last + 1] + 1, n)
        return until - 365 * years, until, np.zeros(n, dtype=np.bool_), kind
    kind = rng.choice(len(PERMIT_TYPES), n, p=_PERMIT_WEIGHTS)
    no_end = kind == _LONG_TERM
    issued = np.empty(n, dtype=np.int64)
    start = _FIRST if first == 0 else ends[first - 1] + 1
    issued[no_end] = _draw_days(rng, int(no_end.sum()), season, start, ends[first])
    for span in (1, 2):  # valid for 1 or 2 years past the last end
        these = ~no_end & (years == span)
        low = max(start, ends[-1] + 1 - 365 * span)
        issued[these] = _draw_days(rng, int(these.sum()), season, low, ends[first])
    return issued, issued + 365 * years, no_end, kind


def _koruma(
    rng: np.random.Generator,
    persons: _Persons,
    n: int,
    targets: Mapping[Quarter, int] | None,
    first: bool,
) -> tuple[pa.Table, str]:
    """`n` applications; the first chunk of a calibrated set holds the calibrated decisions."""
    calibrated = tuple(sorted(targets)) if targets is not None else ()
    fixed = sum(targets.values()) if targets is not None and first else 0
    free = n - fixed
    applied = _draw_days(rng, free, _season((8, 7, 8, 9, 10, 11, 12, 12, 11, 9, 7, 7)))
    decided = applied + rng.integers(20, 500, free)
    pending = rng.random(free) < 0.25
    pending |= decided > _day(LAST_DAY)
    pending |= _in_quarters(decided, calibrated)  # the calibrated decisions are the first chunk's
    if fixed:
        assert targets is not None
        days = []
        for quarter in calibrated:  # uniform over the quarter's days
            start, end = _quarter_days(quarter)
            days.append(rng.integers(start, end + 1, targets[quarter]))
        decided_fixed = np.concatenate(days)
        applied_fixed = np.maximum(decided_fixed - rng.integers(20, 500, fixed), _FIRST)
        applied = np.concatenate([applied, applied_fixed])
        decided = np.concatenate([decided, decided_fixed])
        pending = np.concatenate([pending, np.zeros(fixed, dtype=np.bool_)])
    decision = rng.choice(len(DECISIONS), n, p=[0.4, 0.6])
    table = pa.table(
        {
            **persons.columns(persons.draw(rng, n)),
            "applied_on": _dates(applied),
            "decided_on": _dates(decided, pending),
            "decision": _strings(DECISIONS, decision, pending),
        }
    )
    return table, "applied_on"


def _codes(
    rng: np.random.Generator, category: Category, n: int, among: tuple[str, ...] = ()
) -> npt.NDArray[np.int8]:
    """`n` codes of the category by its weights, only those of `among` when given."""
    weights = np.array(category.weights)
    if among:
        weights[[v not in among for v in category.values]] = 0.0
    return rng.choice(len(category.values), n, p=weights / weights.sum()).astype(np.int8)


def _events(
    rng: np.random.Generator,
    persons: _Persons,
    table: EventTable,
    n: int,
    segments: list[_Segment],
    avoid: tuple[Quarter, ...],
) -> tuple[pa.Table, str]:
    """`n` events of a one-date table: the segments' calibrated rows, then random ones dated
    outside the calibrated quarters (`avoid`)."""
    free = n - sum(s.rows for s in segments)
    season = _season(table.season)
    ids = [persons.draw(rng, free, table.nationality)]
    if table.anonymous:
        ids[0][rng.random(free) < table.anonymous] = -1
    days = [_draw_days(rng, free, _season(table.season, avoid))]
    codes = {c.column: [_codes(rng, c, free)] for c in table.categories}
    for segment in segments:
        if segment.persons is None:
            who = persons.draw(rng, segment.rows, table.nationality)
            if table.anonymous:
                who[rng.random(segment.rows) < table.anonymous] = -1
        else:  # each person once, then the extra events among them
            who = persons.distinct(rng, segment.persons, table.nationality, segment.why)
            extra = who[rng.integers(0, len(who), segment.rows - segment.persons)]
            who = np.concatenate([who, extra])
        ids.append(who)
        days.append(_draw_days(rng, segment.rows, season, *_quarter_days(segment.quarter)))
        for category in table.categories:
            among = segment.values if category.column == segment.column else ()
            codes[category.column].append(_codes(rng, category, segment.rows, among))
    columns = {
        **persons.columns(np.concatenate(ids)),
        table.date: _dates(np.concatenate(days)),
    }
    for category in table.categories:
        columns[category.column] = _strings(category.values, np.concatenate(codes[category.column]))
    return pa.table(columns), table.date


def synthesize(
    events: int,
    seed: int,
    out: Path,
    *,
    calibrate: bool = True,
    targets: Targets = TARGETS,
    chunk: int = CHUNK,
    progress: Callable[[str], None] | None = None,
) -> SynthSummary:
    """Write `events` events (all tables together) into `out`, which must be empty or new.
    With `calibrate`, the quarters of `targets` (indicator → quarter → value) are exactly
    those values. A table is generated and written `chunk` rows at a time (file
    `part-K.parquet` of each partition for its K-th chunk; its first chunk holds the
    calibrated rows, however many), so memory stays bounded whatever the size."""
    needed = minimum_events(calibrate, targets)
    if events < needed:
        raise SynthError(
            f"at least {needed} events are needed to calibrate {', '.join(targets)} on "
            "their published figures (or no calibration)"
        )
    if chunk < 1:
        raise SynthError("a chunk holds at least one event")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SynthError(f"{out} exists and is not an empty folder")
    asked: Targets = targets if calibrate else {}
    by_table = _calibrations(asked)
    least = calibrated_rows(asked)
    rng = np.random.default_rng(seed)
    persons = _Persons(rng, max(1, events // 3))
    sizes = table_sizes(events)
    builders: dict[str, Callable[[int, bool], tuple[pa.Table, str]]] = {}
    if "ikamet" in by_table:
        stock: _Stock | None = _stock(asked[by_table["ikamet"][0].indicator])
    else:
        stock = None
    builders["ikamet"] = lambda n, first: _ikamet(rng, persons, n, stock, first)
    koruma = by_table.get("uluslararasi_koruma")
    decisions = asked[koruma[0].indicator] if koruma else None
    builders["uluslararasi_koruma"] = lambda n, first: _koruma(rng, persons, n, decisions, first)
    for table in EVENT_TABLES:
        plan = _plan(table, by_table[table.name], asked) if table.name in by_table else []
        avoid = tuple(sorted({s.quarter for s in plan}))
        builders[table.name] = _event_builder(rng, persons, table, plan, avoid)
    files = 0
    for name in TABLES:
        for part, size in enumerate(_chunks(sizes[name], chunk, least.get(name, 0))):
            table, date_column = builders[name](size, part == 0)
            files += _write_partitioned(table, date_column, out / name, part)
            if progress is not None:
                progress(f"{name}: {table.num_rows} rows")
    calibrated = tuple(c.indicator for c in CALIBRATIONS if c.indicator in asked)
    return SynthSummary(rows=sizes, files=files, calibrated=calibrated)


def _event_builder(
    rng: np.random.Generator,
    persons: _Persons,
    table: EventTable,
    plan: list[_Segment],
    avoid: tuple[Quarter, ...],
) -> Callable[[int, bool], tuple[pa.Table, str]]:
    return lambda n, first: _events(rng, persons, table, n, plan if first else [], avoid)


def _chunks(total: int, chunk: int, first_at_least: int) -> list[int]:
    """The sizes of a table's chunks: `chunk` each, the first one at least `first_at_least`."""
    sizes: list[int] = []
    remaining = total
    while remaining > 0:
        size = min(remaining, max(chunk, first_at_least if not sizes else 0))
        sizes.append(size)
        remaining -= size
    return sizes


def _write_partitioned(table: pa.Table, date_column: str, folder: Path, part: int) -> int:
    """One file per year and quarter of `date_column` (never null here), rows in date order."""
    days = table[date_column].cast(pa.int32()).to_numpy().astype(np.int64)
    persons = table["person_id"].fill_null(_NO_PERSON).to_numpy()  # no person last
    order = np.argsort((days << 40) | persons, kind="stable")  # by day, then person
    table = table.take(pa.array(order))
    days = days[order]
    files = 0
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        for quarter in (1, 2, 3, 4):
            start = np.searchsorted(days, _day(datetime.date(year, 3 * quarter - 2, 1)))
            stop = np.searchsorted(days, _day(_quarter_end(year, quarter)), side="right")
            if stop <= start:
                continue
            where = folder / f"year={year}" / f"quarter={quarter}"
            where.mkdir(parents=True, exist_ok=True)
            pq.write_table(
                table.slice(int(start), int(stop - start)),
                where / f"part-{part}.parquet",
                compression="zstd",
                store_schema=False,  # codes are read back as plain strings
            )
            files += 1
    return files
