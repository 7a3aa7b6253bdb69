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
    """A dataset folder's definitions (the reference dataset has them)."""
    return reference / REFERENCE_DEFINITIONS


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
    if summary.calibrated:
        print(f"2023 yayımlanan değerler / published figures: {', '.join(summary.calibrated)}")
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
        for name, parts in value.parts.items():
            shown = ", ".join(f"{k}={n}/{d}" for k, (n, d) in parts.items())
            print(f"  {name}: {shown}")
        print("  sorgu / query:")
        for line in p.query.splitlines():
            print(f"    {line}")
    print(f"{len(values)} değer / values, {seconds:.2f} s")
    return 0


def store(
    *,
    year: int,
    quarter: int | None,
    events: Path,
    definitions: Path | None,
    username: str,
    full: bool,
    as_json: bool,
    engine: str = "duckdb",
) -> int:
    """Compute what changed and store it as the administration's proposals (docs/indicators.md,
    "Incremental"). The engine runs here, in this process; the web application only reads
    what is stored."""
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied

    from karne.cli.database import migrate
    from karne.compute.compile import DefinitionError
    from karne.compute.engines import EngineUnavailable
    from karne.compute.run import Engine
    from karne.compute.stamps import Footers, Stamp, refresh
    from karne.dataformat import DatasetInvalid
    from karne.dataformat.definitions import read_definitions, read_definitions_text
    from karne.monitoring.errors import Refused
    from karne.monitoring.services.computed import (
        FigureInput,
        figure_stamps,
        figures_store,
        indicator_codes,
        stored_definitions,
    )

    migrate()
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        print(
            f"karne indicators compute: '{username}' adlı kullanıcı yok / no such user",
            file=sys.stderr,
        )
        return 3
    try:
        codes = indicator_codes(user, year)
        if definitions is not None:
            read = read_definitions(definitions, codes)
        else:  # the administration's own, loaded with its dataset
            text = stored_definitions(user)
            read = read_definitions_text(text, codes) if text else ()
    except PermissionDenied:
        print(
            f"karne indicators compute: {username} hesaplanan değerleri kaydedemez / "
            "may not store computed figures (computed.store)",
            file=sys.stderr,
        )
        return 3
    except DatasetInvalid as exc:
        print_problems(exc)
        return 2
    if not read:
        where = definitions or "the administration's dataset (karne load)"
        print(f"karne indicators compute: {where}: no definition", file=sys.stderr)
        return 4
    quarters = [quarter] if quarter is not None else [1, 2, 3, 4]
    started = time.perf_counter()
    stored = {k: Stamp(*v) for k, v in figure_stamps(user, year).items()}
    try:
        fresh = refresh(
            Engine(events, engine),
            read,
            year,
            quarters,
            Footers(events),
            stored,
            breakdowns=True,
            full=full,
        )
    except (DefinitionError, EngineUnavailable) as exc:
        print(f"karne indicators compute: {exc}", file=sys.stderr)
        return 4
    figures = [
        FigureInput(
            indicator=v.indicator,
            year=v.year,
            quarter=v.quarter,
            value=None if v.value is None else Decimal(v.value),
            numerator=None if v.numerator is None else Decimal(v.numerator),
            denominator=None if v.denominator is None else Decimal(v.denominator),
            definition=v.provenance.definition,
            definition_hash=stamp.definition_hash,
            fingerprint=stamp.fingerprint,
            provenance=v.provenance.as_json(),
            breakdowns=v.breakdowns_json(),
        )
        for v, stamp in fresh
    ]
    try:
        result = figures_store(user=user, figures=figures)
    except Refused as exc:
        print(f"karne indicators compute: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    skipped = len(read) * len(quarters) - len(fresh)
    summary = {
        "year": year,
        "quarters": quarters,
        "computed": len(fresh),
        "skipped": skipped,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "restatements": result.restatements,
        "seconds": round(seconds, 3),
    }
    if as_json:
        print_json(summary)
    else:
        print(
            f"{year} {', '.join(f'Q{q}' for q in quarters)}: {len(fresh)} hesaplandı / computed, "
            f"{skipped} değişmemiş kaynak / unchanged sources, {result.created} yeni / new, "
            f"{result.updated} güncellendi / updated, {result.restatements} yeniden düzenleme / "
            f"restatements, {seconds:.2f} s"
        )
    return 0
