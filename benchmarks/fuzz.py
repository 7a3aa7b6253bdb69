"""A long fuzz campaign against the dataset reader (issue 10), by hand or with `make bench-fuzz`.

The mutations are those of the CI fuzz test (`tests/dataformat/test_fuzz.py`), drawn from a
seeded random generator; every outcome is counted instead of stopping at the first failure:
read (and read back equal, evaluated and audited), refused, crash, hang, round trip,
compute (what was read does not evaluate or audit). Failures are printed with the
mutations that caused them. Exit status 1 when there is any.

    PYTHONPATH=src:. .venv/bin/python benchmarks/fuzz.py --examples 5000 --seed 10
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import TypeVar

from tests.dataformat.mutations import STRANGE, attempt, draw_mutation, reference_files

T = TypeVar("T")


class RandomDraw:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def choice(self, items: Sequence[T]) -> T:
        return items[self.rng.randrange(len(items))]

    def text(self) -> str:
        alphabet = "aZ09 ,\"'\n\r\t:-#&*!{}[]|>%@`" + "".join(STRANGE[7:14]) + "İı🙂\x00"
        return "".join(self.rng.choice(alphabet) for _ in range(self.rng.randint(0, 20)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=10)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    draw = RandomDraw(rng)
    files = reference_files()
    counts: Counter[str] = Counter()
    slowest = 0.0
    start = time.monotonic()
    for n in range(1, args.examples + 1):
        mutations = [draw_mutation(draw, files) for _ in range(draw.integer(1, 3))]
        outcome = attempt(files, mutations)
        counts[outcome.status] += 1
        slowest = max(slowest, outcome.seconds)
        if not outcome.ok:
            print(f"#{n} {outcome.status}: {outcome.detail}", [(m.kind, m.file) for m in mutations])
        if n % 500 == 0:
            print(f"... {n} examples, {dict(counts)}", file=sys.stderr)
    elapsed = time.monotonic() - start
    print(
        f"{args.examples} examples (seed {args.seed}) in {elapsed:.0f} s: "
        + ", ".join(
            f"{k} {counts[k]}"
            for k in ("read", "refused", "crash", "hang", "round trip", "compute")
        )
        + f"; slowest read {slowest:.2f} s"
    )
    return 0 if counts["read"] + counts["refused"] == args.examples else 1


if __name__ == "__main__":
    sys.exit(main())
