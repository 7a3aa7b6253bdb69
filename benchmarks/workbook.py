"""A workbook of 10,000 indicator rows exported, previewed and applied (`make bench-workbook`).

A fresh SQLite database (a temporary file) gets the reference dataset, the personas, the 2023
first quarter open, and `--rows` extra indicators of Yabancılar GM with a target each. The
clerk's form is exported, every row's value is typed in with openpyxl (half as Turkish text,
half as numbers, all on the target's pace so that no row needs an explanation), and the file
is previewed and then applied through the services the web page and the CLI call. Reported:
wall seconds of each step and peak memory — the process's peak RSS, and the peak of Python's
allocations during the preview alone (tracemalloc, in a second preview: tracing slows it).
Goal (issue 14): preview under 5 s. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 5.0


def setup(folder: Path, rows: int) -> None:
    os.environ["KARNE_DB_PATH"] = str(folder / "bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    os.environ.setdefault("KARNE_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from karne.accounts.services import DEMO_USERS, member_create
    from karne.cli.database import reference_dataset_path
    from karne.dataformat import read_dataset
    from karne.datasets.services import dataset_load
    from karne.monitoring.services import period_open
    from karne.organisation.models import Unit
    from karne.planning.models import PPIndicator, PPIndicatorValue

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    dataset = read_dataset(reference_dataset_path())
    dataset_load(dataset=dataset)
    for username, role, units in DEMO_USERS:
        member_create(
            administration=dataset.administration.code,
            username=username,
            password="benchmark-parola-1234",
            role=role,
            units=units,
        )
    period_open(
        user=get_user_model().objects.get(username="strateji"),
        year=2023,
        quarter=1,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
    )
    model = PPIndicator.objects.get(code="GYH-07", year=2023)
    target = PPIndicatorValue.objects.get(indicator=model, year=2023, measure="target")
    unit = Unit.objects.get(administration__code=dataset.administration.code, code="YGM")
    start = PPIndicator.objects.count() + 1
    PPIndicator.objects.bulk_create(
        PPIndicator(
            sub_program=model.sub_program,
            code=f"YUK-{i:05d}",
            year=2023,
            sort=1000 + i,
            name=f"Yük göstergesi {i}",
            unit="Sayı",
            kind=model.kind,
            direction=model.direction,
            responsible_unit=unit,
            position=start + i,
        )
        for i in range(rows)
    )
    made = PPIndicator.objects.filter(code__startswith="YUK-")
    start = PPIndicatorValue.objects.count() + 1
    PPIndicatorValue.objects.bulk_create(
        PPIndicatorValue(
            indicator=indicator,
            year=2023,
            measure="target",
            value=Decimal(4000),
            source=target.source,
            position=start + n,
        )
        for n, indicator in enumerate(made)
    )


def fill(content: bytes) -> bytes:
    from openpyxl import load_workbook

    from karne.monitoring.workbook.kinds import QUARTERLY
    from karne.monitoring.workbook.layout import FIRST_ROW, SHEET, by_key

    book = load_workbook(io.BytesIO(content))
    sheet = book[SHEET]
    value = by_key(QUARTERLY.fields("1"))["value"].index
    for row in range(FIRST_ROW, sheet.max_row + 1):
        code = str(sheet.cell(row, 1).value)
        if code.startswith("YUK-"):
            # 1.000 is the first quarter's pace of 4.000 for a flow
            sheet.cell(row, value).value = "1.000,0" if row % 2 else 1000
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    with tempfile.TemporaryDirectory(prefix="karne-bench-workbook-") as tmp:
        started = time.perf_counter()
        setup(Path(tmp), args.rows)
        seconds_setup = time.perf_counter() - started
        from django.contrib.auth import get_user_model

        from karne.monitoring.models import ChangeRecord
        from karne.monitoring.workbook import workbook_apply, workbook_export, workbook_preview

        clerk = get_user_model().objects.get(username="veri.ygm")
        started = time.perf_counter()
        exported = workbook_export(user=clerk, year=2023, period="1", unit="YGM")
        seconds_export = time.perf_counter() - started
        filled = fill(exported.content)
        started = time.perf_counter()
        preview = workbook_preview(user=clerk, content=filled, filename="yuk.xlsx")
        seconds_preview = time.perf_counter() - started
        assert preview.ok, preview.errors[:5]
        tracemalloc.start()
        workbook_preview(user=clerk, content=filled, filename="yuk.xlsx")
        _, preview_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        trail_before = ChangeRecord.objects.count()
        started = time.perf_counter()
        applied = workbook_apply(user=clerk, content=filled, filename="yuk.xlsx")
        seconds_apply = time.perf_counter() - started
        started = time.perf_counter()
        again = workbook_apply(user=clerk, content=filled, filename="yuk.xlsx")
        seconds_again = time.perf_counter() - started
        result = {
            "rows": exported.rows,
            "file_kib": round(len(filled) / 1024),
            "setup_s": round(seconds_setup, 2),
            "export_s": round(seconds_export, 2),
            "preview_s": round(seconds_preview, 2),
            "preview_peak_python_mib": round(preview_peak / (1024 * 1024), 1),
            "apply_s": round(seconds_apply, 2),
            "saved": applied.saved,
            "trail_records": ChangeRecord.objects.count() - trail_before,
            "second_apply_s": round(seconds_again, 2),
            "second_saved": again.saved,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "goal_preview_s": GOAL_SECONDS,
        }
    print(json.dumps(result, indent=2))
    ok = applied.saved == args.rows and again.saved == 0 and seconds_preview < GOAL_SECONDS
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
