"""Indicators computed from events by karne, by hand-written DuckDB SQL, pandas and Polars
(`make bench-indicators`; docs/indicators.md, "Benchmarks").

Events are generated with `karne.compute.synth.synthesize` (seed 2023) and kept for the next run
under `var/bench-indicators/events-N-seed2023-synthXXXXXXXX/` (XXXXXXXX: the digest of
the `synth` package's files, so that another generator's events are not reused; `--cache` for
another folder; 10 M events are about 55 MB and 10 to 20 s to generate, 100 M about 0.6 GB and
3 minutes). Every definition of the reference (its `indicator_definitions.yaml`, read from
the file) is computed for the four quarters of 2023, with its breakdowns, by:

- karne: `karne.compute.run.compute_all` (DuckDB embedded through Ibis);
- DuckDB SQL by hand: one query per definition as an analyst would write it (filtered
  aggregates per quarter, GROUPING SETS for the breakdowns, the Hive partitions pruned where
  the definition's date is the source's partition date); `--show-sql` prints them;
- pandas: a pyarrow-backed read of the columns needed (partitions pruned the same way),
  vectorised masks and `value_counts` / `groupby`;
- Polars: a lazy `scan_parquet`, filtered aggregates, `collect_all` for a definition's value and
  breakdowns.
- and, as a lower bound rather than a contender, DuckDB reading alone: every definition's rows
  of the span that pass its filter, each column it needs decoded, nothing aggregated
  (`floor_query`): no implementation on DuckDB can take less.

The three hand-written implementations are written here once for every definition of the file:
each is the tool's idiom for a flow or a stock, counting events or persons, with the file's
filters (a kind they do not know is said and left out of the comparison). Every result must be
the same as karne's, all compared before any time is shown; then karne computing the fourth
quarter alone (the incremental case) is compared with the year. Each run is a fresh process
(the interpreter, the imports and the reading of the files included); "compute" is the time
inside it from the first read of the events to the last figure, "process" the whole run, and
the peak resident memory is the process's own high-water mark (`VmHWM`, read every 50 ms while
it runs; not `ru_maxrss`, which also counts the parent's memory copied at fork). A run over its
time or memory limit is stopped and reported as such. The files are read once before the runs, so
every implementation reads them from the page cache. Never part of the test suite.

    python benchmarks/indicators.py --events 10000000,100000000
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "src" / "karne" / "data" / "goc-idaresi-2023"
DEFINITIONS_FILE = REFERENCE / "indicator_definitions.yaml"  # they travel with the dataset
YEAR = 2023
QUARTERS = (1, 2, 3, 4)
SEED = 2023
UNKNOWN = "unknown"
IMPLEMENTATIONS = ("karne", "sql", "pandas", "polars", "karne-q4", "floor", "karne-spark")
# Spark only when asked for: it needs Java, and a local session takes minutes where the others
# take seconds.
DEFAULT_IMPLEMENTATIONS = IMPLEMENTATIONS[:-1]
# A lower bound, not a contender: it computes no figure, so it is compared with nothing.
BOUNDS = ("floor",)
LABELS = {
    "karne": "karne (DuckDB through Ibis)",
    "sql": "DuckDB SQL by hand",
    "pandas": "pandas (pyarrow-backed)",
    "polars": "Polars (lazy)",
    "karne-q4": "karne, Q4 alone",
    "floor": "DuckDB reading alone",
    "karne-spark": "karne on Spark (local)",
}
# The goals of issue 11.
GOAL_SQL = 1.1  # karne at most 1.1 × the hand-written SQL's time
GOAL_PANDAS = 20.0  # karne at least 20 × faster than pandas
GOAL_POLARS = 1.5  # karne at least 1.5 × faster than Polars
GOAL_MIB = 2048.0  # karne's peak memory at 100 M events at most 2 GiB
GOAL_QUARTER = 0.25  # one quarter at most a quarter of the year's time

# A definition as plain data (`IndicatorDefinition.as_json`), what the children are given.
Definition = dict[str, Any]
# definition id -> quarter -> {"value": n, "breakdowns": {name: {key: n}}}
Results = dict[str, dict[str, dict[str, Any]]]


# --- the plan: what every implementation computes ------------------------------------------


def plan(events: Path, quarters: tuple[int, ...]) -> dict[str, Any]:
    """The definitions of the file that every implementation can compute, and which date each
    source is partitioned by (what an analyst knows of the event folder's layout)."""
    from karne.compute.run import find_source
    from karne.dataformat import read_dataset
    from karne.dataformat.definitions import read_definitions

    codes = sorted(i.code for i in read_dataset(REFERENCE).pp_indicators)
    definitions = read_definitions(DEFINITIONS_FILE, codes)
    # The hand-written implementations know flows and stocks, not ratios nor cumulation.
    kept = [d for d in definitions if d.kind.value in ("flow", "stock") and not d.cumulative]
    skipped = [
        f"{d.id} ({'cumulative ' if d.cumulative else ''}{d.kind.value})"
        for d in definitions
        if d not in kept
    ]
    partitions = {d.source: sorted(find_source(events, d.source).partition_dates) for d in kept}
    return {
        "events": str(events),
        "year": YEAR,
        "quarters": list(quarters),
        "codes": codes,
        "definitions": [d.as_json() for d in kept],
        "skipped": skipped,
        "partition_dates": partitions,
    }


def quarter_days(year: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * quarter - 2, 1)
    following = (
        datetime.date(year + 1, 1, 1) if quarter == 4 else datetime.date(year, 3 * quarter + 1, 1)
    )
    return start, following - datetime.timedelta(days=1)


def breakdown_column(name: str) -> str:
    from karne.core.definitions import BREAKDOWNS

    return BREAKDOWNS[name]


def needed_columns(d: Definition) -> list[str]:
    names = [d["date"], *(f["column"] for f in d["filter"])]
    names += [breakdown_column(b) for b in d["breakdowns"]]
    names += [c for c in (d["person"], d["until"]) if c is not None]
    return list(dict.fromkeys(names))


def filter_values(condition: dict[str, Any]) -> list[Any]:
    value = condition.get("value")
    return list(value) if isinstance(value, list) else [value]


def partition_span(d: Definition, year: int, quarters: list[int]) -> tuple[tuple[int, int], ...]:
    """The (year, quarter) partitions a flow's or stock's rows can be in: first and last."""
    first = (year, min(quarters)) if d["kind"] == "flow" else (0, 0)
    return first, (year, max(quarters))


# --- karne ---------------------------------------------------------------------------------


def _compute(p: dict[str, Any], engine: str) -> tuple[Results, float]:
    """karne's `compute_all` of the plan's definitions on the engine, timed."""
    from karne.compute.run import compute_all
    from karne.dataformat.definitions import read_definitions

    ids = [d["id"] for d in p["definitions"]]
    definitions = [d for d in read_definitions(DEFINITIONS_FILE, p["codes"]) if d.id in ids]
    started = time.perf_counter()
    values = compute_all(
        definitions, Path(p["events"]), p["year"], p["quarters"], breakdowns=True, engine=engine
    )
    seconds = time.perf_counter() - started
    results: Results = {}
    for v in values:
        results.setdefault(v.provenance.definition, {})[str(v.quarter)] = {
            "value": v.value,
            "breakdowns": v.breakdowns,
        }
    return results, seconds


def run_karne(p: dict[str, Any]) -> tuple[Results, float]:
    # Imported before the clock starts, as the other implementations' libraries are: Ibis loads
    # its DuckDB backend (and pandas, for its converter) on first use.
    import ibis
    import ibis.backends.duckdb.converter

    _ = ibis.duckdb
    return _compute(p, "duckdb")


def run_karne_spark(p: dict[str, Any]) -> tuple[Results, float]:
    """The same definitions and compiler on Spark's engine: a local session over both cores.
    PySpark and Ibis's backend are imported before the clock; the session's start (the JVM)
    is inside it, as it is in every `karne indicators compute --engine spark`."""
    import ibis
    import pyspark  # noqa: F401

    _ = ibis.pyspark
    return _compute(p, "spark")


# --- DuckDB SQL by hand --------------------------------------------------------------------


def _literal(value: Any) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _name(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def sql_source(d: Definition, p: dict[str, Any]) -> str:
    return f"read_parquet('{p['events']}/{d['source']}/*/*/*.parquet', hive_partitioning = true)"


def sql_where(d: Definition, p: dict[str, Any]) -> list[str]:
    """The rows of the quarters' span that pass the filter, from the partitions that can hold
    them."""
    year, quarters = p["year"], p["quarters"]
    date = _name(d["date"])
    until = _name(d["until"]) if d["until"] else None
    first, last = quarter_days(year, min(quarters))[0], quarter_days(year, max(quarters))[1]
    if d["kind"] == "flow":
        where = [f"{date} BETWEEN DATE '{first}' AND DATE '{last}'"]
    else:
        where = [f"{date} <= DATE '{last}'"]
        if until:
            earliest = quarter_days(year, min(quarters))[1]
            where.append(f"({until} IS NULL OR {until} > DATE '{earliest}')")
    for f in d["filter"]:
        column, op = _name(f["column"]), f["op"]
        if op in ("is null", "is not null"):
            where.append(f"{column} {op.upper()}")
        elif op in ("in", "not in"):
            listed = ", ".join(_literal(v) for v in filter_values(f))
            where.append(f"{column} {op.upper()} ({listed})")
        else:
            where.append(f"{column} {op} {_literal(filter_values(f)[0])}")
    if d["date"] in p["partition_dates"][d["source"]]:
        (fy, fq), (ly, lq) = partition_span(d, year, quarters)
        where.append(f"(year < {ly} OR (year = {ly} AND quarter <= {lq}))")
        if d["kind"] == "flow":
            where.append(f"(year > {fy} OR (year = {fy} AND quarter >= {fq}))")
    return where


def floor_query(d: Definition, p: dict[str, Any]) -> str:
    """What every DuckDB implementation reads before it aggregates: the rows of the span that
    pass the filter, every column the definition needs decoded (a count of each, so that none
    is skipped), no grouping, no distinct."""
    counts = ", ".join(f"count({_name(c)})" for c in needed_columns(d))
    return f"SELECT {counts}\nFROM {sql_source(d, p)}\nWHERE " + "\n  AND ".join(sql_where(d, p))


def sql_query(d: Definition, p: dict[str, Any]) -> str:
    """The query an analyst writes for the definition: one scan, a filtered aggregate per
    quarter, the breakdowns as grouping sets."""
    year, quarters = p["year"], p["quarters"]
    date = _name(d["date"])
    until = _name(d["until"]) if d["until"] else None

    def period(quarter: int) -> str:
        start, end = quarter_days(year, quarter)
        if d["kind"] == "flow":
            return f"{date} BETWEEN DATE '{start}' AND DATE '{end}'"
        ended = f" AND ({until} IS NULL OR {until} > DATE '{end}')" if until else ""
        return f"{date} <= DATE '{end}'{ended}"

    where = sql_where(d, p)
    measure = f"count(DISTINCT {_name(d['person'])})" if d["count"] == "persons" else "count(*)"
    metrics = [f"{measure} FILTER (WHERE {period(q)}) AS value_{q}" for q in quarters]
    if d["count"] == "persons":  # whether a breakdown's value had rows at all
        metrics += [f"count(*) FILTER (WHERE {period(q)}) AS rows_{q}" for q in quarters]
    source = sql_source(d, p)
    if not d["breakdowns"]:
        return f"SELECT {', '.join(metrics)}\nFROM {source}\nWHERE " + "\n  AND ".join(where)
    # The keys named in a subquery: a grouping set's rolled-up keys are then null, never
    # "unknown".
    keys = [
        f"coalesce(CAST({_name(breakdown_column(b))} AS VARCHAR), '{UNKNOWN}') AS {_name(b)}"
        for b in d["breakdowns"]
    ]
    read = [c for c in (d["date"], d["until"], d["person"]) if c]
    names = ", ".join(_name(b) for b in d["breakdowns"])
    sets = ", ".join(["()", *(f"({_name(b)})" for b in d["breakdowns"])])
    return (
        f"SELECT {names}, {', '.join(metrics)}\nFROM (\n  SELECT {', '.join(keys)}, "
        f"{', '.join(_name(c) for c in read)}\n  FROM {source}\n  WHERE "
        + "\n    AND ".join(where)
        + f"\n)\nGROUP BY GROUPING SETS ({sets})"
    )


def run_floor(p: dict[str, Any]) -> tuple[Results, float]:
    """`floor_query` of every definition: a lower bound of any DuckDB implementation's time
    (it computes no figure, so it is compared with nothing)."""
    import duckdb

    started = time.perf_counter()
    connection = duckdb.connect()
    for d in p["definitions"]:
        connection.sql(floor_query(d, p)).fetchall()
    return {}, time.perf_counter() - started


def run_sql(p: dict[str, Any]) -> tuple[Results, float]:
    import duckdb

    started = time.perf_counter()
    connection = duckdb.connect()
    results: Results = {}
    for d in p["definitions"]:
        cursor = connection.sql(sql_query(d, p))
        names = [c[0] for c in cursor.description]
        rows = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        results[d["id"]] = _from_grouping_sets(d, p["quarters"], rows)
    return results, time.perf_counter() - started


def _from_grouping_sets(
    d: Definition, quarters: list[int], rows: list[dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """The grand total is the row with no key; a breakdown's rows are those with its key (a
    key is never null: a missing value is "unknown")."""
    counted = "rows" if d["count"] == "persons" else "value"
    out: dict[str, dict[str, Any]] = {}
    for q in quarters:
        total = [r for r in rows if all(r.get(b) is None for b in d["breakdowns"])]
        splits = {
            b: {
                str(r[b]): int(r[f"value_{q}"])
                for r in sorted(rows, key=lambda r: str(r.get(b)))
                if r.get(b) is not None and r[f"{counted}_{q}"]
            }
            for b in d["breakdowns"]
        }
        value = int(total[0][f"value_{q}"]) if total else 0
        out[str(q)] = {"value": value, "breakdowns": splits}
    return out


# --- pandas --------------------------------------------------------------------------------


def run_pandas(p: dict[str, Any]) -> tuple[Results, float]:
    import pandas as pd  # type: ignore[import-untyped]

    started = time.perf_counter()
    year, quarters = p["year"], p["quarters"]
    results: Results = {}
    for d in p["definitions"]:
        filters = None
        if d["date"] in p["partition_dates"][d["source"]]:
            (fy, fq), (ly, lq) = partition_span(d, year, quarters)
            if d["kind"] == "flow" and fy == ly:
                filters = [[("year", "=", ly), ("quarter", ">=", fq), ("quarter", "<=", lq)]]
            else:
                filters = [[("year", "<", ly)], [("year", "=", ly), ("quarter", "<=", lq)]]
        frame = pd.read_parquet(
            Path(p["events"]) / d["source"],
            columns=needed_columns(d),
            filters=filters,
            dtype_backend="pyarrow",
        )
        date = frame[d["date"]]
        until = frame[d["until"]] if d["until"] else None
        first, last = quarter_days(year, min(quarters))[0], quarter_days(year, max(quarters))[1]
        keep = date.between(first, last) if d["kind"] == "flow" else date <= last
        if until is not None:
            keep &= until.isna() | (until > quarter_days(year, min(quarters))[1])
        for f in d["filter"]:
            column, op, values = frame[f["column"]], f["op"], filter_values(f)
            if op == "is null":
                keep &= column.isna()
            elif op == "is not null":
                keep &= column.notna()
            elif op == "=":
                keep &= column == values[0]
            elif op == "!=":
                keep &= column != values[0]
            elif op == "in":
                keep &= column.isin(values) & column.notna()
            else:
                keep &= ~column.isin(values) & column.notna()
        frame = frame[keep.fillna(False)]
        keys = {
            b: frame[breakdown_column(b)].astype("string[pyarrow]").fillna(UNKNOWN)
            for b in d["breakdowns"]
        }
        out: dict[str, dict[str, Any]] = {}
        for q in quarters:
            start, end = quarter_days(year, q)
            date = frame[d["date"]]
            if d["kind"] == "flow":
                mask = date.between(start, end)
            else:
                mask = date <= end
                if d["until"]:
                    ends = frame[d["until"]]
                    mask &= ends.isna() | (ends > end)
            mask = mask.fillna(False).astype(bool)
            splits: dict[str, dict[str, int]] = {}
            if d["count"] == "persons":
                person = frame.loc[mask, d["person"]]
                value = int(person.nunique())
                for b, key in keys.items():
                    counts = person.groupby(key[mask]).nunique()
                    splits[b] = {str(k): int(v) for k, v in sorted(counts.items())}
            else:
                value = int(mask.sum())
                for b, key in keys.items():
                    counts = key[mask].value_counts()
                    splits[b] = {str(k): int(v) for k, v in sorted(counts.items()) if v}
            out[str(q)] = {"value": value, "breakdowns": splits}
        results[d["id"]] = out
        del frame, keys
    return results, time.perf_counter() - started


# --- Polars --------------------------------------------------------------------------------


def run_polars(p: dict[str, Any]) -> tuple[Results, float]:
    import polars as pl

    started = time.perf_counter()
    year, quarters = p["year"], p["quarters"]
    results: Results = {}
    for d in p["definitions"]:
        date = pl.col(d["date"])
        until = pl.col(d["until"]) if d["until"] else None

        def period(quarter: int, d: Definition = d, date: pl.Expr = date) -> pl.Expr:
            start, end = quarter_days(year, quarter)
            if d["kind"] == "flow":
                return date.is_between(start, end)
            ended = date <= end
            if d["until"]:
                ends = pl.col(d["until"])
                ended &= ends.is_null() | (ends > end)
            return ended

        first, last = quarter_days(year, min(quarters))[0], quarter_days(year, max(quarters))[1]
        keep = date.is_between(first, last) if d["kind"] == "flow" else date <= last
        if until is not None:
            keep &= until.is_null() | (until > quarter_days(year, min(quarters))[1])
        for f in d["filter"]:
            column, op, values = pl.col(f["column"]), f["op"], filter_values(f)
            if op == "is null":
                keep &= column.is_null()
            elif op == "is not null":
                keep &= column.is_not_null()
            elif op == "=":
                keep &= column == values[0]
            elif op == "!=":
                keep &= column != values[0]
            elif op == "in":
                keep &= column.is_in(values) & column.is_not_null()
            else:
                keep &= ~column.is_in(values) & column.is_not_null()
        if d["date"] in p["partition_dates"][d["source"]]:
            (fy, fq), (ly, lq) = partition_span(d, year, quarters)
            hive_year, hive_quarter = pl.col("year"), pl.col("quarter")
            keep &= (hive_year < ly) | ((hive_year == ly) & (hive_quarter <= lq))
            if d["kind"] == "flow":
                keep &= (hive_year > fy) | ((hive_year == fy) & (hive_quarter >= fq))
        source = f"{p['events']}/{d['source']}/*/*/*.parquet"
        rows = pl.scan_parquet(source, hive_partitioning=True).filter(keep)
        if d["count"] == "persons":
            person = pl.col(d["person"])
            metrics = [
                person.filter(period(q)).drop_nulls().n_unique().alias(f"value_{q}")
                for q in quarters
            ]
            metrics += [period(q).sum().alias(f"rows_{q}") for q in quarters]
        else:
            metrics = [period(q).sum().alias(f"value_{q}") for q in quarters]
        frames = [rows.select(metrics)]
        for b in d["breakdowns"]:
            key = pl.col(breakdown_column(b)).cast(pl.String).fill_null(UNKNOWN).alias(b)
            frames.append(rows.group_by(key).agg(metrics))
        total, *grouped = pl.collect_all(frames)
        counted = "rows" if d["count"] == "persons" else "value"
        out: dict[str, dict[str, Any]] = {}
        for q in quarters:
            splits = {
                b: {
                    str(r[b]): int(r[f"value_{q}"])
                    for r in sorted(frame.to_dicts(), key=lambda r: str(r[b]))
                    if r[f"{counted}_{q}"]
                }
                for b, frame in zip(d["breakdowns"], grouped, strict=True)
            }
            out[str(q)] = {"value": int(total[f"value_{q}"][0] or 0), "breakdowns": splits}
        results[d["id"]] = out
    return results, time.perf_counter() - started


RUNNERS = {
    "karne": run_karne,
    "sql": run_sql,
    "pandas": run_pandas,
    "polars": run_polars,
    "karne-q4": run_karne,
    "floor": run_floor,
    "karne-spark": run_karne_spark,
}


def child(implementation: str, plan_file: Path, out: Path) -> None:
    """Runs inside the measured process: compute, write the results and the compute time."""
    p = json.loads(plan_file.read_text(encoding="utf-8"))
    if implementation == "karne-q4":
        p["quarters"] = [4]
    results, seconds = RUNNERS[implementation](p)
    out.write_text(json.dumps({"seconds": seconds, "results": results}), encoding="utf-8")


# --- measuring -----------------------------------------------------------------------------


@dataclass
class Run:
    implementation: str
    compute: float | None  # seconds inside the process, None when it did not finish
    process: float
    cpu: float  # the process's user and system seconds (all its threads)
    peak_mib: float
    results: Results | None
    failure: str = ""


def _rss_mib(pid: int, field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _session_rss_mib(session: int) -> float:
    """The resident memory of every process of a session: the child and what it started (the
    Java process of a Spark session)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 3 and int(fields[3]) == session:
            total += _rss_mib(int(stat.parent.name))
    return total


def measure(implementation: str, plan_file: Path, limit_s: float, limit_mib: float) -> Run:
    """One run in a fresh process, stopped when over its time or memory limit."""
    with tempfile.TemporaryDirectory(prefix="karne-bench-") as tmp:
        out = Path(tmp) / "results.json"
        command = [sys.executable, __file__, "--child", implementation, str(plan_file), str(out)]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
        failure = ""
        # The peak is the child's own high-water mark (VmHWM), read while it runs: the kernel's
        # ru_maxrss of a child also counts the parent's memory copied at fork, so a parent that
        # has just generated 100 M events would show in every child's figure.
        high = 0.0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - start
            rss = _session_rss_mib(process.pid)  # the child and its own children
            high = max(high, _rss_mib(process.pid, "VmHWM"), rss)
            if not failure and elapsed > limit_s:
                failure = f"stopped after {limit_s:.0f} s"
            elif not failure and rss > limit_mib:
                failure = f"stopped at {rss:.0f} MiB (limit {limit_mib:.0f} MiB)"
            if failure:
                os.killpg(process.pid, signal.SIGKILL)
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        peak = high
        cpu = usage.ru_utime + usage.ru_stime
        if process.returncode != 0 and not failure:
            failure = f"exit status {process.returncode}"
        if failure:
            return Run(implementation, None, seconds, cpu, peak, None, failure)
        data = json.loads(out.read_text(encoding="utf-8"))
        return Run(implementation, data["seconds"], seconds, cpu, peak, data["results"])


def synth_version() -> str:
    """A short digest of the generator's source: events generated by another `karne synth`
    are not taken from the cache."""
    import hashlib

    digest = hashlib.sha256()
    for source in sorted((ROOT / "src" / "karne" / "compute" / "synth").glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:8]


def events_folder(cache: Path, events: int) -> Path:
    """The generated events, from the cache or generated into it (then kept)."""
    from karne.compute.synth import synthesize

    folder = cache / f"events-{events}-seed{SEED}-synth{synth_version()}"
    if folder.is_dir():
        return folder
    partial = cache / f"{folder.name}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    synthesize(events, SEED, partial)
    partial.rename(folder)
    print(f"generated {events:,} events in {time.perf_counter() - started:.0f} s into {folder}")
    return folder


def warm(folder: Path) -> int:
    """Every file read once, so that each implementation reads them from the page cache."""
    size = 0
    for path in sorted(folder.rglob("*.parquet")):
        size += len(path.read_bytes())
    return size


def differences(expected: Results, found: Results, quarters: list[str]) -> list[str]:
    out = []
    for definition, by_quarter in expected.items():
        for q in quarters:
            want = by_quarter[q]
            got = found.get(definition, {}).get(q)
            if got is None:
                out.append(f"{definition} Q{q}: missing")
            elif got["value"] != want["value"]:
                out.append(f"{definition} Q{q}: {got['value']} instead of {want['value']}")
            elif got["breakdowns"] != want["breakdowns"]:
                names = [
                    b
                    for b in want["breakdowns"]
                    if got["breakdowns"].get(b) != want["breakdowns"][b]
                ]
                out.append(f"{definition} Q{q}: breakdowns {', '.join(names)} differ")
    return out


def verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def report(size: int, runs: dict[str, Run]) -> list[str]:
    """The table's rows and the goals for one size."""
    lines = [f"{size:,} events"]
    lines.append(
        f"  {'implementation':<30} {'compute':>10} {'process':>10} {'CPU':>10} {'peak RSS':>11}"
    )
    for name in IMPLEMENTATIONS:
        if name not in runs:
            continue
        r = runs[name]
        compute = f"{r.compute:8.2f} s" if r.compute is not None else f"{'—':>10}"
        line = f"  {LABELS[name]:<30} {compute} {r.process:8.2f} s {r.cpu:8.2f} s"
        line += f" {r.peak_mib:7.0f} MiB"
        lines.append(line + (f"  {r.failure}" if r.failure else ""))
    karne = runs.get("karne")
    if karne is None or karne.compute is None:
        return lines
    lines.append("  goals (compute time; process time in brackets):")

    def ratio(other: str, goal: float, faster: bool, label: str) -> None:
        r = runs.get(other)
        if r is None:
            return
        if r.compute is None:
            lines.append(f"    {label}: {LABELS[other]} did not finish ({r.failure})")
            return
        assert karne is not None
        assert karne.compute is not None
        if faster:
            found, process = r.compute / karne.compute, r.process / karne.process
            met, met_process = found >= goal, process >= goal
            shown = f"{found:.2f}× faster ({process:.2f}×)"
        else:
            found, process = karne.compute / r.compute, karne.process / r.process
            met, met_process = found <= goal, process <= goal
            shown = f"{found:.2f}× its time ({process:.2f}×)"
        lines.append(f"    {label}: {shown}: {verdict(met)} ({verdict(met_process)})")

    ratio("sql", GOAL_SQL, False, f"karne ≤ {GOAL_SQL}× hand-written DuckDB SQL")
    ratio("pandas", GOAL_PANDAS, True, f"karne ≥ {GOAL_PANDAS:.0f}× faster than pandas")
    ratio("polars", GOAL_POLARS, True, f"karne ≥ {GOAL_POLARS}× faster than Polars")
    spark = runs.get("karne-spark")
    if spark is not None and spark.compute is not None:
        lines.append(
            f"    (no goal) karne on Spark, the same definitions: "
            f"{spark.compute / karne.compute:.1f}× karne on DuckDB's time"
        )
    quarter = runs.get("karne-q4")
    if quarter is not None and quarter.compute is not None:
        found, process = quarter.compute / karne.compute, quarter.process / karne.process
        lines.append(
            f"    Q4 alone ≤ 1/4 of the year: {found:.2f} of it ({process:.2f}): "
            f"{verdict(found <= GOAL_QUARTER)} ({verdict(process <= GOAL_QUARTER)})"
        )
    floor = runs.get("floor")
    if floor is not None and floor.compute is not None:
        lines.append(
            f"    (no goal) {LABELS['floor']}: {floor.compute / karne.compute:.2f} of karne's time"
        )
        for other, goal in (("pandas", GOAL_PANDAS), ("polars", GOAL_POLARS)):
            contender = runs.get(other)
            if contender is not None and contender.compute is not None:
                budget = contender.compute / goal  # the time the goal leaves karne
                lines.append(
                    f"      the goal's time, {LABELS[other]} / {goal:g}: {budget:.2f} s, "
                    f"{budget / floor.compute:.2f}× the reading alone"
                )
    if size >= 100_000_000:
        lines.append(
            f"    karne's peak memory ≤ 2 GiB at {size:,} events: {karne.peak_mib:.0f} MiB: "
            f"{verdict(karne.peak_mib <= GOAL_MIB)}"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", default="10000000,100000000", help="sizes, comma-separated")
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "bench-indicators")
    parser.add_argument(
        "--implementations",
        default=",".join(DEFAULT_IMPLEMENTATIONS),
        help=f"comma-separated, among {', '.join(IMPLEMENTATIONS)}",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (median, max peak)")
    parser.add_argument("--limit-seconds", type=float, default=1200.0, help="per run")
    parser.add_argument("--limit-mib", type=float, default=10240.0, help="per run, resident")
    parser.add_argument("--show-sql", action="store_true", help="print the hand-written SQL")
    parser.add_argument("--child", nargs=3, metavar=("IMPLEMENTATION", "PLAN", "OUT"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return 0
    chosen = [i for i in args.implementations.split(",") if i]
    unknown = set(chosen) - set(IMPLEMENTATIONS)
    if unknown or "karne" not in chosen:
        parser.error(f"implementations among {', '.join(IMPLEMENTATIONS)}, karne among them")

    import duckdb
    import pandas
    import polars

    print(
        f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, python "
        f"{sys.version.split()[0]}, {os.cpu_count()} cpu, duckdb {duckdb.__version__}, "
        f"pandas {pandas.__version__}, polars {polars.__version__}",
        flush=True,
    )
    tables: list[str] = []
    failed = False
    for size in (int(s) for s in args.events.split(",")):
        folder = events_folder(args.cache, size)
        with tempfile.TemporaryDirectory(prefix="karne-bench-") as tmp:
            p = plan(folder, QUARTERS)
            plan_file = Path(tmp) / "plan.json"
            plan_file.write_text(json.dumps(p), encoding="utf-8")
            ids = ", ".join(d["id"] for d in p["definitions"])
            print(f"{folder}: {warm(folder) / 1e6:.0f} MB; definitions: {ids}", flush=True)
            if p["skipped"]:
                print(f"  not computed here (a kind the benchmark does not know): {p['skipped']}")
            if args.show_sql:
                for d in p["definitions"]:
                    print(f"-- {d['id']}\n{sql_query(d, p)};")
            runs: dict[str, Run] = {}
            for name in chosen:
                repeated = [
                    measure(name, plan_file, args.limit_seconds, args.limit_mib)
                    for _ in range(args.repeat)
                ]
                done = [r for r in repeated if r.compute is not None]
                run = done[0] if done else repeated[0]
                if len(done) > 1:
                    run.compute = statistics.median(r.compute for r in done if r.compute)
                    run.process = statistics.median(r.process for r in done)
                    run.cpu = statistics.median(r.cpu for r in done)
                run.peak_mib = max(r.peak_mib for r in repeated)
                runs[name] = run
                shown = f"{run.compute:.2f} s" if run.compute is not None else run.failure
                print(f"  {LABELS[name]}: {shown}, {run.peak_mib:.0f} MiB", flush=True)
            expected = runs["karne"].results
            if expected is None:
                print("karne did not finish: nothing to compare")
                return 1
            quarters = [str(q) for q in QUARTERS]
            for name, run in runs.items():
                if run.results is None or name == "karne" or name in BOUNDS:
                    continue
                found = differences(
                    expected, run.results, ["4"] if name == "karne-q4" else quarters
                )
                if found:
                    failed = True
                    print(f"  {LABELS[name]} differs from karne:", *found, sep="\n    ")
            if failed:
                return 1
            finished = [
                LABELS[n] for n, r in runs.items() if r.results is not None and n not in BOUNDS
            ]
            print(f"  the same values and breakdowns from: {', '.join(finished)}", flush=True)
            tables += report(size, runs)
    print("\n".join(tables))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
