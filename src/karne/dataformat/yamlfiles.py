"""Reading YAML with line numbers kept, duplicate keys refused, and typed field access."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, TypeVar

import yaml

from karne.core.schema import Kind, field_specs
from karne.dataformat.errors import Problems, shown
from karne.dataformat.values import BadValue, Parser, parser_for

# Kinds whose field, when it has no default in its record, must be given in the YAML.
_REQUIRED_KINDS = {
    Kind.REQUIRED_TEXT,
    Kind.INTEGER,
    Kind.YEAR,
    Kind.DECIMAL,
    Kind.BOOLEAN,
    Kind.ENUM,
}


R = TypeVar("R")


class LineDict(dict[str, Any]):
    """A mapping that remembers the line it started on."""

    line: int = 0


class LineList(list[Any]):
    line: int = 0


class _Loader(yaml.SafeLoader):
    duplicate_keys: list[tuple[str, int]]


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            loader.duplicate_keys.append((str(key), key_node.start_mark.line + 1))
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    items = LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.line = node.start_mark.line + 1
    return items


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    """Keep every scalar that is not a plain int/float/bool/null exactly as text (no dates)."""
    return str(node.value)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)


def load_yaml(folder: Path, filename: str, problems: Problems) -> Any:
    """The document's content, or None after reporting why it cannot be read."""
    path = folder / filename
    if not path.is_file():
        problems.add(filename, None, "", "this required file", "no such file")
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.add(filename, None, "", "UTF-8 text", f"undecodable bytes ({exc.reason})")
        return None
    loader = _Loader(text)
    loader.duplicate_keys = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        problems.add(filename, line, "", "valid YAML", f"a syntax error ({exc.problem})")
        return None
    except yaml.YAMLError as exc:
        problems.add(filename, None, "", "valid YAML", f"a syntax error ({exc})")
        return None
    finally:
        loader.dispose()
    for key, line in loader.duplicate_keys:
        problems.add(filename, line, key, "each key once in its mapping", "a duplicate key")
    return data


class Fields:
    """Typed access to a YAML mapping that reports problems at the mapping's line."""

    def __init__(self, problems: Problems, filename: str, where: str) -> None:
        self.problems = problems
        self.filename = filename
        self.where = where

    def mapping(self, value: Any, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.problems.add(self.filename, _line(value), self.where, what, shown(value))
        return None

    def sequence(self, value: Any, what: str, line: int | None = None) -> list[Any]:
        if value is None:
            return []
        if isinstance(value, list):
            return value
        self.problems.add(self.filename, line or _line(value), self.where, what, shown(value))
        return []

    def get(
        self,
        data: LineDict,
        key: str,
        parse: Parser,
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        field = f"{self.where}.{key}" if self.where else key
        if key not in data or data[key] is None:
            if required:
                self.problems.add(self.filename, data.line, field, "a value", "nothing")
            return default
        try:
            return parse(data[key])
        except BadValue as exc:
            self.problems.add(self.filename, data.line, field, exc.expected, shown(data[key]))
            return default

    def unknown_keys(self, data: LineDict, allowed: set[str]) -> None:
        for key in data:
            if key not in allowed:
                field = f"{self.where}.{key}" if self.where else str(key)
                self.problems.add(
                    self.filename,
                    data.line,
                    field,
                    "one of " + ", ".join(sorted(allowed)),
                    repr(key),
                )

    def flat(self, data: LineDict, record: type, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
        """The record's one-value fields read from a mapping, as its types say (missing ones
        with the record's default; a required one that is missing is reported and is None)."""
        out: dict[str, Any] = {}
        for spec in field_specs(record):
            if not spec.is_flat or spec.name in skip:
                continue
            required = not spec.has_default and spec.kind in _REQUIRED_KINDS
            default = _default(record, spec.name)
            out[spec.name] = self.get(
                data, spec.name, parser_for(spec), required=required, default=default
            )
        return out

    def build(
        self, data: LineDict, record: type[R], *, skip: tuple[str, ...] = (), **given: Any
    ) -> R | None:
        """The record from a mapping (nested parts `given`), or None when a required value is
        missing or wrong (already reported)."""
        values = self.flat(data, record, skip=(*skip, *given))
        for spec in field_specs(record):
            required = not spec.has_default and spec.kind in _REQUIRED_KINDS
            if required and spec.name in values and values[spec.name] is None:
                return None
        return record(**values, **given)

    def at(self, where: str) -> Fields:
        return Fields(self.problems, self.filename, where)


def field_names(record: type, *extra: str) -> set[str]:
    """The keys a mapping of this record may have."""
    return {s.name for s in field_specs(record)} | set(extra)


def _default(record: type, name: str) -> Any:
    for f in dataclasses.fields(record):
        if f.name == name:
            if f.default is not dataclasses.MISSING:
                return f.default
            if f.default_factory is not dataclasses.MISSING:
                return f.default_factory()
    spec = next(s for s in field_specs(record) if s.name == name)
    return "" if spec.kind is Kind.TEXT else None


def _line(value: Any) -> int | None:
    return getattr(value, "line", None)
