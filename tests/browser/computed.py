"""A quarter's proposals made as issue 11 makes them: `karne synth` writes a small event set,
`karne indicators compute --store` computes the reference definitions over it and stores each
figure as a proposal (the strategy unit's `computed.store`)."""

from __future__ import annotations

from pathlib import Path

from karne.compute.synth import minimum_events, synthesize

# Calibrated on one figure only: the published 2023 set needs some 7 M events, more than a
# browser test should wait for; GYH-11's first quarter is then exactly this, from any seed.
GYH_11_Q1 = 1318
TARGETS = {"GYH-11": {(2023, 1): GYH_11_Q1}}


def compute_first_quarter(tmp_path: Path) -> None:
    """2023 Q1 of every reference definition, stored by the command line as `strateji`."""
    from karne.cli.main import main

    events = tmp_path / "events"
    synthesize(minimum_events(True, TARGETS), 2023, events, targets=TARGETS)
    argv = ["indicators", "compute", "--year", "2023", "--quarter", "1"]
    argv += ["--events", str(events), "--store", "--user", "strateji"]
    assert main(argv) == 0
