"""The commands that need the database; each one is a thin call into services and selectors."""

from __future__ import annotations

import sys
from pathlib import Path

from karne.cli.database import migrate, reset_demo_database, stored_dataset, when_unlocked
from karne.cli.output import print_json, print_problems
from karne.cli.render import render_evaluation
from karne.core.evaluation import evaluate as evaluate_dataset
from karne.core.evaluation_json import evaluation_to_json
from karne.dataformat import DatasetInvalid, read_dataset, write_structure, write_table
from karne.datasets.selectors import dataset_read, dataset_tables
from karne.datasets.services import AdministrationExists, dataset_load
from karne.reporting.generate import write_reports


def load(folder: Path, *, replace: bool) -> int:
    try:
        dataset = read_dataset(folder)
    except DatasetInvalid as exc:
        print_problems(exc)
        print("Veritabanında hiçbir şey değişmedi / nothing was changed.", file=sys.stderr)
        return 2
    migrate()
    try:
        summary = when_unlocked(lambda: dataset_load(dataset=dataset, replace=replace))
    except AdministrationExists as exc:
        if replace:
            print(f"karne load: {exc}. Nothing was changed.", file=sys.stderr)
        else:
            print(
                f"'{exc}' zaten yüklü; değiştirmek için --replace / already loaded; "
                "use --replace to replace it. Nothing was changed.",
                file=sys.stderr,
            )
        return 3
    action = "değiştirildi / replaced" if summary.replaced else "yüklendi / loaded"
    counts = ", ".join(f"{k}={v}" for k, v in summary.counts.items())
    print(f"{summary.administration}: {action} ({counts})")
    return 0


def export(folder: Path, *, administration: str | None) -> int:
    """The structure is read whole; each table is streamed from the database to its file."""
    dataset = stored_dataset("export", administration, tables=())
    if dataset is None:
        return 3
    write_structure(dataset, folder)
    for table, rows in dataset_tables(administration=dataset.administration.code):
        write_table(table, rows, folder)
    print(f"{dataset.administration.code}: {folder} klasörüne yazıldı / written to {folder}")
    return 0


def evaluate(year: int, *, as_json: bool, administration: str | None) -> int:
    dataset = stored_dataset("evaluate", administration)
    if dataset is None:
        return 3
    result = evaluate_dataset(dataset, year)
    if not (result.indicators or result.sp_indicators or result.budget.economic):
        print(f"karne evaluate: {year} için veri yok / no data for {year}", file=sys.stderr)
        return 4
    if as_json:
        print_json(evaluation_to_json(result))
    else:
        sys.stdout.write(render_evaluation(result))
    return 0


def demo(reference: Path) -> int:
    """Fresh database, the reference dataset, its 2023 evaluation and both documents."""
    from django.conf import settings

    if not reset_demo_database():
        return 2
    print(f"karne demo — yeni veritabanı / fresh database, veri seti / dataset: {reference.name}")
    status = load(reference, replace=False)
    if status != 0:
        return status
    status = evaluate(2023, as_json=False, administration=None)
    if status != 0:
        return status
    out = Path(str(settings.DATABASES["default"]["NAME"])).parent / "reports"
    paths = write_reports(
        dataset_read(),
        2023,
        out,
        ["performans-programi", "faaliyet-raporu"],
        ["pdf", "docx", "xlsx"],
        lambda message: print(f"  {message}", file=sys.stderr, flush=True),
    )
    print(f"\nBelgeler / documents ({out}):")
    for path in paths:
        print(f"  {path}")
    return 0
