"""Write a `Dataset` as a dataset folder, canonically: the same records give the same bytes.

Record order is kept as given (it is the documents' order); text is UTF-8 with "\\n" line ends;
decimals keep the precision they were read with. A table is written as its records come
(`write_table`), so an export can stream them from the database.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from karne.core import records
from karne.core.decimals import decimal_text
from karne.dataformat.definitions import FILENAME as DEFINITIONS
from karne.dataformat.structure import FORMAT
from karne.dataformat.tables import TABLES, Table


def write_dataset(dataset: records.Dataset, folder: Path | str) -> None:
    write_structure(dataset, folder)
    for table in TABLES:
        write_table(table, getattr(dataset, table.attr), folder)


def write_structure(dataset: records.Dataset, folder: Path | str) -> None:
    """The YAML files: everything but the CSV tables."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    _yaml(folder / "dataset.yaml", _manifest(dataset))
    _yaml(folder / "administration.yaml", _administration(dataset.administration))
    _yaml(folder / "strategic_plan.yaml", [_plan(p) for p in dataset.strategic_plans])
    _yaml(folder / "programs.yaml", [_structure(s) for s in dataset.program_structures])
    _yaml(folder / "narrative.yaml", [_narrative(n) for n in dataset.narratives])
    if dataset.indicator_definitions:
        # written as the administration wrote it: its comments are part of what it keeps
        (folder / DEFINITIONS).write_text(dataset.indicator_definitions, encoding="utf-8")


def write_table(table: Table, rows: Iterable[Any], folder: Path | str) -> None:
    """One CSV table, written row by row as the records come."""
    columns = [c.name for c in table.columns]
    with (Path(folder) / table.file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([cell_text(getattr(record, c)) for c in columns] for record in rows)


def cell_text(value: Any) -> str:
    """A field as the dataset writes it in a cell; the change trail records edits the same way."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    return str(value)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """A text with a Unicode line break (NEL, U+2028, U+2029) is written double-quoted, where
    it is escaped: PyYAML's single-quoted style writes NEL so that it reads back as a space."""
    if any(ch in value for ch in "\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def _yaml(path: Path, data: Any) -> None:
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100_000,
        default_flow_style=False,
    )
    path.write_text(text, encoding="utf-8")


def _compact(record: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's fields as YAML values, leaving out empty optional ones."""
    assert is_dataclass(record)
    out: dict[str, Any] = {}
    for field in fields(record):
        if field.name in skip:
            continue
        value = getattr(record, field.name)
        if value in ("", None, ()):
            continue
        if isinstance(value, tuple):
            value = [_compact(v) if is_dataclass(v) else v for v in value]
        elif isinstance(value, Enum):
            value = value.value
        out[field.name] = value
    return out


def _manifest(dataset: records.Dataset) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "administration": dataset.administration.code,
        "documents": [_document(d) for d in dataset.documents],
    }


def _document(d: records.Document) -> dict[str, Any]:
    out: dict[str, Any] = {"code": d.code, "kind": d.kind.value, "year": d.year, "title": d.title}
    if d.date:
        out["date"] = d.date
    if d.tables:
        out["tables"] = {label: kind.value for label, kind in d.tables}
    return out


def _administration(admin: records.Administration) -> dict[str, Any]:
    out = _compact(admin, skip=("policy",))
    out["policy"] = admin.policy.to_mapping()
    return out


def _plan(plan: records.StrategicPlan) -> dict[str, Any]:
    out = _compact(plan, skip=("aims",))
    out["aims"] = [_aim(a) for a in plan.aims]
    return out


def _aim(aim: records.Aim) -> dict[str, Any]:
    return _compact(aim)


def _structure(structure: records.ProgramStructure) -> dict[str, Any]:
    return {"year": structure.year, "programs": [_compact(p) for p in structure.programs]}


def _narrative(narrative: records.Narrative) -> dict[str, Any]:
    return {
        "document": narrative.document,
        "sections": _section_tree(narrative.sections, None),
        "toc": [_compact(t) for t in narrative.toc],
    }


def _section_tree(
    sections: tuple[records.NarrativeSection, ...], parent: str | None
) -> list[dict[str, Any]]:
    out = []
    for section in sections:
        if section.parent != parent:
            continue
        item = _compact(section, skip=("parent",))
        children = _section_tree(sections, section.id)
        if children:
            item["sections"] = children
        out.append(item)
    return out
