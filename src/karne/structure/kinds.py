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

A duty (`Duty`: a unit's line of "Sunulan Hizmetler", the top unit's the administration's own
duties) has no code. Its key is its unit's code and a digest of its text: `YGM/3f2a9c1b`, the
first eight hex digits of the text's SHA-256 (a second duty of the same unit with the same text,
held in other years, is `YGM/3f2a9c1b-2`). A position would not do: deleting or moving one duty
would give the ones after it another's key, so the trail and a page left open would name the
wrong duty. The digest stays the same when another duty is added, deleted or moved, and when the
duty's years change; it changes with the text itself, which is what the duty is. An edit is
trailed under the key the duty had when it was edited (the address of the form), its `text` row
giving the text before and after, from which the new key follows. The unit is fixed once saved:
to give a duty to another unit, add it there and delete it here. The order of a unit's duties,
which the documents print, is the order of the records (`move`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
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
            "gorev",
            "duty",
            records.Duty,
            ("duties",),
            "Görev",
            fixed=("unit",),
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


def text_digest(text: str) -> str:
    """The part of a duty's key its text gives (see the module's docstring)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def identity(item: Any) -> Any:
    if isinstance(item, records.ProgramStructure):
        return item.year
    if isinstance(item, records.SPIndicatorValue):
        return (item.indicator, item.year)
    if isinstance(item, records.Duty):
        return (item.unit, text_digest(item.text))
    return item.code


def identities(items: Sequence[Any]) -> list[Any]:
    """The identity of each item of a list: a duty with the text of an earlier duty of its
    unit is told apart by how many came before (`-2`, `-3`)."""
    seen: Counter[Any] = Counter()
    out = []
    for item in items:
        ident = identity(item)
        if isinstance(item, records.Duty):
            seen[ident] += 1
            if seen[ident] > 1:
                ident = (ident[0], f"{ident[1]}-{seen[ident]}")
        out.append(ident)
    return out


def walk(node: Any, route: tuple[str, ...]) -> Iterator[tuple[Ids, Any]]:
    """Every record at the end of the route, with its identity on each step."""
    attr, *rest = route
    items = tuple(getattr(node, attr))
    for ident, item in zip(identities(items), items, strict=True):
        if rest:
            for ids, found in walk(item, tuple(rest)):
                yield (ident, *ids), found
        else:
            yield (ident,), item


def entries(dataset: records.Dataset, kind: Kind) -> list[tuple[str, Ids, Any]]:
    return [(kind.key(ids), ids, found) for ids, found in walk(dataset, kind.route)]


def locate(dataset: records.Dataset, kind: Kind, key: str) -> tuple[Ids, Any] | None:
    return next(((ids, r) for k, ids, r in entries(dataset, kind) if k == key), None)


def ids_of(dataset: records.Dataset, kind: Kind, record: Any) -> Ids:
    """The identities of a record held in the dataset (this very object): a record's key may
    depend on the records beside it (a duty's)."""
    return next(ids for _, ids, r in entries(dataset, kind) if r is record)


def move(dataset: records.Dataset, key: str, up: bool) -> tuple[records.Dataset, Any] | None:
    """The dataset with a duty swapped with the one before (`up`) or after it among its unit's
    duties, and that other duty; None when it is already the first (the last)."""
    duties = list(dataset.duties)
    found = locate(dataset, KINDS["gorev"], key)
    if found is None:
        return None
    here = next(i for i, d in enumerate(duties) if d is found[1])
    same = [i for i, d in enumerate(duties) if d.unit == duties[here].unit]
    place = same.index(here) + (-1 if up else 1)
    if not 0 <= place < len(same):
        return None
    there = same[place]
    duties[here], duties[there] = duties[there], duties[here]
    return dataclasses.replace(dataset, duties=tuple(duties)), duties[here]


def place_in_unit(dataset: records.Dataset, duty: records.Duty) -> int:
    """A duty's place among its unit's duties (1 for the first), as the documents print them."""
    same = [d for d in dataset.duties if d.unit == duty.unit]
    return next(i for i, d in enumerate(same, 1) if d is duty)


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
                for ident, item in zip(identities(items), items, strict=True)
                if (new := record if ident == ids[0] else item) is not None
            )
    else:
        if attr == "program_structures" and ids[0] not in {identity(i) for i in items}:
            items = (*items, records.ProgramStructure(ids[0]))
        items = tuple(
            put(item, tuple(rest), ids[1:], record, add=add) if identity(item) == ids[0] else item
            for item in items
        )
    return dataclasses.replace(node, **{attr: items})
