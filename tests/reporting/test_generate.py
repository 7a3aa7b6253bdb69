"""The function the `report` and `demo` commands write documents with
(`karne.reporting.generate`)."""

from __future__ import annotations

from pathlib import Path

from karne.reporting.generate import write_reports
from tests.reporting.small_dataset import YEAR, small_dataset


def test_write_reports_writes_only_what_was_asked(tmp_path: Path) -> None:
    messages: list[str] = []
    paths = write_reports(
        small_dataset(), YEAR, tmp_path, ["performans-programi"], ["xlsx"], messages.append
    )
    assert [p.name for p in paths] == [f"performans-programi-{YEAR}.xlsx"]
    assert paths[0].stat().st_size > 0
    assert any("written" in m for m in messages)
