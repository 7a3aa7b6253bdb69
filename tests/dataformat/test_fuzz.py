"""Bad input never crashes, hangs or is accepted wrongly (issue 10): the reference dataset,
mutated one to three times, either reads (and then writes and reads back equal) or is refused
with `DatasetInvalid`, within `TIME_BOUND` per call.

CI runs a fixed set of examples (derandomized); `KARNE_FUZZ_EXAMPLES` raises their number, and
`benchmarks/fuzz.py` runs a longer random campaign that counts instead of stopping.
"""

from __future__ import annotations

import os
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.dataformat.mutations import HypothesisDraw, attempt, draw_mutation, reference_files

EXAMPLES = int(os.environ.get("KARNE_FUZZ_EXAMPLES", "300"))


_files = cache(reference_files)


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_a_mutated_dataset_is_read_back_or_refused_never_anything_else(
    data: st.DataObject,
) -> None:
    files = _files()
    draw = HypothesisDraw(data)
    mutations = [draw_mutation(draw, files) for _ in range(draw.integer(1, 3))]
    outcome = attempt(files, mutations)
    assert outcome.ok, (outcome, [(m.kind, m.file) for m in mutations])
