"""What the structure pages edit: each kind of record, where it sits in a `Dataset`, and its key.

Pure Python, like the dataset format: an edit is made on the dataset's records (`put`), so that
the reader's own checks can judge the dataset it would leave (`karne.dataformat.edits`). A
record sits at the end of a route through the dataset (the units: `units`; an activity:
`program_structures` → `programs` → `sub_programs` → `activities`) and is identified on each step
by its code (a year's programme structure by its year, a strategic-plan value by indicator and
year). A record's key, in URLs and in the trail, is its code; a programme record's is
`<year>/<code>`, as its code is unique only within the year.

A record's code (and a performance indicator's year) is fixed once it exists: other records,
stored values and the trail name it. To change one, add the new record and delete the old.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from karne.core import records
from karne.core.schema import field_specs

Ids = tuple[Any, ...]  # a record's identity on each step of its route


@dataclass(frozen=True)
class Kind:
    slug: str  # in URLs
    subject: str  # in the trail
    record: type
    route: tuple[str, ...]
    label: str  # Turkish, marked for translation where it is shown
    parent: str | None = None  # the slug of the kind one step up the route
    fixed: tuple[str, ...] = ("code",)  # fields set once, when the record is added
    hidden: tuple[str, ...] = ()  # fields the form leaves as they are
    defaults: dict[str, Any] = field(default_factory=dict)  # for hidden fields without one

    @property
    def in_year(self) -> bool:
        return self.route[0] == "program_structures"

    def fields(self) -> tuple[str, ...]:
        """The record's fields the form offers, in the record's order."""
        return tuple(
            s.name for s in field_specs(self.record) if s.is_flat and s.name not in self.hidden
        )

    def key(self, ids: Ids) -> str:
        if self.in_year:
            return f"{ids[0]}/{ids[-1]}"
        last = ids[-1]
        return "/".join(map(str, last)) if isinstance(last, tuple) else str(last)


KINDS: dict[str, Kind] = {
    k.slug: k
    for k in (
        Kind("birim", "unit", records.Unit, ("units",), "Birim"),
        # A year's Performance Program or Activity Report: the documents page builds the
        # documents a year has (an administration set up in the browser adds its reports here).
        Kind("belge", "document", records.Document, ("documents",), "Belge"),
        Kind(
            "program",
            "program",
            records.Program,
            ("program_structures", "programs"),
            "Program",
            parent="yil",
        ),
        Kind(
            "alt-program",
            "sub_program",
            records.SubProgram,
            ("program_structures", "programs", "sub_programs"),
            "Alt program",
            parent="program",
        ),
        Kind(
            "alt-program-amaci",
            "sub_program_objective",
            records.SubProgramObjective,
            ("program_structures", "programs", "sub_programs", "objectives"),
            "Alt program amacı",
            parent="alt-program",
        ),
        Kind(
            "faaliyet",
            "activity",
            records.Activity,
            ("program_structures", "programs", "sub_programs", "activities"),
            "Faaliyet",
            parent="alt-program",
        ),
        Kind(
            "pp-gosterge",
            "indicator",
            records.PPIndicator,
            ("pp_indicators",),
            "Performans göstergesi",
            fixed=("code", "year"),
        ),
        Kind(
            "plan",
            "plan",
            records.StrategicPlan,
            ("strategic_plans",),
            "Stratejik plan",
        ),
        Kind(
            "amac",
            "aim",
            records.Aim,
            ("strategic_plans", "aims"),
            "Amaç",
            parent="plan",
        ),
        Kind(
            "hedef",
            "objective",
            records.Objective,
            ("strategic_plans", "aims", "objectives"),
            "Hedef",
            parent="amac",
        ),
        Kind(
            "sp-gosterge",
            "sp_indicator",
            records.SPIndicator,
            ("sp_indicators",),
            "Stratejik plan göstergesi",
        ),
        Kind(
            "sp-hedef",
            "sp_target",
            records.SPIndicatorValue,
            ("sp_indicator_values",),
            "Stratejik plan hedef değeri",
            fixed=("indicator", "year"),
            hidden=("actual",),  # the year's actual figure is the monitoring's
            defaults={"actual": None},
        ),
    )
}


def identity(item: Any) -> Any:
    if isinstance(item, records.ProgramStructure):
        return item.year
    if isinstance(item, records.SPIndicatorValue):
        return (item.indicator, item.year)
    return item.code


def walk(node: Any, route: tuple[str, ...]) -> Iterator[tuple[Ids, Any]]:
    """Every record at the end of the route, with its identity on each step."""
    attr, *rest = route
    for item in getattr(node, attr):
        if rest:
            for ids, found in walk(item, tuple(rest)):
                yield (identity(item), *ids), found
        else:
            yield (identity(item),), item


def entries(dataset: records.Dataset, kind: Kind) -> list[tuple[str, Ids, Any]]:
    return [(kind.key(ids), ids, found) for ids, found in walk(dataset, kind.route)]


def locate(dataset: records.Dataset, kind: Kind, key: str) -> tuple[Ids, Any] | None:
    return next(((ids, r) for k, ids, r in entries(dataset, kind) if k == key), None)


def parent_ids(dataset: records.Dataset, kind: Kind, parent_key: str) -> Ids | None:
    """The route to a new record's parent, from the parent's key (a programme's: its year)."""
    if kind.parent is None:
        return ()
    if kind.parent == "yil":
        return (int(parent_key),) if parent_key.isdigit() else None
    found = locate(dataset, KINDS[kind.parent], parent_key)
    return None if found is None else found[0]


def put(node: Any, route: tuple[str, ...], ids: Ids, record: Any | None, *, add: bool) -> Any:
    """The node with the record at `ids` replaced (None: removed), or with `record` added
    under `ids` (the parent's identities) when `add`. A programme added in a year that has no
    structure yet opens the year's structure."""
    attr, *rest = route
    items = tuple(getattr(node, attr))
    if not rest:
        if add:
            items = (*items, record)
        else:
            items = tuple(
                new
                for item in items
                if (new := record if identity(item) == ids[0] else item) is not None
            )
    else:
        if attr == "program_structures" and ids[0] not in {identity(i) for i in items}:
            items = (*items, records.ProgramStructure(ids[0]))
        items = tuple(
            put(item, tuple(rest), ids[1:], record, add=add) if identity(item) == ids[0] else item
            for item in items
        )
    return dataclasses.replace(node, **{attr: items})
