"""The `report` subcommand's arguments, and the function it and `demo` write with."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from karne.cli.report import add_report_parser
from karne.reporting.generate import write_reports
from tests.reporting.small_dataset import YEAR, small_dataset


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="karne")
    add_report_parser(root.add_subparsers(dest="command"))
    return root


def test_report_arguments() -> None:
    args = parser().parse_args(
        ["report", "faaliyet-raporu", "--year", "2023", "--format", "pdf,xlsx", "--out", "x"]
    )
    assert (args.kind, args.year, args.format, args.out) == (
        "faaliyet-raporu",
        2023,
        ["pdf", "xlsx"],
        Path("x"),
    )
    assert parser().parse_args(["report", "performans-programi", "--year", "1"]).format == [
        "pdf",
        "docx",
        "xlsx",
    ]


@pytest.mark.parametrize(
    "bad",
    [
        ["report", "butce", "--year", "2023"],
        ["report", "faaliyet-raporu", "--year", "2023", "--format", "odt"],
    ],
)
def test_report_refuses_unknown_kinds_and_formats(bad: list[str]) -> None:
    with pytest.raises(SystemExit):
        parser().parse_args(bad)


def test_write_reports_writes_only_what_was_asked(tmp_path: Path) -> None:
    messages: list[str] = []
    paths = write_reports(
        small_dataset(), YEAR, tmp_path, ["performans-programi"], ["xlsx"], messages.append
    )
    assert [p.name for p in paths] == [f"performans-programi-{YEAR}.xlsx"]
    assert paths[0].stat().st_size > 0
    assert any("written" in m for m in messages)
