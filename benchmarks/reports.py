"""Wall time and peak memory of report generation on the reference dataset (`make bench-reports`).

Every measurement runs in a fresh Python process with an empty chart cache, so it includes the
interpreter start, the imports and the chart drawing, as a user's `karne report` would:

- each document in each format alone, in one process (one worker);
- the baseline: the Activity Report's PDF alone, in one process;
- the goal: both documents in all three formats with the default pool (both cores);
- the same with a warm chart cache (a second run into the same folder).

The last four are measured in turn (one run of each, `--repeat` times), so that a ratio compares
runs taken at nearly the same moment.

The ratio asked for by issue 3 is (both documents, all formats) / (Activity Report PDF alone).
Never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KINDS = ("performans-programi", "faaliyet-raporu")
FORMATS = ("pdf", "docx", "xlsx")


def child(kinds: list[str], formats: list[str], workers: int, out: Path, cache: Path) -> None:
    """Runs inside the measured process: read the dataset, write the reports, report memory."""
    from datetime import date

    from karne.cli.database import reference_dataset_path
    from karne.dataformat import read_dataset
    from karne.reporting.generate import write_reports

    dataset = read_dataset(reference_dataset_path())
    write_reports(
        dataset,
        2023,
        out,
        kinds,
        formats,
        generated_on=date(2024, 2, 29),
        workers=workers,
        cache_dir=cache,
    )
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"peak_kib": max(own, workers_peak), "main_kib": own}))


def run_once(
    kinds: list[str], formats: list[str], workers: int, warm: bool = False
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one fresh process (after a first run when `warm`)."""
    with tempfile.TemporaryDirectory(prefix="karne-bench-") as tmp:
        out, cache = Path(tmp) / "out", Path(tmp) / "cache"
        command = [
            sys.executable,
            __file__,
            "--child",
            ",".join(kinds),
            ",".join(formats),
            str(workers),
            str(out),
            str(cache),
        ]
        if warm:
            subprocess.run(command, check=True, capture_output=True)
        start = time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        return seconds, json.loads(done.stdout.strip().splitlines()[-1])["peak_kib"] / 1024


def measure(
    kinds: list[str], formats: list[str], workers: int, repeat: int, warm: bool = False
) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MiB) of one process, over `repeat` runs."""
    runs = [run_once(kinds, formats, workers, warm) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(p for _, p in runs)


def measure_interleaved(
    configs: dict[str, tuple[list[str], list[str], int, bool]], repeat: int
) -> dict[str, tuple[float, float]]:
    """Like `measure` for several configurations, their runs taken in turn (one of each, then
    again): a ratio of two of them is then not skewed by the machine getting faster or slower
    between one configuration's runs and the other's, which a shared machine does."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
    for _ in range(repeat):
        for name, (kinds, formats, workers, warm) in configs.items():
            runs[name].append(run_once(kinds, formats, workers, warm))
    return {
        name: (statistics.median(t for t, _ in rs), max(p for _, p in rs))
        for name, rs in runs.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", nargs=5, metavar=("KINDS", "FORMATS", "WORKERS", "OUT", "CACHE"))
    args = parser.parse_args()
    if args.child:
        kinds, formats, workers, out, cache = args.child
        child(kinds.split(","), formats.split(","), int(workers), Path(out), Path(cache))
        return 0
    print(f"{'job':<44} {'wall (median)':>14} {'peak RSS':>10}")
    for kind in KINDS:
        for fmt in FORMATS:
            wall, peak = measure([kind], [fmt], 1, args.repeat)
            print(f"{kind + ' ' + fmt + ' (1 process)':<44} {wall:12.2f} s {peak:8.0f} MiB")
    fr, every = ["faaliyet-raporu"], (list(KINDS), list(FORMATS), 0)
    measured = measure_interleaved(
        {
            "baseline": (fr, ["pdf"], 1, False),
            "both": (*every, False),
            "warm": (*every, True),
            "warm_base": (fr, ["pdf"], 1, True),
        },
        args.repeat,
    )
    (baseline, base_peak), (both, both_peak) = measured["baseline"], measured["both"]
    (warm, warm_peak), (warm_base, _) = measured["warm"], measured["warm_base"]
    print(f"{'baseline: FR pdf alone, 1 process':<44} {baseline:12.2f} s {base_peak:8.0f} MiB")
    print(f"{'both documents x 3 formats, pool':<44} {both:12.2f} s {both_peak:8.0f} MiB")
    print(f"{'  same, warm chart cache':<44} {warm:12.2f} s {warm_peak:8.0f} MiB")
    print(f"{'  FR pdf alone, warm chart cache':<44} {warm_base:12.2f} s")
    print(f"ratio (all / FR pdf alone), cold cache: {both / baseline:.2f}")
    print(f"ratio (all / FR pdf alone), warm cache: {warm / warm_base:.2f}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpu")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
