"""Indicator definitions as data: how a performance-programme indicator is counted from events.

A definition names an event table, what it counts (events, or distinct persons), the date that
places a row in a period, a filter, and the kind of figure (a flow over the quarter, or from
1 January with `cumulative`; a stock at the quarter's end; a ratio of two such counts, as a
percentage). The dataset format reads them (`indicator_definitions.yaml`,
docs/data-format.md) and `karne.compute` compiles them into queries (docs/indicators.md). This
module is pure: records, the fixed catalogues, the periods' dates and a definition's hash.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum


class CountKind(StrEnum):
    EVENTS = "events"  # every matching row
    PERSONS = "persons"  # distinct values of the definition's `person` column


class DefinitionKind(StrEnum):
    FLOW = "flow"  # rows whose date falls in the quarter
    STOCK = "stock"  # rows whose date is on or before the quarter's end (and not ended by then)
    RATIO = "ratio"  # numerator / denominator × 100, each a flow or a stock of its own


class FilterOp(StrEnum):
    EQ = "="
    NE = "!="
    IN = "in"
    NOT_IN = "not in"
    IS_NULL = "is null"
    IS_NOT_NULL = "is not null"

    @property
    def takes_value(self) -> bool:
        return self not in (FilterOp.IS_NULL, FilterOp.IS_NOT_NULL)

    @property
    def takes_list(self) -> bool:
        return self in (FilterOp.IN, FilterOp.NOT_IN)


# The breakdowns a definition may ask for: the column each one groups by. A missing value is
# shown as UNKNOWN (an age band the record system does not know is "unknown", never dropped).
BREAKDOWNS: dict[str, str] = {
    "province": "province",
    "nationality": "nationality",
    "sex": "sex",
    "age_band": "age_band",
}
UNKNOWN = "unknown"
AGE_BANDS: tuple[str, ...] = ("0-17", "18-29", "30-44", "45-64", "65+", UNKNOWN)

# Filter values are text or whole numbers (a province code, a status, a year of birth).
FilterValue = str | int


@dataclass(frozen=True)
class Filter:
    column: str
    op: FilterOp
    values: tuple[FilterValue, ...] = ()  # one value for = and !=, a list for in / not in

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {"column": self.column, "op": self.op.value}
        if self.op.takes_list:
            out["value"] = list(self.values)
        elif self.op.takes_value:
            out["value"] = self.values[0]
        return out


@dataclass(frozen=True)
class IndicatorDefinition:
    id: str
    indicator: str  # the performance-programme indicator's code the value is proposed for
    source: str  # the event table
    count: CountKind
    date: str  # the column that places a row in a period
    kind: DefinitionKind
    person: str | None = None  # the person column, when `count` is persons
    until: str | None = None  # a stock: the column on which a row stops counting (may be null)
    filter: tuple[Filter, ...] = ()
    breakdowns: tuple[str, ...] = ()
    description: str = ""
    cumulative: bool = False  # a flow: from 1 January to the quarter's end
    # A ratio's two counts, each a flow or a stock (its source, count, date... are the
    # numerator's, repeated here so that every definition names a source).
    numerator: IndicatorDefinition | None = None
    denominator: IndicatorDefinition | None = None

    def as_json(self) -> dict[str, object]:
        """The definition as plain data, keys in a fixed order (what its hash is taken of).
        `cumulative` and a ratio's measures appear only when used, so that the definitions
        written before them keep their hashes."""
        if self.kind is DefinitionKind.RATIO:
            return {
                "id": self.id,
                "indicator": self.indicator,
                "kind": self.kind.value,
                "numerator": self.numerator.as_json() if self.numerator else None,
                "denominator": self.denominator.as_json() if self.denominator else None,
            }
        out = self._count_json()
        if self.cumulative:
            out["cumulative"] = True
        return out

    @property
    def measures(self) -> tuple[IndicatorDefinition, ...]:
        """What is counted: the definition itself, or a ratio's numerator and denominator."""
        if self.kind is DefinitionKind.RATIO:
            assert self.numerator is not None  # the reader requires both
            assert self.denominator is not None
            return (self.numerator, self.denominator)
        return (self,)

    def _count_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "indicator": self.indicator,
            "source": self.source,
            "count": self.count.value,
            "person": self.person,
            "date": self.date,
            "until": self.until,
            "kind": self.kind.value,
            "filter": [f.as_json() for f in self.filter],
            "breakdowns": list(self.breakdowns),
        }

    @property
    def hash(self) -> str:
        """A version of the definition: the SHA-256 of what it computes (its description,
        which computes nothing, is left out)."""
        text = json.dumps(self.as_json(), sort_keys=True, ensure_ascii=False)
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column of the source the definition reads (checked against the events)."""
        if self.kind is DefinitionKind.RATIO:
            return tuple(dict.fromkeys(c for m in self.measures for c in m.columns))
        names = [self.date, *(f.column for f in self.filter)]
        names += [BREAKDOWNS[b] for b in self.breakdowns]
        names += [c for c in (self.person, self.until) if c is not None]
        return tuple(dict.fromkeys(names))


def period_bounds(
    year: int, quarter: int, *, cumulative: bool = False
) -> tuple[datetime.date, datetime.date]:
    """The first and last day a flow counts: the quarter's, or from 1 January with
    `cumulative`."""
    start, end = quarter_bounds(year, quarter)
    return (datetime.date(year, 1, 1) if cumulative else start), end


def quarter_bounds(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """The first and the last day of a quarter (both inside it)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"a quarter is 1 to 4, not {quarter}")
    start = datetime.date(year, 3 * quarter - 2, 1)
    following = (
        datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    )
    return start, following - datetime.timedelta(days=1)
