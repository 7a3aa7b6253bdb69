"""`karne report`: the Performance Program and the Activity Report as PDF, DOCX and XLSX.

`add_report_parser` and `run_report` are wired into the command line by `cli/main.py`; the
writing itself is `karne.reporting.generate.write_reports`, which `demo` calls too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from karne.cli.database import stored_dataset
from karne.reporting import generate

DEFAULT_OUT = Path("var") / "reports"


def _formats(text: str) -> list[str]:
    chosen = [f.strip().lower() for f in text.split(",") if f.strip()]
    bad = [f for f in chosen if f not in generate.FORMATS]
    if bad or not chosen:
        raise argparse.ArgumentTypeError(
            f"biçim / format: {', '.join(bad) or '(boş)'}; seçenekler: {','.join(generate.FORMATS)}"
        )
    return chosen


def add_report_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "report", help="write the Performance Program or the Activity Report (PDF, DOCX, XLSX)"
    )
    parser.add_argument("kind", choices=generate.KINDS, help="which document")
    parser.add_argument("--year", type=int, required=True)
    parser.add_argument(
        "--format",
        type=_formats,
        default=list(generate.FORMATS),
        help="comma-separated: pdf,docx,xlsx (default: all three)",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--administration", help="administration code (if several)")
    parser.add_argument("--workers", type=int, help="worker processes (default: one per core)")


def _progress(message: str) -> None:
    print(f"karne report: {message}", file=sys.stderr, flush=True)


def run_report(args: argparse.Namespace) -> int:
    """Read the administration from the database and write the document; Django must be set up."""
    dataset = stored_dataset("report", args.administration)
    if dataset is None:
        return 3
    paths = generate.write_reports(
        dataset, args.year, args.out, [args.kind], args.format, _progress, workers=args.workers
    )
    for path in paths:
        print(path)
    return 0
