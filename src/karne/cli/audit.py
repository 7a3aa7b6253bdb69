"""`karne audit`: a dataset folder (no database needed) or the database's dataset."""

from __future__ import annotations

import sys
from pathlib import Path

from karne.cli.database import stored_dataset
from karne.cli.output import print_json, print_problems
from karne.core.audit import AuditReport
from karne.core.audit import audit as run_audit
from karne.core.records import Dataset
from karne.reporting.audit import report_to_html, report_to_json, report_to_text

EXIT_ERRORS = 1


def _years(dataset: Dataset, year: int | None) -> list[int]:
    if year is not None:
        return [year]
    return sorted({d.year for d in dataset.documents})


def _emit(reports: list[AuditReport], fmt: str, out: Path | None) -> int:
    if fmt == "json":
        if out is None:
            print_json(report_to_json(reports))
        else:
            import json

            out.write_text(
                json.dumps(report_to_json(reports), ensure_ascii=False, indent=2) + "\n", "utf-8"
            )
    else:
        text = report_to_html(reports) if fmt == "html" else report_to_text(reports)
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")
    if out is not None:
        print(f"{out} yazıldı / written", file=sys.stderr)
    return EXIT_ERRORS if any(r.has_errors for r in reports) else 0


def audit_folder(folder: Path, *, year: int | None, fmt: str, out: Path | None) -> int:
    from karne.dataformat import DatasetInvalid, read_dataset

    try:
        dataset = read_dataset(folder)
    except DatasetInvalid as exc:
        print_problems(exc)
        return 2
    return _emit([run_audit(dataset, y) for y in _years(dataset, year)], fmt, out)


def audit_database(
    *, year: int | None, fmt: str, out: Path | None, administration: str | None
) -> int:
    dataset = stored_dataset("audit", administration)
    if dataset is None:
        return 3
    return _emit([run_audit(dataset, y) for y in _years(dataset, year)], fmt, out)
