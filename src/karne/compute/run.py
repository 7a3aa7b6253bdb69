"""Computing definitions over an event folder, each value with provenance.

An event folder holds one folder per source table, `<source>/year=YYYY/quarter=Q/*.parquet`
(what `karne synth` writes). The engine (`karne.compute.engines`: DuckDB embedded by default,
or a local Spark) reads the Parquet files; nothing is written anywhere. A flow or a stock is one
query for all the quarters asked, its breakdowns in the same one (`compile_quarters`, or
`compile_persons` counting persons), reading only the partitions its quarters can be in when
its date is the one the source is partitioned by (docs/indicators.md, "Partitions read"). A
ratio's two counts are computed as any flow or stock, and divided here, in Decimal. The queries
run one at a time in a thread of their own, while the next is compiled and its source, on first
use, registered (`Engine.compute_many`).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from karne.compute import engines
from karne.compute.compile import (
    TOTAL,
    DefinitionError,
    compile_breakdown,
    compile_persons,
    compile_quarters,
    compile_value,
    to_sql,
)
from karne.core.decimals import decimal_text, percent
from karne.core.definitions import (
    UNKNOWN,
    CountKind,
    DefinitionKind,
    IndicatorDefinition,
    quarter_bounds,
)

ENGINE = engines.DEFAULT


@dataclass(frozen=True)
class Source:
    name: str
    files: tuple[Path, ...]
    fingerprint: str  # of the files' names, sizes and modification times
    rows: int  # rows in the files (from their Parquet footers)
    # The date columns whose values all lie in their file's year=/quarter= partition (from the
    # footers' statistics): the dates the source is partitioned by.
    partition_dates: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Provenance:
    definition: str
    definition_hash: str
    query: str
    engine: str
    engine_version: str
    ibis_version: str
    source: str
    source_fingerprint: str
    source_files: int
    source_rows: int
    matched_rows: int  # a ratio: its denominator's
    measures: tuple[Provenance, ...] = ()  # a ratio: its numerator's and denominator's

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "definition": self.definition,
            "definition_hash": self.definition_hash,
            "query": self.query,
            "engine": self.engine,
            "engine_version": self.engine_version,
            "ibis_version": self.ibis_version,
            "source": self.source,
            "source_fingerprint": self.source_fingerprint,
            "source_files": self.source_files,
            "source_rows": self.source_rows,
            "matched_rows": self.matched_rows,
        }
        if self.measures:
            out["measures"] = [m.as_json() for m in self.measures]
        return out


@dataclass(frozen=True)
class ComputedValue:
    indicator: str
    year: int
    quarter: int
    value: int | Decimal | None  # a count; a ratio's percentage, or None with a reason
    provenance: Provenance
    breakdowns: dict[str, dict[str, int]] = field(default_factory=dict)
    numerator: int | None = None  # a ratio's two counts
    denominator: int | None = None
    reason: str | None = None  # why a ratio has no value
    # A ratio's breakdowns: each group's numerator and denominator (its share is their quotient).
    parts: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)

    @property
    def period(self) -> str:
        return f"Q{self.quarter}"

    def as_json(self) -> dict[str, object]:
        value = decimal_text(self.value) if isinstance(self.value, Decimal) else self.value
        out: dict[str, object] = {
            "indicator": self.indicator,
            "year": self.year,
            "period": self.period,
            "value": value,
            "breakdowns": self.breakdowns_json(),
            "provenance": self.provenance.as_json(),
        }
        if self.numerator is not None:
            out |= {"numerator": self.numerator, "denominator": self.denominator}
            out["reason"] = self.reason
        return out

    def breakdowns_json(self) -> dict[str, dict[str, object]]:
        """The breakdowns as stored and printed: a count per group, or a ratio's two counts."""
        if not self.parts:
            return {name: dict(groups) for name, groups in self.breakdowns.items()}
        return {
            name: {key: {"numerator": n, "denominator": d} for key, (n, d) in groups.items()}
            for name, groups in self.parts.items()
        }


_PARTITION = re.compile(r"year=(\d+)/quarter=([1-4])/[^/]*$")


def find_source(events: Path, name: str) -> Source:
    """The Parquet files of a source table, or `DefinitionError` when it has none."""
    return _source(events, name, _files(events, name))


def _files(events: Path, name: str) -> tuple[Path, ...]:
    folder = events / name
    files = tuple(sorted(folder.glob("year=*/quarter=*/*.parquet"))) if folder.is_dir() else ()
    if not files:
        raise DefinitionError(f"no events of {name!r} in {events} (expected {name}/year=…)")
    return files


def _source(events: Path, name: str, files: tuple[Path, ...]) -> Source:
    """The source of these files: their fingerprint and rows, its partition dates (from their
    footers)."""
    digest = hashlib.sha256()
    rows = 0
    partition_dates: set[str] | None = None
    for path in files:
        stat = path.stat()
        relative = path.relative_to(events).as_posix()
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        metadata = pq.ParquetFile(path).metadata
        rows += metadata.num_rows
        within = _dates_within_partition(relative, metadata)
        partition_dates = within if partition_dates is None else partition_dates & within
    return Source(
        name, files, "sha256:" + digest.hexdigest(), rows, frozenset(partition_dates or ())
    )


def _dates_within_partition(relative: str, metadata: pq.FileMetaData) -> set[str]:
    """The file's date columns whose every value (nulls aside) lies in the year and quarter of
    its folder, by the footer's statistics; none when the folder names no quarter or a row
    group has no statistics."""
    found = _PARTITION.search(relative)
    if found is None:
        return set()
    start, end = quarter_bounds(int(found[1]), int(found[2]))
    schema = metadata.schema
    dates = [
        i
        for i in range(metadata.num_columns)
        if schema.column(i).logical_type.type == "DATE" and "." not in schema.column(i).path
    ]
    within: set[str] = set()
    for i in dates:
        for group in range(metadata.num_row_groups):
            chunk = metadata.row_group(group).column(i)
            stats = chunk.statistics
            if stats is not None and stats.null_count == chunk.num_values:
                continue  # only nulls: in no period, and in no other partition either
            if stats is None or not stats.has_min_max:
                break
            low, high = stats.min, stats.max
            if not (isinstance(low, datetime.date) and isinstance(high, datetime.date)):
                break
            if low < start or high > end:
                break
        else:
            within.add(schema.column(i).path)
    return within


@dataclass(frozen=True)
class _Planned:
    """A flow's or a stock's query, compiled, and what its rows are read back with."""

    definition: IndicatorDefinition
    source: Source
    year: int
    quarters: tuple[int, ...]
    breakdowns: tuple[str, ...]
    expression: ir.Table
    query: str


class Engine:
    """An engine through Ibis (`engines.ENGINES`: DuckDB embedded, or a local Spark), with the
    event folder's sources registered on first use."""

    def __init__(self, events: Path, engine: str = ENGINE) -> None:
        self.events = events
        self.connected = engines.connect(engine)
        self.connection = self.connected.backend
        self._tables: dict[str, tuple[Source, ir.Table]] = {}

    def table(self, name: str) -> tuple[Source, ir.Table]:
        if name not in self._tables:
            source = find_source(self.events, name)
            table = self.connected.register(name, self.events / name, source.files)
            self._tables[name] = (source, table)
        return self._tables[name]

    def compute(
        self,
        definition: IndicatorDefinition,
        year: int,
        quarter: int,
        *,
        breakdowns: bool = False,
    ) -> ComputedValue:
        return self.compute_quarters(definition, year, [quarter], breakdowns=breakdowns)[0]

    def compute_quarters(
        self,
        definition: IndicatorDefinition,
        year: int,
        quarters: Sequence[int],
        *,
        breakdowns: bool = False,
    ) -> list[ComputedValue]:
        """The definition for each quarter asked, in their order: a flow or a stock in one
        query with its breakdowns, a ratio as its two measures so, divided quarter by
        quarter."""
        return self.compute_many([definition], year, quarters, breakdowns=breakdowns)

    def compute_many(
        self,
        definitions: Iterable[IndicatorDefinition],
        year: int,
        quarters: Sequence[int],
        *,
        breakdowns: bool = False,
    ) -> list[ComputedValue]:
        """Every definition for each quarter asked (`compute_quarters` of each, in their
        order). The queries run one after the other on the engine, in a thread of their own,
        from the first one compiled: while one runs, the next definition's source is registered
        on first use (its footers read) and its query compiled; then the values are read back
        from each query's rows, while the last ones run."""
        definitions = list(definitions)
        leaves = [(m, breakdowns) for definition in definitions for m in definition.measures]
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="karne-engine") as engine:
            running: list[tuple[_Planned, Future[pa.Table]]] = []
            for measure, split in leaves:
                planned = self._plan(measure, year, quarters, split)
                running.append(
                    (
                        planned,
                        engine.submit(self.connected.execute, planned.expression, planned.query),
                    )
                )
            computed = [self._finish(planned, future.result()) for planned, future in running]
        out: list[ComputedValue] = []
        for definition in definitions:
            if definition.kind is DefinitionKind.RATIO:
                numerators, denominators = computed.pop(0), computed.pop(0)
                out += [
                    self._ratio(definition, year, q, n, d)
                    for q, n, d in zip(quarters, numerators, denominators, strict=True)
                ]
            else:
                out += computed.pop(0)
        return out

    def _plan(
        self, definition: IndicatorDefinition, year: int, quarters: Sequence[int], breakdowns: bool
    ) -> _Planned:
        """A flow's or a stock's query for the quarters: its breakdowns in the same one."""
        source, table = self.table(definition.source)
        partitioned = definition.date in source.partition_dates
        asked = list(dict.fromkeys(quarters))
        names = list(definition.breakdowns) if breakdowns else []
        if names and definition.count is CountKind.PERSONS:
            expression = compile_persons(
                definition, table, year, asked, breakdowns=names, partitioned=partitioned
            )
        else:
            expression = compile_quarters(
                definition, table, year, asked, breakdowns=names, partitioned=partitioned
            )
        query = self.connected.compile(expression)
        return _Planned(definition, source, year, tuple(quarters), tuple(names), expression, query)

    def _finish(self, planned: _Planned, result: pa.Table) -> list[ComputedValue]:
        """The values of each quarter asked, in their order, from the query's rows."""
        definition, names = planned.definition, planned.breakdowns
        asked = list(dict.fromkeys(planned.quarters))
        splits: dict[int, dict[str, dict[str, int]]] = {q: {} for q in asked}
        if names and definition.count is CountKind.PERSONS:
            total = result.filter(pc.equal(result["breakdown"], TOTAL))
            values = {q: _total(total, f"value_{q}") for q in asked}
            matched = {q: _total(total, f"rows_{q}") for q in asked}
            for name in names:
                for q, split in _person_splits(result, name, asked).items():
                    splits[q][name] = split
        else:
            # Counting persons, `rows_Q` are the rows that matched; counting events, the values.
            counted = "value" if definition.count is CountKind.EVENTS else "rows"
            values = {q: _total(result, f"value_{q}") for q in asked}
            matched = {q: _total(result, f"{counted}_{q}") for q in asked}
            for name in names:
                for q, split in _splits(result, name, asked, counted).items():
                    splits[q][name] = split
        return [
            ComputedValue(
                definition.indicator,
                planned.year,
                q,
                values[q],
                self._provenance(definition, planned.source, planned.query, matched[q]),
                splits[q],
            )
            for q in planned.quarters
        ]

    def _compute_alone(
        self, definition: IndicatorDefinition, year: int, quarter: int, breakdowns: bool
    ) -> ComputedValue:
        """One quarter of a flow or a stock, one query (and one per breakdown): what
        `compute_quarters` is tested against."""
        source, table = self.table(definition.source)
        expression = compile_value(definition, table, year, quarter)
        row = self.connection.to_pyarrow(expression).to_pylist()[0]
        query = to_sql(expression, self.connected.dialect)
        provenance = self._provenance(definition, source, query, int(row["rows"]))
        split: dict[str, dict[str, int]] = {}
        if breakdowns:
            for name in definition.breakdowns:
                grouped = compile_breakdown(definition, table, year, quarter, name)
                split[name] = {
                    str(r[name]): int(r["value"])
                    for r in self.connection.to_pyarrow(grouped).to_pylist()
                }
        return ComputedValue(
            definition.indicator, year, quarter, int(row["value"]), provenance, split
        )

    def _provenance(
        self, definition: IndicatorDefinition, source: Source, query: str, matched: int
    ) -> Provenance:
        return Provenance(
            definition=definition.id,
            definition_hash=definition.hash,
            query=query,
            engine=self.connected.engine,
            engine_version=self.connected.version,
            ibis_version=ibis.__version__,
            source=source.name,
            source_fingerprint=source.fingerprint,
            source_files=len(source.files),
            source_rows=source.rows,
            matched_rows=matched,
        )

    def _ratio(
        self,
        definition: IndicatorDefinition,
        year: int,
        quarter: int,
        numerator_value: ComputedValue,
        denominator_value: ComputedValue,
    ) -> ComputedValue:
        """numerator / denominator × 100 from the two integer counts, in Decimal; no value
        when the denominator is 0."""
        parts = (numerator_value, denominator_value)
        numerator, denominator = (int(part.value or 0) for part in parts)
        value = percent(Decimal(numerator), Decimal(denominator))
        reason = None if value is not None else "the denominator is 0"
        first, second = (part.provenance for part in parts)
        same = first.source == second.source
        digest = hashlib.sha256(f"{first.source_fingerprint}\n{second.source_fingerprint}".encode())
        provenance = Provenance(
            definition=definition.id,
            definition_hash=definition.hash,
            query=f"-- numerator\n{first.query};\n-- denominator\n{second.query};",
            engine=self.connected.engine,
            engine_version=self.connected.version,
            ibis_version=ibis.__version__,
            source=first.source if same else f"{first.source}, {second.source}",
            source_fingerprint=(
                first.source_fingerprint if same else "sha256:" + digest.hexdigest()
            ),
            source_files=first.source_files + (0 if same else second.source_files),
            source_rows=first.source_rows + (0 if same else second.source_rows),
            matched_rows=second.matched_rows,
            measures=(first, second),
        )
        groups: dict[str, dict[str, tuple[int, int]]] = {}
        for name, below in denominator_value.breakdowns.items():
            above = numerator_value.breakdowns.get(name, {})
            groups[name] = {k: (above.get(k, 0), below.get(k, 0)) for k in {**below, **above}}
        return ComputedValue(
            definition.indicator,
            year,
            quarter,
            value,
            provenance,
            numerator=numerator,
            denominator=denominator,
            reason=reason,
            parts=groups,
        )


def _total(result: pa.Table, column: str) -> int:
    return int(pc.sum(result[column]).as_py() or 0)


def _splits(
    grouped: pa.Table, name: str, quarters: Sequence[int], counted: str
) -> dict[int, dict[str, int]]:
    """A breakdown's values by quarter from rows grouped by its column (and maybe others): a
    missing value is "unknown"; a value is shown for a quarter when rows of it matched then
    (counting persons, a value whose rows have no person shows 0)."""
    key = pc.fill_null(pc.cast(grouped[name], pa.string()), UNKNOWN)
    columns = list(dict.fromkeys(c for q in quarters for c in (f"value_{q}", f"{counted}_{q}")))
    summed = (
        pa.table({name: key, **{c: grouped[c] for c in columns}})
        .group_by(name)
        .aggregate([(c, "sum") for c in columns])
        .sort_by(name)
        .to_pylist()
    )
    return {
        q: {str(r[name]): int(r[f"value_{q}_sum"]) for r in summed if r[f"{counted}_{q}_sum"]}
        for q in quarters
    }


def _person_splits(
    result: pa.Table, name: str, quarters: Sequence[int]
) -> dict[int, dict[str, int]]:
    """A breakdown's values by quarter from `compile_persons`'s rows: a value is shown for a
    quarter when rows of it matched then (one whose rows have no person shows 0)."""
    rows = result.filter(pc.equal(result["breakdown"], name)).sort_by("key").to_pylist()
    return {
        q: {str(r["key"]): int(r[f"value_{q}"]) for r in rows if r[f"rows_{q}"]} for q in quarters
    }


def compute_all(
    definitions: Iterable[IndicatorDefinition],
    events: Path,
    year: int,
    quarters: Sequence[int],
    *,
    breakdowns: bool = False,
    engine: str = ENGINE,
) -> list[ComputedValue]:
    """Every definition for every quarter asked, in the definitions' order, on the engine
    named (`engines.ENGINES`)."""
    return Engine(events, engine).compute_many(definitions, year, quarters, breakdowns=breakdowns)
