"""Entry point of the `karne` command: argument parsing and dispatch.

The top of the CLI's layers (nothing imports it but the `karne` script): Django is set up only
after the arguments are read, so that `demo` can point the settings at its own fresh database
before anything touches one; the commands that need Django are imported after that.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from karne.cli.database import (
    DatabaseUnusable,
    check_database_file,
    reference_dataset_path,
    setup_django,
    use_demo_database,
)
from karne.cli.report import add_report_parser

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="karne",
        description="karne — performans bilgi sistemi / performance information system",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="validate a dataset folder without loading it")
    check.add_argument("dir", type=Path)

    load = sub.add_parser("load", help="validate a dataset folder and load it (all or nothing)")
    load.add_argument("dir", type=Path)
    load.add_argument(
        "--replace", action="store_true", help="replace the administration's data if present"
    )

    export = sub.add_parser("export", help="write the database's dataset to a folder")
    export.add_argument("dir", type=Path)
    export.add_argument("--administration", help="administration code (if several)")

    evaluate = sub.add_parser("evaluate", help="compute rates, statuses, performance, budgets")
    evaluate.add_argument("--year", type=int, required=True)
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of tables")
    evaluate.add_argument("--administration", help="administration code (if several)")

    audit = sub.add_parser(
        "audit", help="recompute every printed figure and claim of the documents and compare"
    )
    audit.add_argument("dir", type=Path, nargs="?", help="a dataset folder (else the database)")
    audit.add_argument("--year", type=int, help="the year (default: every document year)")
    audit.add_argument("--format", choices=["text", "json", "html"], default="text")
    audit.add_argument("--out", type=Path, help="write to this file instead of standard output")
    audit.add_argument("--administration", help="administration code (if several)")

    add_report_parser(sub)

    backup = sub.add_parser("backup", help="write everything in the database to one file")
    backup.add_argument("file", type=Path)
    restore = sub.add_parser("restore", help="restore a backup file into an empty database")
    restore.add_argument("file", type=Path)

    serve = sub.add_parser("serve", help="run the web application (production server)")
    serve.add_argument("--demo", action="store_true", help="fresh demo database and demo users")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    serve.add_argument(
        "--threads", type=int, default=1, help="threads per worker (default 1; more: gthread)"
    )
    serve.add_argument(
        "--timeout", type=int, default=60, help="seconds before a silent worker is restarted"
    )

    admin = sub.add_parser(
        "createadmin",
        help="create a strategy unit administrator (and, on an empty database, the administration)",
    )
    admin.add_argument("--administration", help="administration code (created if none exists)")
    admin.add_argument("--name", help="administration name (when it is created)")
    admin.add_argument("--username", help="the administrator's user name (else asked)")
    workbook = sub.add_parser(
        "workbook", help="a unit's entry form as an Excel workbook, and one filled in back"
    )
    wb = workbook.add_subparsers(dest="workbook_command", required=True, metavar="ACTION")
    wb_export = wb.add_parser(
        "export", help="write the form of a unit: a quarter's or the strategic plan's"
    )
    wb_export.add_argument("--year", type=int, required=True)
    which = wb_export.add_mutually_exclusive_group(required=True)
    which.add_argument("--quarter", type=int, choices=[1, 2, 3, 4], help="the quarterly form")
    which.add_argument(
        "--half", choices=["H1", "Y"], help="the strategic plan's form: half-year or year-end"
    )
    which.add_argument(
        "--preparation",
        choices=["targets", "costs"],
        help="next year's programme in preparation (--year is its year): targets or costs",
    )
    wb_export.add_argument("--unit", required=True, help="unit code, for instance YGM")
    wb_export.add_argument("--user", required=True, help="the member who takes the form")
    wb_export.add_argument("-o", "--out", type=Path, required=True)
    wb_import = wb.add_parser("import", help="preview a filled-in workbook; --confirm saves it")
    wb_import.add_argument("file", type=Path)
    wb_import.add_argument("--user", required=True, help="the member who saves (entry.edit)")
    wb_import.add_argument("--confirm", action="store_true", help="save it, all or nothing")
    wb_import.add_argument("--json", action="store_true", help="print JSON instead of text")

    synth = sub.add_parser(
        "synth", help="write a synthetic GöçNet-like event set to Parquet (docs/indicators.md)"
    )
    synth.add_argument("--events", type=int, required=True, help="how many events in all")
    synth.add_argument("--seed", type=int, default=2023, help="the generator's seed (2023)")
    synth.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    synth.add_argument(
        "--no-calibrate",
        action="store_true",
        help="do not make 2023's quarters the reference's published figures (calibrating "
        "needs 6.9 M events or more)",
    )
    indicators = sub.add_parser("indicators", help="indicators computed from event data")
    ind = indicators.add_subparsers(dest="indicators_command", required=True, metavar="ACTION")
    ind_compute = ind.add_parser(
        "compute", help="compute every definition for a year's quarters, with provenance"
    )
    ind_compute.add_argument("--year", type=int, required=True)
    ind_compute.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
    ind_compute.add_argument("--events", type=Path, required=True, help="the event folder")
    ind_compute.add_argument(
        "--definitions",
        type=Path,
        help="an indicator_definitions.yaml (else the dataset's; with --store, the stored ones)",
    )
    ind_compute.add_argument(
        "--dataset", type=Path, help="the dataset the indicators are of (else the reference)"
    )
    ind_compute.add_argument("--breakdowns", action="store_true", help="also each breakdown")
    ind_compute.add_argument(
        "--engine",
        choices=["duckdb", "spark"],
        default="duckdb",
        help="DuckDB embedded (the default) or Spark (needs PySpark and Java)",
    )
    ind_compute.add_argument(
        "--spark-master",
        metavar="URL",
        help="with --engine spark: the cluster's master (spark://host:7077; else "
        "KARNE_SPARK_MASTER, else a local session)",
    )
    ind_compute.add_argument("--json", action="store_true", help="print JSON instead of text")
    ind_compute.add_argument(
        "--store",
        action="store_true",
        help="store what changed as the administration's proposals (needs --user)",
    )
    ind_compute.add_argument("--user", help="the member who stores (computed.store)")
    ind_compute.add_argument(
        "--full", action="store_true", help="with --store: compute every quarter asked again"
    )

    sub.add_parser("demo", help="fresh database + reference dataset + evaluation + reports of 2023")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return _check(args.dir)
    if args.command == "indicators" and args.store and not args.user:
        print("karne indicators compute: --store needs --user", file=sys.stderr)
        return 2
    if args.command == "indicators" and args.spark_master:
        if args.engine != "spark":
            print("karne indicators compute: --spark-master needs --engine spark", file=sys.stderr)
            return 2
        from karne.compute.engines import MASTER_VARIABLE

        os.environ[MASTER_VARIABLE] = args.spark_master  # read when the session starts
    if args.command == "synth" or (args.command == "indicators" and not args.store):
        return _indicators(args)
    if args.command == "audit" and args.dir is not None:
        from karne.cli.audit import audit_folder

        return audit_folder(args.dir, year=args.year, fmt=args.format, out=args.out)
    if args.command == "demo" or (args.command == "serve" and args.demo):
        use_demo_database()
    from django.core.exceptions import ImproperlyConfigured

    if args.command != "serve":
        # A command prints its own summary; the action log is for the server (KARNE_LOG_LEVEL).
        os.environ.setdefault("KARNE_LOG_LEVEL", "WARNING")
        # Wait briefly inside SQLite, then say so while retrying (cli/database.when_unlocked).
        os.environ.setdefault("KARNE_SQLITE_BUSY_SECONDS", "2")
    try:
        check_database_file()
        setup_django()
        return _with_database(args)
    except DatabaseUnusable as exc:
        print(f"karne: {exc}", file=sys.stderr)
        return 5
    except ImproperlyConfigured as exc:
        print(f"karne: ayar hatası / configuration error: {exc}", file=sys.stderr)
        return 5


def _with_database(args: argparse.Namespace) -> int:
    from django.db import DatabaseError

    try:
        return _dispatch(args)
    except DatabaseError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseUnusable(
            f"veritabanı kullanılamıyor / the database cannot be used: {first}"
        ) from None


def _dispatch(args: argparse.Namespace) -> int:
    from karne.cli import commands

    if args.command == "load":
        return commands.load(args.dir, replace=args.replace)
    if args.command == "export":
        return commands.export(args.dir, administration=args.administration)
    if args.command == "evaluate":
        return commands.evaluate(args.year, as_json=args.json, administration=args.administration)
    if args.command == "audit":
        from karne.cli.audit import audit_database

        return audit_database(
            year=args.year, fmt=args.format, out=args.out, administration=args.administration
        )
    if args.command == "report":
        from karne.cli.report import run_report

        return run_report(args)
    if args.command in ("backup", "restore"):
        from karne.cli import backup

        return backup.backup(args.file) if args.command == "backup" else backup.restore(args.file)
    if args.command == "createadmin":
        from karne.cli.users import createadmin

        return createadmin(
            administration=args.administration, name=args.name, username=args.username
        )
    if args.command == "workbook":
        from karne.cli import workbook

        if args.workbook_command == "export":
            return workbook.export(
                year=args.year,
                form=(
                    "sp"
                    if args.half
                    else f"prep-{args.preparation}"
                    if args.preparation
                    else "quarter"
                ),
                period=args.half or args.preparation or str(args.quarter),
                unit=args.unit,
                username=args.user,
                out=args.out,
            )
        return workbook.import_(
            path=args.file, username=args.user, confirm=args.confirm, as_json=args.json
        )
    if args.command == "indicators":
        from karne.cli import indicators

        return indicators.store(
            year=args.year,
            quarter=args.quarter,
            events=args.events,
            definitions=args.definitions,
            username=args.user,
            full=args.full,
            as_json=args.json,
            engine=args.engine,
        )
    if args.command == "serve":
        from karne.cli.serve import serve

        return serve(
            host=args.host,
            port=args.port,
            workers=args.workers,
            threads=args.threads,
            timeout=args.timeout,
            demo=args.demo,
            reference=reference_dataset_path(),
        )
    return commands.demo(reference_dataset_path())


def _indicators(args: argparse.Namespace) -> int:
    """Commands that never touch the database (DuckDB runs in this process, in memory)."""
    from karne.cli import indicators

    if args.command == "synth":
        return indicators.synth(
            events=args.events, seed=args.seed, out=args.out, calibrate=not args.no_calibrate
        )
    reference = reference_dataset_path()
    return indicators.compute(
        year=args.year,
        quarter=args.quarter,
        events=args.events,
        definitions=args.definitions or indicators.reference_definitions_path(reference),
        dataset=args.dataset or reference,
        breakdowns=args.breakdowns,
        as_json=args.json,
        engine=args.engine,
    )


def _check(folder: Path) -> int:
    from karne.cli.output import print_problems
    from karne.dataformat import DatasetInvalid, read_dataset

    try:
        dataset = read_dataset(folder)
    except DatasetInvalid as exc:
        print_problems(exc)
        return 2
    print(
        f"{folder}: geçerli / valid — {dataset.administration.name}, "
        f"{len(dataset.pp_indicators)} PP göstergesi, {len(dataset.sp_indicators)} SP göstergesi"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
