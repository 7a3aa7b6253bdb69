"""Computing definitions over an event folder, each value with provenance.

An event folder holds one folder per source table, `<source>/year=YYYY/quarter=Q/*.parquet`
(what `karne synth` writes). The engine (`karne.compute.engines`: DuckDB embedded by default,
or a local Spark) reads the Parquet files; nothing is written anywhere. A ratio's two counts
are computed as any flow or stock, and divided here, in Decimal.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow.parquet as pq

from karne.compute import engines
from karne.compute.compile import DefinitionError, compile_breakdown, compile_value, to_sql
from karne.core.decimals import decimal_text, percent
from karne.core.definitions import DefinitionKind, IndicatorDefinition

ENGINE = engines.DEFAULT


@dataclass(frozen=True)
class Source:
    name: str
    files: tuple[Path, ...]
    fingerprint: str  # of the files' names, sizes and modification times
    rows: int  # rows in the files (from their Parquet footers)


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
            "breakdowns": self.breakdowns,
            "provenance": self.provenance.as_json(),
        }
        if self.numerator is not None:
            out |= {"numerator": self.numerator, "denominator": self.denominator}
            out["reason"] = self.reason
        return out


def find_source(events: Path, name: str) -> Source:
    """The Parquet files of a source table, or `DefinitionError` when it has none."""
    folder = events / name
    files = tuple(sorted(folder.glob("year=*/quarter=*/*.parquet"))) if folder.is_dir() else ()
    if not files:
        raise DefinitionError(f"no events of {name!r} in {events} (expected {name}/year=…)")
    digest = hashlib.sha256()
    rows = 0
    for path in files:
        stat = path.stat()
        relative = path.relative_to(events).as_posix()
        digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        rows += pq.ParquetFile(path).metadata.num_rows
    return Source(name, files, "sha256:" + digest.hexdigest(), rows)


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
        if definition.kind is DefinitionKind.RATIO:
            return self._ratio(definition, year, quarter)
        source, table = self.table(definition.source)
        expression = compile_value(definition, table, year, quarter)
        row = self.connection.to_pyarrow(expression).to_pylist()[0]
        provenance = Provenance(
            definition=definition.id,
            definition_hash=definition.hash,
            query=to_sql(expression, self.connected.dialect),
            engine=self.connected.engine,
            engine_version=self.connected.version,
            ibis_version=ibis.__version__,
            source=source.name,
            source_fingerprint=source.fingerprint,
            source_files=len(source.files),
            source_rows=source.rows,
            matched_rows=int(row["rows"]),
        )
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

    def _ratio(self, definition: IndicatorDefinition, year: int, quarter: int) -> ComputedValue:
        """numerator / denominator × 100 from the two integer counts, in Decimal; no value
        when the denominator is 0."""
        parts = [self.compute(measure, year, quarter) for measure in definition.measures]
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
        return ComputedValue(
            definition.indicator,
            year,
            quarter,
            value,
            provenance,
            numerator=numerator,
            denominator=denominator,
            reason=reason,
        )


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
    computing = Engine(events, engine)
    return [
        computing.compute(definition, year, quarter, breakdowns=breakdowns)
        for definition in definitions
        for quarter in quarters
    ]
