"""A quarter's proposals made as issue 11 makes them: `karne synth` writes a small calibrated
event set, `karne indicators compute --store` computes the reference definitions over it and
stores each figure as a proposal (the strategy unit's `computed.store`)."""

from __future__ import annotations

from pathlib import Path

from karne.compute.synth import minimum_events, synthesize


def compute_first_quarter(tmp_path: Path) -> None:
    """2023 Q1 of every reference definition, stored by the command line as `strateji`."""
    from karne.cli.main import main

    events = tmp_path / "events"
    # The fewest events the calibration allows: GYH-11's 2023 decisions are exactly the
    # Activity Report's (13.118 in the first quarter) whatever the size.
    synthesize(minimum_events(True), 2023, events)
    argv = ["indicators", "compute", "--year", "2023", "--quarter", "1"]
    argv += ["--events", str(events), "--store", "--user", "strateji"]
    assert main(argv) == 0
