"""The `report` subcommand's arguments (`karne.cli.report`)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from karne.cli.report import add_report_parser


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
