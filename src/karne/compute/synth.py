"""`karne synth`: a GöçNet-like event set in Parquet, partitioned by year and quarter.

Three event tables, each a folder `<table>/year=YYYY/quarter=Q/part-0.parquet` (Hive-style):

- `ikamet`, residence permits: `issued_on`, `valid_until` (null for a permit without end),
  `permit_type`;
- `uluslararasi_koruma`, international protection applications: `applied_on`, `decided_on`
  and `decision` (both null while pending);
- `yakalama`, apprehensions of irregular migrants: `apprehended_on`, `route`.

Every row has `person_id`, `province` (the 81 plate codes "01"…"81"), `nationality` (ISO 3166
alpha-3), `sex` (F, M) and `age_band` (with "unknown"): a person's attributes are the same in
every table, and persons have several events. Dates run from 2020-01-01 to 2024-12-31, with
seasons (apprehensions peak in summer, permits are renewed before the school year). Everything
comes from one NumPy generator seeded by `seed`: the same seed and size write byte-identical
files.

Calibration: with `calibrate` (the default), the international protection decisions of 2023 are
exactly the reference's published quarterly figures of GYH-11 (`CALIBRATION`), so definition
`uk-sonuclandirilan` computes the Activity Report's values; other years are random.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
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
# Share of the events per table.
SHARES: dict[str, float] = {"ikamet": 0.5, "uluslararasi_koruma": 0.2, "yakalama": 0.3}
PERMIT_TYPES: tuple[str, ...] = ("kisa_donem", "aile", "ogrenci", "uzun_donem", "insani")
ROUTES: tuple[str, ...] = ("kara", "deniz", "hava")
DECISIONS: tuple[str, ...] = ("kabul", "ret")

# GYH-11 "Sonuçlandırılan uluslararası koruma başvuru sayısı", 2023, quarter by quarter, as
# the Activity Report published it (the reference dataset's realizations.csv).
CALIBRATION: dict[tuple[int, int], int] = {
    (2023, 1): 13118,
    (2023, 2): 15310,
    (2023, 3): 17414,
    (2023, 4): 48664,
}

CHUNK = 2_000_000  # rows of a table generated and written at a time (about 400 MB)
_EPOCH = datetime.date(1970, 1, 1)
Ints = npt.NDArray[np.int64]


class SynthError(Exception):
    """The generator cannot write what was asked (too few events to calibrate, a used folder)."""


@dataclass(frozen=True)
class SynthSummary:
    rows: dict[str, int]
    files: int


def _day(day: datetime.date) -> int:
    return (day - _EPOCH).days


def _season(month_weights: tuple[int, ...]) -> npt.NDArray[np.float64]:
    """A probability per day of the range, from a weight per month."""
    days = np.arange(_day(FIRST_DAY), _day(LAST_DAY) + 1)
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
    weights: npt.NDArray[np.float64] = np.array(month_weights, dtype=np.float64)[months]
    return weights / weights.sum()  # type: ignore[no-any-return]


def _strings(values: tuple[str, ...], indices: npt.NDArray[np.integer[Any]]) -> pa.Array:
    return pa.array(values, pa.string()).take(pa.array(indices))


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

    def columns(self, ids: Ints) -> dict[str, pa.Array]:
        return {
            "person_id": pa.array(ids),
            "province": _strings(PROVINCES, self.province[ids]),
            "nationality": _strings(NATIONALITIES, self.nationality[ids]),
            "sex": _strings(("F", "M"), self.sex[ids]),
            "age_band": _strings(AGE_BANDS, self.age[ids]),
        }


def _draw_days(rng: np.random.Generator, n: int, season: npt.NDArray[np.float64]) -> Ints:
    return rng.choice(len(season), n, p=season).astype(np.int64) + _day(FIRST_DAY)


def _ikamet(rng: np.random.Generator, persons: _Persons, n: int) -> tuple[pa.Table, str]:
    ids = rng.integers(0, persons.size, n)
    issued = _draw_days(rng, n, _season((8, 8, 9, 9, 9, 10, 11, 12, 12, 9, 8, 7)))
    kind = rng.choice(len(PERMIT_TYPES), n, p=[0.55, 0.2, 0.12, 0.08, 0.05])
    years = rng.integers(1, 3, n)
    valid_until = issued + 365 * years
    no_end = kind == PERMIT_TYPES.index("uzun_donem")
    table = pa.table(
        {
            **persons.columns(ids),
            "permit_type": _strings(PERMIT_TYPES, kind),
            "issued_on": _dates(issued),
            "valid_until": _dates(valid_until, no_end),
        }
    )
    return table, "issued_on"


def _koruma(
    rng: np.random.Generator, persons: _Persons, n: int, calibrate: bool, first: bool
) -> tuple[pa.Table, str]:
    """`n` applications; the first chunk of a calibrated set holds the calibrated decisions."""
    calibrated = sum(CALIBRATION.values()) if calibrate and first else 0
    free = n - calibrated
    applied = _draw_days(rng, free, _season((8, 7, 8, 9, 10, 11, 12, 12, 11, 9, 7, 7)))
    decided = applied + rng.integers(20, 500, free)
    pending = rng.random(free) < 0.25
    pending |= decided > _day(LAST_DAY)
    if calibrate:  # no random decision in a calibrated quarter: the first chunk has those
        for year, quarter in CALIBRATION:
            start = _day(datetime.date(year, 3 * quarter - 2, 1))
            end = _day(_quarter_end(year, quarter))
            pending |= (decided >= start) & (decided <= end)
    if calibrated:
        parts = []
        for (year, quarter), count in CALIBRATION.items():
            start = _day(datetime.date(year, 3 * quarter - 2, 1))
            end = _day(_quarter_end(year, quarter))
            parts.append(rng.integers(start, end + 1, count))
        fixed = np.concatenate(parts)
        fixed_applied = np.maximum(fixed - rng.integers(20, 500, calibrated), _day(FIRST_DAY))
        applied = np.concatenate([applied, fixed_applied])
        decided = np.concatenate([decided, fixed])
        pending = np.concatenate([pending, np.zeros(calibrated, dtype=np.bool_)])
    ids = rng.integers(0, persons.size, n)
    decision = rng.choice(len(DECISIONS), n, p=[0.4, 0.6])
    table = pa.table(
        {
            **persons.columns(ids),
            "applied_on": _dates(applied),
            "decided_on": _dates(decided, pending),
            "decision": pa.array(np.array(DECISIONS)[decision], pa.string(), mask=pending),
        }
    )
    return table, "applied_on"


def _yakalama(rng: np.random.Generator, persons: _Persons, n: int) -> tuple[pa.Table, str]:
    ids = rng.integers(0, persons.size, n)
    days = _draw_days(rng, n, _season((4, 4, 6, 8, 10, 12, 14, 15, 13, 9, 6, 4)))
    route = rng.choice(len(ROUTES), n, p=[0.7, 0.2, 0.1])
    table = pa.table(
        {
            **persons.columns(ids),
            "apprehended_on": _dates(days),
            "route": _strings(ROUTES, route),
        }
    )
    return table, "apprehended_on"


def _quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


def minimum_events(calibrate: bool) -> int:
    """The fewest events a calibrated set can hold (its protection table has the calibrated
    decisions at least)."""
    if not calibrate:
        return 1
    return int(np.ceil(sum(CALIBRATION.values()) / SHARES["uluslararasi_koruma"]))


def synthesize(
    events: int,
    seed: int,
    out: Path,
    *,
    calibrate: bool = True,
    chunk: int = CHUNK,
    progress: Callable[[str], None] | None = None,
) -> SynthSummary:
    """Write `events` events (all tables together) into `out`, which must be empty or new.
    A table is generated and written `chunk` rows at a time (file `part-K.parquet` of each
    partition for its K-th chunk), so memory stays bounded whatever the size."""
    if events < minimum_events(calibrate):
        raise SynthError(
            f"at least {minimum_events(calibrate)} events are needed to calibrate "
            "(or no calibration)"
        )
    if chunk < 1:
        raise SynthError("a chunk holds at least one event")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise SynthError(f"{out} exists and is not an empty folder")
    rng = np.random.default_rng(seed)
    persons = _Persons(rng, max(1, events // 3))
    sizes = {name: int(events * share) for name, share in SHARES.items()}
    sizes["ikamet"] += events - sum(sizes.values())
    builders: dict[str, Callable[[int, bool], tuple[pa.Table, str]]] = {
        "ikamet": lambda n, first: _ikamet(rng, persons, n),
        "uluslararasi_koruma": lambda n, first: _koruma(rng, persons, n, calibrate, first),
        "yakalama": lambda n, first: _yakalama(rng, persons, n),
    }
    calibrated = sum(CALIBRATION.values()) if calibrate else 0
    files = 0
    for name, build in builders.items():
        least = calibrated if name == "uluslararasi_koruma" else 0
        for part, size in enumerate(_chunks(sizes[name], chunk, least)):
            table, date_column = build(size, part == 0)
            files += _write_partitioned(table, date_column, out / name, part)
            if progress is not None:
                progress(f"{name}: {table.num_rows} rows")
    return SynthSummary(rows=sizes, files=files)


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
    table = table.sort_by([(date_column, "ascending"), ("person_id", "ascending")])
    days = table[date_column].cast(pa.int32()).to_numpy().astype(np.int64)
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
            )
            files += 1
    return files
