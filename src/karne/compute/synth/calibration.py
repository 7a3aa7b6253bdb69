"""How the 2023 quarters are drawn to the published figures: the targets, each indicator's
calibration, and the plan of calibrated rows per table (computed without drawing anything), from
which each table's share of the events follows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from karne.compute.synth.tables import (
    EVENTS_BY_NAME,
    FIRST,
    FIRST_DAY,
    LAST_DAY,
    TABLES,
    EventTable,
    Quarter,
    SynthError,
    Targets,
    quarter_days,
)


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
UNCALIBRATED_WEIGHTS = {"yakalama": 250_000}  # yearly events of a table no indicator calibrates


@dataclass(frozen=True)
class Segment:
    """Rows of a calibrated quarter: `rows` of them, of `persons` different persons (None: any
    persons), with `column` taking one of `values`."""

    quarter: Quarter
    rows: int
    persons: int | None
    column: str | None
    values: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class StockPlan:
    """A calibrated stock: the calibrated quarters' last days, and cohorts of permits
    (first end valid at, last end valid at, how many); the last index means valid beyond."""

    ends: tuple[int, ...]
    cohorts: tuple[tuple[int, int, int], ...]

    @property
    def rows(self) -> int:
        return sum(n for _, _, n in self.cohorts)


def calibrations_by_table(targets: Targets) -> dict[str, list[Calibration]]:
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


def table_plan(
    table: EventTable, calibrations: list[Calibration], targets: Targets
) -> list[Segment]:
    """The calibrated rows of an event table, quarter by quarter."""
    columns = {c.column for c in calibrations if c.column is not None}
    if len(columns) > 1:
        raise SynthError(f"{table.name}: calibrations on more than one column")
    column = next(iter(columns), None)
    ordered = sorted(calibrations, key=lambda c: len(_values(table, c, column)))
    quarters = {tuple(sorted(targets[c.indicator])) for c in ordered}
    if len(quarters) > 1:
        raise SynthError(f"{table.name}: its calibrations have different quarters")
    segments: list[Segment] = []
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
            segments.append(Segment(quarter, rows, persons, column, fresh, why))
            counted += rows
            taken = allowed
        last = ordered[-1]
        other = tuple(v for v in table.category(column).values if v not in taken) if column else ()
        fill = round(targets[last.indicator][quarter] * last.fill)
        if fill and not other:
            raise SynthError(f"{table.name}: no value of {column} is left for uncounted rows")
        if fill:
            segments.append(Segment(quarter, fill, None, column, other, "fill"))
    return segments


def stock_plan(targets: Mapping[Quarter, int]) -> StockPlan:
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
    ends = tuple(quarter_days(q)[1] for q in quarters)
    if ends[0] + 1 - 2 * 365 < FIRST:  # the permits ending after the first end were issued by then
        raise SynthError(f"a stock is calibrated from {FIRST_DAY.year + 2} on")
    return StockPlan(ends, tuple(cohorts))


def calibrated_rows(targets: Targets) -> dict[str, int]:
    """The rows each calibrated table holds for its calibrated quarters."""
    out: dict[str, int] = {}
    for name, calibrations in calibrations_by_table(targets).items():
        if name == "ikamet":
            out[name] = stock_plan(targets[calibrations[0].indicator]).rows
        elif name == "uluslararasi_koruma":
            out[name] = sum(targets[calibrations[0].indicator].values())
        else:
            out[name] = sum(s.rows for s in table_plan(EVENTS_BY_NAME[name], calibrations, targets))
    return out


# Each table's share of the events is its 2023 volume (the rows calibrated on the published
# figures), so every table fills at the same size and each year of a set five times that size
# looks like 2023.
WEIGHTS: dict[str, int] = {
    name: {**calibrated_rows(TARGETS), **UNCALIBRATED_WEIGHTS}[name] for name in TABLES
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
