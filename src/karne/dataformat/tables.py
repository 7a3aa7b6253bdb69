"""The CSV tables of a dataset, derived from the records: one table per flat record list.

A `Dataset` field that holds a tuple of flat records (every field one cell) is the file
`<field>.csv`, with one column per record field in declaration order, each parsed as its type
says (`karne.core.schema`). Nested structures (the plan, the programmes, the narrative) are YAML.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import get_type_hints

from karne.core.records import Dataset
from karne.core.schema import field_specs, is_flat_record, tuple_item_type
from karne.dataformat.csvfiles import Column
from karne.dataformat.values import parser_for


@dataclass(frozen=True)
class Table:
    file: str
    attr: str  # the Dataset field that holds the rows
    record: type
    columns: tuple[Column, ...]


def columns_of(record: type) -> tuple[Column, ...]:
    return tuple(Column(s.name, parser_for(s)) for s in field_specs(record))


def _tables() -> tuple[Table, ...]:
    hints = get_type_hints(Dataset)
    out = []
    for f in dataclasses.fields(Dataset):
        item = tuple_item_type(hints[f.name])
        if item is not None and is_flat_record(item):
            out.append(Table(f"{f.name}.csv", f.name, item, columns_of(item)))
    return tuple(out)


TABLES: tuple[Table, ...] = _tables()
FILES: dict[str, tuple[Column, ...]] = {t.file: t.columns for t in TABLES}
