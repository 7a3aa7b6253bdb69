"""Reading `indicator_definitions.yaml`: the reference's definitions, and every refusal said
with the file, the line, the field, what was expected and what was found."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest

from karne.cli.indicators import reference_definitions_path
from karne.core.definitions import (
    CountKind,
    DefinitionKind,
    Filter,
    FilterOp,
    IndicatorDefinition,
    quarter_bounds,
)
from karne.dataformat import DatasetInvalid, read_dataset
from karne.dataformat.definitions import FILENAME, read_definitions

GOOD = """\
- id: uk-sonuclandirilan
  indicator: GYH-11
  source: uluslararasi_koruma
  count: persons
  person: person_id
  date: decided_on
  kind: flow
  filter:
    - {column: decision, op: in, value: [kabul, ret]}
    - {column: province, op: "!=", value: "34"}
    - {column: age_band, op: is not null}
  breakdowns: [province, age_band]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / FILENAME
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, indicators: set[str] | None = None) -> list[str]:
    with pytest.raises(DatasetInvalid) as caught:
        read_definitions(write(tmp_path, text), indicators)
    return [str(p) for p in caught.value.problems]


def test_the_reference_definitions_feed_its_indicators(reference_path: Path) -> None:
    codes = {i.code for i in read_dataset(reference_path).pp_indicators}
    definitions = read_definitions(reference_definitions_path(reference_path), codes)
    assert [(d.id, d.indicator, d.kind) for d in definitions] == [
        ("ikamet-aktif", "GYH-01", DefinitionKind.STOCK),
        ("uyum-kursu-katilan", "GYH-02", DefinitionKind.FLOW),
        ("gk-kayit-guncelleme", "GYH-03", DefinitionKind.FLOW),
        ("calisma-izni-gorus", "GYH-07", DefinitionKind.FLOW),
        ("on-izinli-vize-sonuclanan", "GYH-10", DefinitionKind.FLOW),
        ("uk-sonuclandirilan", "GYH-11", DefinitionKind.FLOW),
        ("ozel-ihtiyac-tespit", "GYH-12", DefinitionKind.FLOW),
        ("yimer-cagri", "GYH-14", DefinitionKind.FLOW),
        ("it-mulakat", "DG-01", DefinitionKind.FLOW),
        ("sinir-disi-edilen", "DG-06", DefinitionKind.FLOW),
        ("it-magdur-tanimlanan", "DG-07", DefinitionKind.FLOW),
        ("geri-kabul-yanit-orani", "DG-02", DefinitionKind.RATIO),
    ]
    persons = {d.indicator for d in definitions if d.count is CountKind.PERSONS}
    assert persons == {"GYH-02", "GYH-12", "DG-06", "DG-07"}


def test_a_definition_is_read_whole(tmp_path: Path) -> None:
    (definition,) = read_definitions(write(tmp_path, GOOD), {"GYH-11"})
    assert definition == IndicatorDefinition(
        id="uk-sonuclandirilan",
        indicator="GYH-11",
        source="uluslararasi_koruma",
        count=CountKind.PERSONS,
        date="decided_on",
        kind=DefinitionKind.FLOW,
        person="person_id",
        filter=(
            Filter("decision", FilterOp.IN, ("kabul", "ret")),
            Filter("province", FilterOp.NE, ("34",)),
            Filter("age_band", FilterOp.IS_NOT_NULL),
        ),
        breakdowns=("province", "age_band"),
    )
    assert definition.columns == ("decided_on", "decision", "province", "age_band", "person_id")


def test_the_hash_is_of_what_is_computed(tmp_path: Path) -> None:
    (definition,) = read_definitions(write(tmp_path, GOOD))
    assert definition.hash.startswith("sha256:")
    assert dataclasses.replace(definition, description="başka").hash == definition.hash
    assert dataclasses.replace(definition, filter=()).hash != definition.hash
    assert dataclasses.replace(definition, kind=DefinitionKind.STOCK).hash != definition.hash


RATIO = """\
- id: uk-kabul-orani
  indicator: GYH-11
  kind: ratio
  source: uluslararasi_koruma
  count: events
  date: decided_on
  cumulative: true
  numerator:
    kind: flow
    filter: [{column: decision, op: "=", value: kabul}]
  denominator:
    kind: flow
    count: persons
    person: person_id
    filter: [{column: decision, op: in, value: [kabul, ret]}]
"""


def test_a_ratio_is_two_measures_sharing_what_the_ratio_gives(tmp_path: Path) -> None:
    (ratio,) = read_definitions(write(tmp_path, RATIO), {"GYH-11"})
    shared: dict[str, Any] = {
        "indicator": "GYH-11",
        "source": "uluslararasi_koruma",
        "date": "decided_on",
    }
    numerator = IndicatorDefinition(
        id="uk-kabul-orani.numerator",
        count=CountKind.EVENTS,
        kind=DefinitionKind.FLOW,
        cumulative=True,
        filter=(Filter("decision", FilterOp.EQ, ("kabul",)),),
        **shared,
    )
    denominator = IndicatorDefinition(
        id="uk-kabul-orani.denominator",
        count=CountKind.PERSONS,
        person="person_id",
        kind=DefinitionKind.FLOW,
        cumulative=True,
        filter=(Filter("decision", FilterOp.IN, ("kabul", "ret")),),
        **shared,
    )
    assert (ratio.kind, ratio.measures) == (DefinitionKind.RATIO, (numerator, denominator))
    assert ratio.columns == ("decided_on", "decision", "person_id")
    assert set(ratio.as_json()) == {"id", "indicator", "kind", "numerator", "denominator"}
    changed = dataclasses.replace(ratio, numerator=dataclasses.replace(numerator, filter=()))
    assert changed.hash != ratio.hash


def test_a_measure_names_its_own_source(tmp_path: Path) -> None:
    text = RATIO.replace(
        "    kind: flow\n    count: persons",
        "    kind: stock\n    source: ikamet\n    date: issued_on\n    until: valid_until\n"
        "    cumulative: false\n    count: persons",
    )
    (ratio,) = read_definitions(write(tmp_path, text))
    assert ratio.denominator is not None
    assert (ratio.denominator.source, ratio.denominator.kind) == ("ikamet", DefinitionKind.STOCK)
    assert (ratio.denominator.until, ratio.denominator.cumulative) == ("valid_until", False)
    assert ratio.source == "uluslararasi_koruma"  # the numerator's


def test_cumulation_is_in_the_hash_only_when_used(tmp_path: Path) -> None:
    (flow,) = read_definitions(write(tmp_path, GOOD))
    assert "cumulative" not in flow.as_json()  # the hashes of earlier definitions hold
    (cumulative,) = read_definitions(
        write(tmp_path, GOOD.replace("kind: flow", "kind: flow\n  cumulative: true"))
    )
    assert cumulative.cumulative
    assert cumulative.hash != flow.hash


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("  numerator:\n", "  numerators:\n"), "field '[0].numerator': expected a measure"),
        (
            ("    kind: flow\n    count", "    count"),
            "field '[0].denominator.kind': expected a value",
        ),
        (
            ("    kind: flow\n    count", "    kind: ratio\n    count"),
            "'[0].denominator.kind': expected flow or stock, found 'ratio'",
        ),
        (
            ("  source: uluslararasi_koruma\n", ""),
            "field '[0].numerator.source': expected a value (in the measure or the ratio)",
        ),
        (
            ("  cumulative: true\n", "  cumulative: maybe\n"),
            "field '[0].cumulative': expected true or false",
        ),
        (
            ("    count: persons\n    person: person_id\n", "    count: persons\n"),
            "field '[0].denominator.person': expected the person column",
        ),
        (
            ("    kind: flow\n    count", "    kind: stock\n    count"),
            "field '[0].denominator.cumulative': expected no cumulative (only a flow cumulates)",
        ),
        (
            ("    kind: flow\n    count", "    kind: flow\n    until: x\n    count"),
            "field '[0].denominator.until': expected no until column",
        ),
        (
            ("    kind: flow\n    count", "    kind: flow\n    colour: x\n    count"),
            "field '[0].denominator.colour'",
        ),
        (
            ('    filter: [{column: decision, op: "="', '    filter: [{column: decision, op: "<"'),
            "field '[0].numerator.filter[0].op'",
        ),
        (
            ("  cumulative: true\n", "  filter: [{column: decision, op: nope}]\n"),
            "field '[0].filter[0].op'",
        ),
        (
            ("  cumulative: true\n", "  breakdowns: [sex, colour]\n"),
            "field '[0].breakdowns': expected one of province, nationality, sex, age_band",
        ),
        (
            ("  numerator:\n    kind: flow\n", "  numerator: flow\n  x:\n    kind: flow\n"),
            "field '[0].numerator': expected a mapping",
        ),
    ],
)
def test_a_wrong_ratio_is_located(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert RATIO.count(change[0]) == 1
    found = problems(tmp_path, RATIO.replace(*change))
    assert all(p.startswith(f"{FILENAME}, line ") for p in found), found
    assert any(message in p for p in found), found


def test_a_ratio_s_breakdowns_are_both_measures(tmp_path: Path) -> None:
    (ratio,) = read_definitions(write(tmp_path, RATIO + "  breakdowns: [sex, province]\n"))
    assert ratio.breakdowns == ("sex", "province")
    assert [m.breakdowns for m in ratio.measures] == [("sex", "province")] * 2
    (plain,) = read_definitions(write(tmp_path, RATIO))
    assert ratio.hash != plain.hash


def test_a_ratio_s_filter_is_both_measures_before_their_own(tmp_path: Path) -> None:
    shared = "  filter: [{column: province, op: '=', value: '34'}]\n"
    (ratio,) = read_definitions(write(tmp_path, RATIO + shared))
    (plain,) = read_definitions(write(tmp_path, RATIO))
    istanbul = Filter("province", FilterOp.EQ, ("34",))
    assert [m.filter for m in ratio.measures] == [(istanbul, *m.filter) for m in plain.measures]
    assert ratio.filter == ()
    assert ratio.hash != plain.hash


def test_a_flow_or_stock_has_no_measures(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, GOOD + "  numerator: {kind: flow}\n")
    assert "field '[0].numerator': expected no numerator (only a ratio has one)" in found


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("kind: flow", "kind: flux"), "field '[0].kind': expected one of flow, stock, ratio"),
        (("count: persons", "count: people"), "field '[0].count': expected one of events"),
        (("  person: person_id\n", ""), "field '[0].person': expected the person column"),
        (("count: persons", "count: events"), "expected no person column (count: events)"),
        (("kind: flow", "kind: flow\n  until: valid_until"), "expected no until column"),
        (("date: decided_on", "date: Decided On"), "field '[0].date': expected a column"),
        (("  source: uluslararasi_koruma\n", ""), "field '[0].source': expected a value"),
        (("op: in", "op: like"), "field '[0].filter[0].op': expected one of =, !=, in"),
        (("[kabul, ret]", "kabul"), "field '[0].filter[0].value': expected a non-empty list"),
        (("[kabul, ret]", "[]"), "field '[0].filter[0].value': expected a non-empty list"),
        (("[kabul, ret]", "[kabul, true]"), "expected a text or a whole number"),
        (('value: "34"', "value: [34]"), "field '[0].filter[1].value': expected a text"),
        (('value: "34"', "value: null"), "field '[0].filter[1].value': expected a value"),
        (("op: is not null", "op: is not null, value: x"), "expected no value (is not null)"),
        (("op: is not null", "op: is not null, colour: x"), "field '[0].filter[2].colour'"),
        (("age_band]", "age]"), "field '[0].breakdowns': expected one of province"),
        (("province, age_band", "province, province"), "expected each breakdown once"),
        (("kind: flow", "kind: stock\n  cumulative: true"), "expected no cumulative (only a"),
        (("  kind: flow", "  kind: flow\n  cumulative: 1"), "field '[0].cumulative': expected"),
        (("id: uk-sonuclandirilan", "id: UK Sonuç"), "field '[0].id': expected a code like"),
    ],
)
def test_a_wrong_field_is_located(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    assert GOOD.count(change[0]) == 1
    found = problems(tmp_path, GOOD.replace(*change))
    assert len(found) == 1, found
    assert found[0].startswith(f"{FILENAME}, line "), found
    assert message in found[0], found


def test_an_indicator_not_of_the_dataset_is_refused(tmp_path: Path) -> None:
    (found,) = problems(tmp_path, GOOD, {"GYH-01"})
    assert "field '[0].indicator': expected a performance-programme indicator" in found
    assert "found 'GYH-11'" in found


def test_each_id_once_and_each_key_once(tmp_path: Path) -> None:
    twice = GOOD + GOOD.replace("- id:", "- id:", 1)
    (found,) = problems(tmp_path, twice)
    assert "line 13, field '[1].id': expected each id once" in found
    other = GOOD + GOOD.replace("id: uk-sonuclandirilan", "id: ikinci")
    (found,) = problems(tmp_path, other)
    assert "field '[1].indicator': expected each indicator fed by one definition" in found
    assert "found 'GYH-11'" in found
    (found,) = problems(tmp_path, GOOD.replace("  kind: flow", "  kind: flow\n  kind: stock"))
    assert "expected each key once in its mapping, found a duplicate key" in found


def test_not_a_list_nor_mappings(tmp_path: Path) -> None:
    assert problems(tmp_path, "id: x\n") == [
        f"{FILENAME}, line 1: expected a list of definitions, found a mapping of 1 keys"
    ]
    (found,) = problems(tmp_path, "- just text\n")
    assert "expected a mapping with id, indicator, source" in found


def test_the_dataset_reader_checks_the_file_when_present(
    tmp_path: Path, reference_path: Path
) -> None:
    folder = tmp_path / "dataset"
    shutil.copytree(reference_path, folder)
    assert read_dataset(folder).indicator_definitions == (folder / FILENAME).read_text(
        encoding="utf-8"
    )  # valid, and kept as written
    (folder / FILENAME).write_text(GOOD.replace("GYH-11", "GYH-99"), encoding="utf-8")
    with pytest.raises(DatasetInvalid) as caught:
        read_dataset(folder)
    assert [p.field for p in caught.value.problems] == ["[0].indicator"]


@pytest.mark.parametrize(
    ("year", "quarter", "first", "last"),
    [
        (2023, 1, "2023-01-01", "2023-03-31"),
        (2024, 1, "2024-01-01", "2024-03-31"),
        (2023, 2, "2023-04-01", "2023-06-30"),
        (2023, 3, "2023-07-01", "2023-09-30"),
        (2023, 4, "2023-10-01", "2023-12-31"),
    ],
)
def test_quarter_bounds(year: int, quarter: int, first: str, last: str) -> None:
    start, end = quarter_bounds(year, quarter)
    assert (start.isoformat(), end.isoformat()) == (first, last)


def test_no_fifth_quarter() -> None:
    with pytest.raises(ValueError, match="a quarter is 1 to 4"):
        quarter_bounds(2023, 5)
