"""Wall time and peak memory of `karne check`, `load` and `export` on a large dataset
(`make bench-large`; docs/data-format.md, "Large datasets").

The dataset is the reference one plus generated rows that keep it valid: indicators of the
reference's first sub-programme (`GEN-000001`, …), each with four quarterly realizations and
twenty performance-programme values (five measures × four years), and half of the rows as
printed figures of generated tables. Each command runs in a fresh process (the interpreter
start and the imports included, as a user's would); its peak resident memory is the one the
kernel reports for that process alone (`os.wait4`). Never part of the test suite.

    python benchmarks/large.py --rows 3000000              # SQLite file
    tools/pg-cluster.sh python benchmarks/large.py --postgres
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1] / "src" / "karne" / "data" / "goc-idaresi-2023"
MEASURES = ("actual", "planned", "estimate", "target", "forecast")
VALUE_YEARS = (2021, 2022, 2023, 2024)
PER_INDICATOR = 1 + 4 + len(MEASURES) * len(VALUE_YEARS)  # the indicator, its rows


def generate(folder: Path, rows: int) -> int:
    """A copy of the reference dataset with about `rows` more rows; returns the rows added."""
    shutil.copytree(REFERENCE, folder)
    with (REFERENCE / "pp_indicators.csv").open(encoding="utf-8", newline="") as handle:
        template = next(r for r in csv.DictReader(handle) if r["year"] == "2023")
    indicators = rows // (2 * PER_INDICATOR)
    printed = rows - indicators * PER_INDICATOR

    files = contextlib.ExitStack()

    def append(name: str) -> csv.DictWriter[str]:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        out = files.enter_context((folder / name).open("a", encoding="utf-8", newline=""))
        return csv.DictWriter(out, header, lineterminator="\n")

    with files:
        _write(append, template, indicators, printed)
    return indicators * PER_INDICATOR + printed


def _write(
    append: Callable[[str], csv.DictWriter[str]],
    template: dict[str, str],
    indicators: int,
    printed: int,
) -> None:
    pp, real, values, figures = (
        append(n)
        for n in ("pp_indicators.csv", "realizations.csv", "pp_indicator_values.csv", "printed.csv")
    )
    for i in range(1, indicators + 1):
        code = f"GEN-{i:06d}"
        pp.writerow({**template, "code": code, "sort": str(1000 + i), "name": f"Üretilen {i}"})
        for q in range(1, 5):
            real.writerow({"indicator": code, "year": 2023, "period": f"Q{q}", "value": i * q})
        for year in VALUE_YEARS:
            for measure in MEASURES:
                value = f"{i}.{year % 100:02d}"
                values.writerow(
                    {"indicator": code, "year": year, "measure": measure, "value": value}
                    | {"source": "PP2023"}
                )
    for i in range(printed):
        figures.writerow(
            {
                "document": "FR2023",
                "table": f"Üretilen Tablo {i // 1000}",
                "row": f"Satır {i % 1000}",
                "column": "count",
                "value": str(i),
                "as_printed": f"{i:,}".replace(",", "."),
            }
        )


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds, peak MiB and exit status of one command in a fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss / 1024, process.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=3_000_000, help="generated rows (about)")
    parser.add_argument("--karne", default=str(Path(sys.executable).parent / "karne"))
    parser.add_argument("--postgres", action="store_true", help="load into KARNE_DATABASE_URL")
    parser.add_argument(
        "--commands", default="check,load,export", help="which to run, comma-separated"
    )
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args()
    if args.postgres and not os.environ.get("KARNE_DATABASE_URL"):
        parser.error("--postgres needs KARNE_DATABASE_URL (run inside tools/pg-cluster.sh)")

    work = Path(tempfile.mkdtemp(prefix="karne-large-"))
    try:
        folder = args.keep or work / "dataset"
        if not (folder / "dataset.yaml").exists():
            started = time.perf_counter()
            added = generate(folder, args.rows)
            print(f"generated {added} rows in {time.perf_counter() - started:.0f} s", flush=True)
        total = sum(
            sum(1 for _ in p.open(encoding="utf-8")) - 1 for p in sorted(folder.glob("*.csv"))
        )
        env = dict(os.environ, KARNE_DATA_DIR=str(work), KARNE_DB_PATH=str(work / "db.sqlite3"))
        if not args.postgres:
            env.pop("KARNE_DATABASE_URL", None)
        database = "PostgreSQL" if args.postgres else "SQLite"
        runs = {
            "check": [args.karne, "check", str(folder)],
            "load": [args.karne, "load", "--replace", str(folder)],
            "export": [args.karne, "export", str(work / "export")],
        }
        print(f"{'command':<17} {'rows':>9} {'seconds':>8} {'peak MiB':>9}")
        for name in args.commands.split(","):
            seconds, mib, status = measure(runs[name], env)
            label = f"{name} ({database})" if name != "check" else name
            failed = "" if status == 0 else f"  exit status {status}"
            print(f"{label:<17} {total:>9} {seconds:>8.1f} {mib:>9.0f}{failed}", flush=True)
        if "export" in args.commands and (work / "export").exists():
            same = all(
                (work / "export" / p.name).read_bytes() == p.read_bytes()
                for p in folder.glob("*.csv")
            )
            print("export: the CSV files are " + ("identical" if same else "DIFFERENT"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
