"""Drawing the rows: persons, days by season, codes, and each kind of table's rows with its
calibrated ones first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from karne.compute.synth.calibration import (
    Segment,
    StockPlan,
)
from karne.compute.synth.tables import (
    DECISIONS,
    FIRST,
    LAST_DAY,
    NATIONALITIES,
    PERMIT_TYPES,
    PROVINCES,
    Category,
    EventTable,
    Quarter,
    SynthError,
    day_number,
    quarter_days,
)
from karne.core.definitions import AGE_BANDS

_NATIONALITY_WEIGHTS = np.array([30, 16, 12, 9, 6, 6, 5, 4, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1])
_AGE_WEIGHTS = np.array([22, 28, 27, 15, 5, 3])  # AGE_BANDS, the last one "unknown"
_PERMIT_WEIGHTS = (0.55, 0.2, 0.12, 0.08, 0.05)
_LONG_TERM = PERMIT_TYPES.index("uzun_donem")
Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


def _season(month_weights: tuple[int, ...], avoid: tuple[Quarter, ...] = ()) -> Floats:
    """A probability per day of the range, from a weight per month (none in `avoid`)."""
    days = np.arange(FIRST, day_number(LAST_DAY) + 1)
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64) % 12
    weights: Floats = np.array(month_weights, dtype=np.float64)[months]
    for quarter in avoid:
        start, end = quarter_days(quarter)
        weights[start - FIRST : end - FIRST + 1] = 0.0
    return weights / weights.sum()  # type: ignore[no-any-return]


def _draw_days(
    rng: np.random.Generator,
    n: int,
    season: Floats,
    start: int | None = None,
    end: int | None = None,
) -> Ints:
    """`n` days drawn by the season, between `start` and `end` (day numbers) when given."""
    low = FIRST if start is None else start
    part = season[low - FIRST : (len(season) if end is None else end - FIRST + 1)]
    return rng.choice(len(part), n, p=part / part.sum()).astype(np.int64) + low


def _in_quarters(days: Ints, quarters: tuple[Quarter, ...]) -> npt.NDArray[np.bool_]:
    inside = np.zeros(len(days), dtype=np.bool_)
    for quarter in quarters:
        start, end = quarter_days(quarter)
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


class Persons:
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


def ikamet_rows(
    rng: np.random.Generator, persons: Persons, n: int, stock: StockPlan | None, first: bool
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
    rng: np.random.Generator, season: Floats, stock: StockPlan, first: int, last: int, n: int
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
    start = FIRST if first == 0 else ends[first - 1] + 1
    issued[no_end] = _draw_days(rng, int(no_end.sum()), season, start, ends[first])
    for span in (1, 2):  # valid for 1 or 2 years past the last end
        these = ~no_end & (years == span)
        low = max(start, ends[-1] + 1 - 365 * span)
        issued[these] = _draw_days(rng, int(these.sum()), season, low, ends[first])
    return issued, issued + 365 * years, no_end, kind


def koruma_rows(
    rng: np.random.Generator,
    persons: Persons,
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
    pending |= decided > day_number(LAST_DAY)
    pending |= _in_quarters(decided, calibrated)  # the calibrated decisions are the first chunk's
    if fixed:
        assert targets is not None
        days = []
        for quarter in calibrated:  # uniform over the quarter's days
            start, end = quarter_days(quarter)
            days.append(rng.integers(start, end + 1, targets[quarter]))
        decided_fixed = np.concatenate(days)
        applied_fixed = np.maximum(decided_fixed - rng.integers(20, 500, fixed), FIRST)
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


def event_rows(
    rng: np.random.Generator,
    persons: Persons,
    table: EventTable,
    n: int,
    segments: list[Segment],
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
        days.append(_draw_days(rng, segment.rows, season, *quarter_days(segment.quarter)))
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
