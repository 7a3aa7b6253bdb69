"""`karne synth` and `karne indicators compute`: events generated, indicators computed from them.

Neither needs the database: both run in their own process (DuckDB embedded, in memory, or a
local Spark), and print what they did (docs/indicators.md).
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

from karne.cli.output import print_json, print_problems
from karne.core.formatting import format_number, format_percent

REFERENCE_DEFINITIONS = "indicator_definitions.yaml"


def reference_definitions_path(reference: Path) -> Path:
    """The reference dataset's definitions, shipped beside it until the dataset's load and
    export carry the file (docs/indicators.md, "Not yet")."""
    return reference.parent / "definitions" / reference.name / REFERENCE_DEFINITIONS


def synth(*, events: int, seed: int, out: Path, calibrate: bool) -> int:
    from karne.compute.synth import SynthError, synthesize

    started = time.perf_counter()
    try:
        summary = synthesize(
            events,
            seed,
            out,
            calibrate=calibrate,
            progress=lambda message: print(f"  {message}", file=sys.stderr, flush=True),
        )
    except SynthError as exc:
        print(f"karne synth: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    print(
        f"{out}: {format_number(Decimal(sum(summary.rows.values())))} olay / events, "
        f"{summary.files} dosya / files, {seconds:.1f} s"
    )
    return 0


def compute(
    *,
    year: int,
    quarter: int | None,
    events: Path,
    definitions: Path,
    dataset: Path,
    breakdowns: bool,
    as_json: bool,
    engine: str = "duckdb",
) -> int:
    from karne.compute.compile import DefinitionError
    from karne.compute.engines import EngineUnavailable
    from karne.compute.run import compute_all
    from karne.dataformat import DatasetInvalid, read_dataset
    from karne.dataformat.definitions import read_definitions

    try:
        codes = {i.code for i in read_dataset(dataset).pp_indicators}
        read = read_definitions(definitions, codes)
    except DatasetInvalid as exc:
        print_problems(exc)
        return 2
    if not read:
        print(f"karne indicators compute: {definitions}: no definition", file=sys.stderr)
        return 4
    quarters = [quarter] if quarter is not None else [1, 2, 3, 4]
    started = time.perf_counter()
    try:
        values = compute_all(read, events, year, quarters, breakdowns=breakdowns, engine=engine)
    except (DefinitionError, EngineUnavailable) as exc:
        print(f"karne indicators compute: {exc}", file=sys.stderr)
        return 4
    seconds = time.perf_counter() - started
    if as_json:
        print_json(
            {"year": year, "seconds": round(seconds, 3), "values": [v.as_json() for v in values]}
        )
        return 0
    for value in values:
        p = value.provenance
        if value.numerator is None:
            shown = format_number(Decimal(value.value or 0))
        else:  # a ratio: the percentage, and the two counts it is of
            ratio = value.value if isinstance(value.value, Decimal) else None
            numerator = format_number(Decimal(value.numerator))
            shown = f"{format_percent(ratio)} = {numerator} / "
            shown += format_number(Decimal(value.denominator or 0))
            if value.reason:
                shown += f" ({value.reason})"
        print(f"{value.indicator} {value.year} {value.period}: {shown}")
        print(f"  tanım / definition: {p.definition} {p.definition_hash}")
        print(f"  motor / engine: {p.engine} {p.engine_version} (ibis {p.ibis_version})")
        print(
            f"  kaynak / source: {p.source}, {p.source_files} files, {p.source_fingerprint}, "
            f"{p.source_rows} rows, {p.matched_rows} matched"
        )
        for name, split in value.breakdowns.items():
            shown = ", ".join(f"{k}={v}" for k, v in split.items())
            print(f"  {name}: {shown}")
        print("  sorgu / query:")
        for line in p.query.splitlines():
            print(f"    {line}")
    print(f"{len(values)} değer / values, {seconds:.2f} s")
    return 0
