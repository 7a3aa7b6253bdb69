"""Reading YAML with line numbers kept, duplicate keys refused, and typed field access."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # PyYAML built without libyaml: the same, slower
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

from karne.core.schema import Kind, field_specs
from karne.dataformat.errors import Problems, shown
from karne.dataformat.files import read_text
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


# Nesting deeper than this is refused before it is built (the reference dataset nests 11 deep;
# Python's recursion would end somewhere past 300).
MAX_DEPTH = 64
MAX_YAML_BYTES = 2_000_000  # the reference dataset's largest YAML file is under 40 kB


class _Refused(Exception):
    """A construct the format does not use (an alias, an anchor, a tag, deep nesting)."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line: int | None = None if mark is None else mark.line + 1


class _Loader(_SafeLoader):
    duplicate_keys: list[tuple[str, int]]


def _refuse_what_the_format_does_not_use(text: str) -> None:
    """Anchors, aliases and tags, which the format never needs, and deep nesting, before
    anything is built: an alias can make a 5 kB file stand for gigabytes (each `*a` repeats
    all that `&a` holds), tags such as `!!binary` or `!!set` build values no field can hold,
    and nesting a hundred thousand deep ends Python's recursion. Only the parser's events are
    looked at (libyaml's, when PyYAML has it: the reader's slow part is the YAML parser)."""
    depth = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("an alias (*name)", mark)
        if getattr(event, "anchor", None) is not None:
            raise _Refused("an anchor (&name)", mark)
        if getattr(event, "tag", None) is not None:
            raise _Refused("a tag (!name)", mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problem = f"more than {MAX_DEPTH} levels of nesting"
                raise _Refused(problem, mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused("a list or mapping as a key", key_node.start_mark)
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


def _construct_number(
    construct: Callable[[Any, yaml.ScalarNode], Any],
) -> Callable[[_Loader, yaml.ScalarNode], Any]:
    """A number as PyYAML reads it, or its text when PyYAML cannot (`0x_`, `._`, 5,000 digits):
    the field's parser then says what is wrong with it."""

    def read(loader: _Loader, node: yaml.ScalarNode) -> Any:
        if len(node.value) > 100:
            return str(node.value)
        try:
            return construct(loader, node)
        except ValueError:
            return str(node.value)

    return read


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:value", _construct_str)
_Loader.add_constructor(
    "tag:yaml.org,2002:int", _construct_number(yaml.SafeLoader.construct_yaml_int)
)
_Loader.add_constructor(
    "tag:yaml.org,2002:float", _construct_number(yaml.SafeLoader.construct_yaml_float)
)


def load_yaml(folder: Path, filename: str, problems: Problems) -> Any:
    """The document's content, or None after reporting why it cannot be read."""
    text = read_text(folder, filename, problems, MAX_YAML_BYTES)
    if text is None:
        return None
    return parse_yaml(text, filename, problems)


def parse_yaml(text: str, filename: str, problems: Problems) -> Any:
    """A document's content from its text (one stored in the database), checked as a file's."""
    loader: _Loader | None = None
    try:
        _refuse_what_the_format_does_not_use(text)
        loader = _Loader(text)  # the pure-Python reader checks the characters here
        loader.duplicate_keys = []
        data = loader.get_single_data()
    except _Refused as exc:
        expected = f"YAML without anchors, aliases or tags, nested at most {MAX_DEPTH} deep"
        problems.add(filename, exc.line, "", expected, exc.problem)
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        problems.add(filename, line, "", "valid YAML", f"a syntax error ({exc.problem})")
        return None
    except yaml.YAMLError as exc:
        problems.add(filename, None, "", "valid YAML", f"a syntax error ({exc})")
        return None
    finally:
        if loader is not None:
            loader.dispose()
    for key, line in loader.duplicate_keys if loader is not None else ():
        problems.add(filename, line, key, "each key once in its mapping", "a duplicate key")
    if data is None:
        problems.add(filename, None, "", "the file's content (it is required)", "an empty file")
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
