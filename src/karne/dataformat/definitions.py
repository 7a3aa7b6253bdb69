"""`indicator_definitions.yaml`: how indicators are counted from events (docs/data-format.md).

An optional file of the format. Each problem is reported like every other input's: the file,
the line of the definition, the field, what was expected and what was found; nothing is
returned when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

from karne.core.definitions import (
    BREAKDOWNS,
    CountKind,
    DefinitionKind,
    Filter,
    FilterOp,
    FilterValue,
    IndicatorDefinition,
)
from karne.core.schema import CodeForm
from karne.dataformat.errors import DatasetInvalid, Problems, shown
from karne.dataformat.values import BadValue, boolean, code, enum, text
from karne.dataformat.yamlfiles import Fields, LineDict, load_yaml, parse_yaml

FILENAME = "indicator_definitions.yaml"
MAX_DEFINITIONS = 10_000

# What a count reads: a flow's or a stock's own keys, or each measure of a ratio's.
_COUNT_KEYS = {"source", "count", "person", "date", "until", "kind", "cumulative", "filter"}
_KEYS = {"id", "indicator", "description", "breakdowns", "numerator", "denominator", *_COUNT_KEYS}
_MEASURES = ("numerator", "denominator")
_FILTER_KEYS = {"column", "op", "value"}
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_ID = code(CodeForm(r"[a-z0-9]+(?:[._-][a-z0-9]+)*", "ikamet-aktif"))


def read_definitions(
    path: Path, indicators: Collection[str] | None = None
) -> tuple[IndicatorDefinition, ...]:
    """The definitions of the file, or `DatasetInvalid` with every problem found. When
    `indicators` is given, each definition must feed one of these indicator codes."""
    problems = Problems()
    out = read_definitions_into(path.parent, path.name, problems, indicators)
    problems.raise_if_any()
    return out


def read_definitions_text(
    text: str, indicators: Collection[str] | None = None
) -> tuple[IndicatorDefinition, ...]:
    """The definitions of a file's text as stored with the administration (`karne load`)."""
    problems = Problems()
    out = read_definitions_into(Path("."), FILENAME, problems, indicators, text=text)
    problems.raise_if_any()
    return out


def read_definitions_into(
    folder: Path,
    filename: str,
    problems: Problems,
    indicators: Collection[str] | None,
    *,
    text: str | None = None,
) -> tuple[IndicatorDefinition, ...]:
    before = len(problems.items)
    data = (
        load_yaml(folder, filename, problems)
        if text is None
        else parse_yaml(text, filename, problems)
    )
    if data is None:
        return ()
    f = Fields(problems, filename, "")
    items = f.sequence(data, "a list of definitions")
    if len(items) > MAX_DEFINITIONS:
        problems.add(filename, None, "", f"at most {MAX_DEFINITIONS} definitions", str(len(items)))
        return ()
    out: list[IndicatorDefinition] = []
    seen: set[str] = set()
    fed: set[str] = set()
    for index, item in enumerate(items):
        g = f.at(f"[{index}]")
        entry = g.mapping(item, "a mapping with id, indicator, source, count, date, kind")
        if entry is None:
            continue
        definition = _definition(g, entry, indicators)
        if definition is None:
            continue
        if definition.id in seen:
            problems.add(filename, entry.line, g.where + ".id", "each id once", repr(definition.id))
            continue
        seen.add(definition.id)
        if definition.indicator in fed:
            # one computed figure per indicator and quarter: a second would overwrite the first
            problems.add(
                filename,
                entry.line,
                g.where + ".indicator",
                "each indicator fed by one definition",
                repr(definition.indicator),
            )
            continue
        fed.add(definition.indicator)
        out.append(definition)
    return tuple(out) if len(problems.items) == before else ()


def _name(raw: Any) -> str:
    value = text(raw)
    if not _NAME.fullmatch(value):
        raise BadValue("a column or table name (lower-case letters, digits, _)")
    return value


_PARSERS: dict[str, Any] = {
    "source": _name,
    "count": enum(CountKind),
    "person": _name,
    "date": _name,
    "until": _name,
    "cumulative": boolean,
}
_REQUIRED = ("source", "count", "date")


def _definition(
    g: Fields, entry: LineDict, indicators: Collection[str] | None
) -> IndicatorDefinition | None:
    before = len(g.problems.items)
    g.unknown_keys(entry, _KEYS)
    where = g.where

    def problem(key: str, expected: str, found: str) -> None:
        g.problems.add(g.filename, entry.line, f"{where}.{key}", expected, found)

    ident = g.get(entry, "id", _ID, required=True)
    indicator = g.get(entry, "indicator", text, required=True)
    if indicator and indicators is not None and indicator not in indicators:
        problem("indicator", "a performance-programme indicator of the dataset", repr(indicator))
    kind = g.get(entry, "kind", enum(DefinitionKind), required=True)
    description = g.get(entry, "description", text, default="")
    if kind is DefinitionKind.RATIO:
        return _ratio(g, entry, ident, indicator, description, before)
    for name in _MEASURES:
        if name in entry:
            problem(name, f"no {name} (only a ratio has one)", shown(entry[name]))
    counted = _count(g, entry, kind, None)
    breakdowns = _breakdowns(g, entry)
    if len(g.problems.items) > before or kind is None:
        return None
    return IndicatorDefinition(
        id=ident,
        indicator=indicator,
        kind=kind,
        breakdowns=tuple(breakdowns),
        description=description,
        **counted,
    )


def _breakdowns(g: Fields, entry: LineDict) -> tuple[str, ...]:
    breakdowns: list[str] = []
    for raw in g.sequence(entry.get("breakdowns"), "a list of breakdowns", entry.line):
        breakdown = raw if isinstance(raw, str) else None
        where = f"{g.where}.breakdowns"
        if breakdown not in BREAKDOWNS:
            g.problems.add(
                g.filename, entry.line, where, "one of " + ", ".join(BREAKDOWNS), shown(raw)
            )
        elif breakdown in breakdowns:
            g.problems.add(g.filename, entry.line, where, "each breakdown once", repr(breakdown))
        else:
            breakdowns.append(breakdown)
    return tuple(breakdowns)


def _ratio(
    g: Fields, entry: LineDict, ident: str, indicator: str, description: str, before: int
) -> IndicatorDefinition | None:
    """A ratio: two measures, each a flow or a stock with its own filter; the source, count,
    person, date, until and cumulative given beside them are both measures' unless one gives
    its own. Its filter and its breakdowns are both measures': a measure counts the rows that
    pass the ratio's filter and its own, and each group's share is its numerator over its
    denominator."""
    where = g.where
    both = _filters(g.at(f"{where}.filter"), entry)
    breakdowns = _breakdowns(g, entry)
    shared = {key: g.get(entry, key, parse) for key, parse in _PARSERS.items() if key in entry}
    measures: dict[str, IndicatorDefinition] = {}
    for name in _MEASURES:
        h = g.at(f"{where}.{name}")
        if name not in entry:
            g.problems.add(g.filename, entry.line, h.where, "a measure (count, filter)", "nothing")
            continue
        measure = entry[name]
        if not isinstance(measure, LineDict):
            expected = "a mapping with kind, filter (and source, count, date...)"
            g.problems.add(g.filename, entry.line, h.where, expected, shown(measure))
            continue
        h.unknown_keys(measure, _COUNT_KEYS)
        kind = h.get(measure, "kind", enum(DefinitionKind), required=True)
        if kind is DefinitionKind.RATIO:
            h.problems.add(h.filename, measure.line, f"{h.where}.kind", "flow or stock", "'ratio'")
            kind = None
        counted = _count(h, measure, kind, shared)
        counted["filter"] = both + counted["filter"]
        if kind is not None:
            measures[name] = IndicatorDefinition(
                id=f"{ident}.{name}",
                indicator=indicator,
                kind=kind,
                breakdowns=breakdowns,
                **counted,
            )
    if len(g.problems.items) > before:
        return None
    numerator, denominator = measures["numerator"], measures["denominator"]
    return IndicatorDefinition(
        id=ident,
        indicator=indicator,
        source=numerator.source,
        count=numerator.count,
        date=numerator.date,
        kind=DefinitionKind.RATIO,
        person=numerator.person,
        until=numerator.until,
        cumulative=numerator.cumulative,
        breakdowns=breakdowns,
        description=description,
        numerator=numerator,
        denominator=denominator,
    )


def _count(
    g: Fields, entry: LineDict, kind: DefinitionKind | None, shared: dict[str, Any] | None
) -> dict[str, Any]:
    """What a flow or a stock counts, read from its mapping (a definition's, or a ratio's
    measure's: then each key missing there is taken from `shared`, the ratio's)."""
    where = g.where
    given = shared or {}

    def problem(key: str, expected: str, found: str) -> None:
        g.problems.add(g.filename, entry.line, f"{where}.{key}", expected, found)

    values: dict[str, Any] = {}
    for key, parse in _PARSERS.items():
        values[key] = g.get(entry, key, parse) if key in entry else given.get(key)
        if key in _REQUIRED and key not in entry and key not in given:
            expected = "a value" if shared is None else "a value (in the measure or the ratio)"
            problem(key, expected, "nothing")
    count, person, until = values["count"], values["person"], values["until"]
    if count is CountKind.PERSONS and person is None:
        problem("person", "the person column (count: persons)", "nothing")
    if count is CountKind.EVENTS and person is not None:
        problem("person", "no person column (count: events)", repr(person))
    if until is not None and kind is not None and kind is not DefinitionKind.STOCK:
        problem("until", "no until column (only a stock ends)", repr(until))
    if values["cumulative"] and kind is not None and kind is not DefinitionKind.FLOW:
        problem("cumulative", "no cumulative (only a flow cumulates)", "true")
    values["cumulative"] = bool(values["cumulative"])
    values["filter"] = _filters(g.at(f"{where}.filter"), entry)
    return values


def _scalar(raw: Any) -> FilterValue:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise BadValue("a text or a whole number")
    if isinstance(raw, int) and abs(raw) >= 10**18:
        raise BadValue("a whole number of at most 18 digits")
    return raw


def _filters(g: Fields, entry: LineDict) -> tuple[Filter, ...]:
    out: list[Filter] = []
    for index, item in enumerate(
        g.sequence(entry.get("filter"), "a list of {column, op, value}", entry.line)
    ):
        h = g.at(f"{g.where}[{index}]")
        condition = h.mapping(item, "a mapping with column, op, value")
        if condition is None:
            continue
        before = len(h.problems.items)
        h.unknown_keys(condition, _FILTER_KEYS)
        column = h.get(condition, "column", _name, required=True)
        op = h.get(condition, "op", enum(FilterOp), required=True)
        values: tuple[FilterValue, ...] = ()
        raw = condition.get("value")
        field = f"{h.where}.value"
        if op is None:
            pass
        elif not op.takes_value:
            if "value" in condition:
                expected = f"no value ({op.value})"
                h.problems.add(h.filename, condition.line, field, expected, shown(raw))
        elif op.takes_list:
            if not isinstance(raw, list) or not raw:
                h.problems.add(h.filename, condition.line, field, "a non-empty list", shown(raw))
            else:
                try:
                    values = tuple(_scalar(v) for v in raw)
                except BadValue as exc:
                    h.problems.add(h.filename, condition.line, field, exc.expected, shown(raw))
        else:
            value = h.get(condition, "value", _scalar, required=True)
            values = () if value is None else (value,)
        if len(h.problems.items) == before and column is not None and op is not None:
            out.append(Filter(column, op, values))
    return tuple(out)


__all__ = ["FILENAME", "DatasetInvalid", "read_definitions", "read_definitions_into"]
