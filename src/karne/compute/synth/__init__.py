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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from karne.compute.synth.calibration import (
    CALIBRATIONS,
    PUBLISHED,
    SHARE_COUNTS,
    TARGETS,
    WEIGHTS,
    Calibration,
    Segment,
    StockPlan,
    calibrated_rows,
    calibrations_by_table,
    minimum_events,
    stock_plan,
    table_plan,
    table_sizes,
)
from karne.compute.synth.draw import (
    Persons,
    event_rows,
    ikamet_rows,
    koruma_rows,
)
from karne.compute.synth.tables import (
    DECISIONS,
    EVENT_TABLES,
    FIRST_DAY,
    LAST_DAY,
    NATIONALITIES,
    PERMIT_TYPES,
    PROVINCES,
    TABLES,
    EventTable,
    Quarter,
    SynthError,
    Targets,
    day_number,
    quarter_end,
)

__all__ = [
    "CALIBRATIONS",
    "CHUNK",
    "DECISIONS",
    "EVENT_TABLES",
    "FIRST_DAY",
    "LAST_DAY",
    "NATIONALITIES",
    "PERMIT_TYPES",
    "PROVINCES",
    "PUBLISHED",
    "SHARE_COUNTS",
    "TABLES",
    "TARGETS",
    "WEIGHTS",
    "Calibration",
    "EventTable",
    "SynthError",
    "SynthSummary",
    "calibrated_rows",
    "minimum_events",
    "synthesize",
    "table_sizes",
]

CHUNK = 2_000_000  # rows of a table generated and written at a time (about 400 MB)
_NO_PERSON = (1 << 40) - 1  # sorts after every person (fewer than 2^40 of them)


@dataclass(frozen=True)
class SynthSummary:
    rows: dict[str, int]
    files: int
    calibrated: tuple[str, ...] = ()  # the indicators whose 2023 quarters are the published ones


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
    by_table = calibrations_by_table(asked)
    least = calibrated_rows(asked)
    rng = np.random.default_rng(seed)
    persons = Persons(rng, max(1, events // 3))
    sizes = table_sizes(events)
    builders: dict[str, Callable[[int, bool], tuple[pa.Table, str]]] = {}
    if "ikamet" in by_table:
        stock: StockPlan | None = stock_plan(asked[by_table["ikamet"][0].indicator])
    else:
        stock = None
    builders["ikamet"] = lambda n, first: ikamet_rows(rng, persons, n, stock, first)
    koruma = by_table.get("uluslararasi_koruma")
    decisions = asked[koruma[0].indicator] if koruma else None
    builders["uluslararasi_koruma"] = lambda n, first: koruma_rows(
        rng, persons, n, decisions, first
    )
    for table in EVENT_TABLES:
        plan = table_plan(table, by_table[table.name], asked) if table.name in by_table else []
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
    persons: Persons,
    table: EventTable,
    plan: list[Segment],
    avoid: tuple[Quarter, ...],
) -> Callable[[int, bool], tuple[pa.Table, str]]:
    return lambda n, first: event_rows(rng, persons, table, n, plan if first else [], avoid)


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
            start = np.searchsorted(days, day_number(datetime.date(year, 3 * quarter - 2, 1)))
            stop = np.searchsorted(days, day_number(quarter_end(year, quarter)), side="right")
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
