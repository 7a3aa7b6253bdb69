"""Wall time and peak memory of the foundation's batch jobs on the reference dataset.

Run by hand or with `make bench`; never part of the test suite. Each step runs `--repeat` times
(default 5) and the median is reported, with the process's peak resident memory at the end.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def measure(label: str, step: Callable[[], object], repeat: int) -> None:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    print(f"{label:<38} median {statistics.median(times) * 1000:8.1f} ms  (n={repeat})")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="karne-bench-"))
    os.environ["KARNE_DB_PATH"] = str(workdir / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.core.management import call_command

    from karne.cli.database import reference_dataset_path
    from karne.core.audit import audit
    from karne.core.evaluation import evaluate
    from karne.core.evaluation_json import evaluation_to_json
    from karne.dataformat import read_dataset, write_dataset
    from karne.datasets.selectors import dataset_read
    from karne.datasets.services import dataset_load

    call_command("migrate", verbosity=0)
    path = reference_dataset_path()
    dataset = read_dataset(path)
    measure("read + validate dataset folder", lambda: read_dataset(path), args.repeat)
    measure("evaluate 2023 (core)", lambda: evaluate(dataset, 2023), args.repeat)
    measure(
        "evaluate 2023 + JSON data",
        lambda: evaluation_to_json(evaluate(dataset, 2023)),
        args.repeat,
    )
    measure("audit 2023 (every printed figure)", lambda: audit(dataset, 2023), args.repeat)
    measure(
        "load into SQLite (replace, 1 txn)",
        lambda: dataset_load(dataset=dataset, replace=True),
        args.repeat,
    )
    measure("read dataset back from SQLite", lambda: dataset_read(), args.repeat)
    measure("write dataset folder", lambda: write_dataset(dataset, workdir / "out"), args.repeat)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"{'peak resident memory':<38} {peak_kib / 1024:8.1f} MiB")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cpu")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
