"""The plausibility rules of an entry (`karne.core.plausibility`)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pytest

from karne.core.indicators import IndicatorKind
from karne.core.periods import QUARTERS, PeriodCode
from karne.core.plausibility import DEFAULT_POLICY, Problem, check_entry
from karne.core.policy import Policy
from karne.core.records import Dataset

D = Decimal
SHARE = "Geri kabul başvurularının yanıtlanma oranı"
CHANGE = "Personel sayısının artış oranı"


def problems(
    kind: IndicatorKind = IndicatorKind.FLOW,
    value: Decimal | None = None,
    numerator: Decimal | None = None,
    denominator: Decimal | None = None,
    previous: tuple[Decimal, ...] = (),
    name: str = "Sığınma evi sayısı",
    unit: str = "Sayı",
    policy: Policy = DEFAULT_POLICY,
) -> list[Problem]:
    findings = check_entry(
        kind=kind,
        unit=unit,
        name=name,
        value=value,
        numerator=numerator,
        denominator=denominator,
        previous=previous,
        policy=policy,
    )
    return [f.problem for f in findings]


def test_a_count_is_never_negative() -> None:
    assert problems(value=D(-5)) == [Problem.NEGATIVE_COUNT]
    assert problems(IndicatorKind.STOCK, D(-1), unit="ADET") == [Problem.NEGATIVE_COUNT]
    assert problems(value=D(0)) == []
    assert problems(value=D(-5), unit="TL") == []  # not a count: a balance may be negative


def test_what_counts_and_what_is_a_rate_of_change_is_the_administrations_policy() -> None:
    """A university counts "Öğrenci" and calls a rate of change "Yıllık fark oranı"."""
    policy = Policy.from_mapping(
        {"count_units": ["Öğrenci", " İŞLEM "], "change_rate_words": ["FARK"]}
    )
    assert policy.count_units == ("öğrenci", "işlem")  # Turkish lower case: İ → i
    assert problems(value=D(-5), unit="ÖĞRENCİ", policy=policy) == [Problem.NEGATIVE_COUNT]
    assert problems(value=D(-5), unit="işlem", policy=policy) == [Problem.NEGATIVE_COUNT]
    assert problems(value=D(-5), unit="Sayı", policy=policy) == []  # not one of its units
    ratio = IndicatorKind.RATIO
    assert problems(ratio, D(-3), name="Yıllık fark oranı", policy=policy) == []
    assert problems(ratio, D(-3), name=CHANGE, policy=policy) == [Problem.RATIO_OUT_OF_BOUNDS]
    assert problems(ratio, D(-3), name=CHANGE) == []  # the default words
    with pytest.raises(ValueError, match="count_units: expected a list of words"):
        Policy.from_mapping({"count_units": "Sayı"})
    assert Policy.from_mapping(policy.to_mapping()) == policy


@pytest.mark.parametrize(
    ("numerator", "denominator", "value", "expected"),
    [
        (D(1), D(0), None, [Problem.DENOMINATOR_NOT_POSITIVE]),
        (D(1), D(-4), None, [Problem.DENOMINATOR_NOT_POSITIVE]),
        (D(1), None, None, [Problem.PARTS_INCOMPLETE]),
        (D(5), D(4), None, [Problem.NUMERATOR_OUT_OF_BOUNDS]),
        (D(-1), D(4), None, [Problem.NUMERATOR_OUT_OF_BOUNDS]),
        (D(1), D(4), D(30), [Problem.PARTS_INCONSISTENT]),
        (D(1), D(3), D("33.33"), []),  # to half a unit of the second decimal
        (D(1), D(4), None, []),  # the value follows from the parts
        (None, None, D(101), [Problem.RATIO_OUT_OF_BOUNDS]),
        (None, None, D(-1), [Problem.RATIO_OUT_OF_BOUNDS]),
        (None, None, D(100), []),
    ],
)
def test_a_share_has_consistent_parts_and_lies_within_its_scale(
    numerator: Decimal | None,
    denominator: Decimal | None,
    value: Decimal | None,
    expected: list[Problem],
) -> None:
    assert problems(IndicatorKind.RATIO, value, numerator, denominator, name=SHARE) == expected


def test_a_rate_of_change_may_be_negative_or_beyond_a_hundred() -> None:
    assert problems(IndicatorKind.RATIO, D(-3), name=CHANGE) == []
    assert problems(IndicatorKind.RATIO, D(150), name=CHANGE) == []
    assert problems(IndicatorKind.RATIO, D(-5), D(-5), D(100), name=CHANGE) == []
    assert problems(IndicatorKind.RATIO, None, D(1), D(0), name=CHANGE) == [
        Problem.DENOMINATOR_NOT_POSITIVE
    ]


def test_a_magnitude_far_from_the_previous_figures_needs_confirmation() -> None:
    before = (D(1237803), D(1300000))
    [finding] = check_entry(
        kind=IndicatorKind.STOCK,
        unit="Sayı",
        name="x",
        value=D(10) ** 20,
        numerator=None,
        denominator=None,
        previous=before,
    )
    assert (finding.problem, finding.figure, finding.confirmable) == (
        Problem.TOO_LARGE,
        D(1300000),
        True,
    )
    assert problems(IndicatorKind.STOCK, D(1237), previous=before) == [Problem.TOO_SMALL]
    assert problems(IndicatorKind.STOCK, D(13000), previous=before) == []
    assert problems(IndicatorKind.STOCK, D(0), previous=before) == []
    assert problems(value=D("0.07"), previous=(D(13),)) == []  # small figures: no lower bound
    assert problems(value=D(10) ** 20) == []  # nothing to compare with


def test_every_figure_of_the_reference_dataset_is_plausible(reference: Dataset) -> None:
    """The rules were chosen on the data: no reported quarter of the reference trips them."""
    history: dict[str, list[Decimal]] = defaultdict(list)
    for v in reference.pp_indicator_values:
        if v.measure in {"actual", "estimate"} and v.value is not None:
            history[v.indicator].append(v.value)
    indicators = {i.code: i for i in reference.pp_indicators}
    reported: dict[str, dict[PeriodCode, Decimal | None]] = defaultdict(dict)
    found = []
    for r in reference.realizations:
        reported[r.indicator][PeriodCode(r.period)] = r.value
    for r in reference.realizations:
        ind = indicators[r.indicator]
        if PeriodCode(r.period) not in QUARTERS:
            continue
        earlier = QUARTERS[: QUARTERS.index(PeriodCode(r.period))]
        findings = check_entry(
            kind=IndicatorKind(ind.kind),
            unit=ind.unit,
            name=ind.name,
            value=r.value,
            numerator=r.numerator,
            denominator=r.denominator,
            previous=(*history[r.indicator], *(reported[r.indicator].get(q) for q in earlier)),
        )
        found += [(r.indicator, r.period, f.problem) for f in findings]
    assert found == []
