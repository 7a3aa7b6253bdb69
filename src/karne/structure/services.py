"""Editing an administration's structure in the browser, one record at a time.

Every edit is judged by the dataset reader's rules before anything is written: the form's
fields are parsed by the reader's parsers, and the structure the edit would leave goes through
the reader's cross-record checks (`karne.dataformat.edits`). A refused edit raises `Refused`
with a message per input and changes nothing; a saved one is written in one transaction, with a
trail row for each field it changed. A record is deleted only when nothing refers to it: no
stored row (the database's own relations say which) and no record of the structure (the
reader's checks say that).

A duty has no code: its key is its unit's and a digest of its text (`karne.structure.kinds`),
and its row is the one whose record has that key, the rows taken in their order (`position`,
the order the dataset reads and the documents print). `duty_move` changes that order within
the unit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from karne.accounts.access import User, require
from karne.accounts.models import Membership
from karne.budget import models as budget
from karne.core import records
from karne.core.permissions import Capability
from karne.dataformat.edits import new_problems, parse_fields
from karne.dataformat.writer import cell_text
from karne.datasets.mapping import Refs, from_model, model_values, scope_path
from karne.datasets.selectors import dataset_read
from karne.monitoring import models as monitoring
from karne.monitoring.services.trail import record_change
from karne.organisation import models as org
from karne.planning import models as plan
from karne.structure.kinds import (
    KINDS,
    Ids,
    Kind,
    identities,
    ids_of,
    locate,
    move,
    parent_ids,
    place_in_unit,
    put,
)
from karne.structure.messages import field_of, message

# The flat tables the checks of a structure edit need; the large value tables (realizations,
# values, costs) are left unread: a delete that would orphan one of their rows is refused by
# the database relations instead.
STRUCTURE_TABLES = (
    "units",
    "duties",
    "sp_indicators",
    "sp_indicator_values",
    "pp_indicators",
    "budget_unit",
)

MODELS: dict[str, type[models.Model]] = {
    "birim": org.Unit,
    "gorev": org.Duty,
    "belge": org.Document,
    "program": plan.Program,
    "alt-program": plan.SubProgram,
    "alt-program-amaci": plan.SubProgramObjective,
    "faaliyet": plan.Activity,
    "pp-gosterge": plan.PPIndicator,
    "plan": plan.StrategicPlan,
    "amac": plan.Aim,
    "hedef": plan.Objective,
    "sp-gosterge": plan.SPIndicator,
    "sp-hedef": plan.SPIndicatorValue,
}
# The foreign key of a nested record's row to its parent's row.
_PARENT_FIELDS = {
    "alt-program": "program",
    "alt-program-amaci": "sub_program",
    "faaliyet": "sub_program",
    "amac": "plan",
    "hedef": "aim",
}
# Where a programme row's year is (codes are unique only within a year).
_YEAR_PATHS: dict[type[models.Model], str] = {
    plan.Program: "year",
    plan.SubProgram: "program__year",
    plan.SubProgramObjective: "sub_program__program__year",
    plan.Activity: "sub_program__program__year",
}
# What a stored row that refers to a record is, in a refusal.
_REFERRERS: dict[type[models.Model], str] = {
    org.Unit: gettext_noop("alt birim"),
    plan.SubProgram: gettext_noop("alt program"),
    plan.SubProgramObjective: gettext_noop("alt program amacı"),
    plan.Activity: gettext_noop("faaliyet"),
    plan.PPIndicator: gettext_noop("performans göstergesi"),
    plan.PPIndicatorValue: gettext_noop("gösterge değeri"),
    plan.Aim: gettext_noop("amaç"),
    plan.Objective: gettext_noop("hedef"),
    plan.SPIndicator: gettext_noop("stratejik plan göstergesi"),
    plan.SPIndicatorValue: gettext_noop("stratejik plan hedef değeri"),
    monitoring.Realization: gettext_noop("gerçekleşme değeri"),
    monitoring.SPRealization: gettext_noop("stratejik plan izleme değeri"),
    monitoring.Submission: gettext_noop("izleme başvurusu"),
    budget.ActivityCost: gettext_noop("faaliyet maliyeti"),
    budget.BudgetActivity: gettext_noop("faaliyet bütçe satırı"),
    budget.BudgetUnit: gettext_noop("birim bütçe satırı"),
    Membership: gettext_noop("kullanıcı"),
}


class Refused(Exception):
    """The edit breaks a rule of the dataset: messages by input ("" for the form as a whole)."""

    def __init__(self, errors: Mapping[str, list[str]]) -> None:
        super().__init__("; ".join(m for ms in errors.values() for m in ms))
        self.errors = dict(errors)


class NotFound(Exception):
    """No record of this kind has this key in the person's administration."""


def structure_read(*, user: User) -> records.Dataset:
    """The administration's structure as the dataset reader sees it (values left out): the
    programme and the plan are public documents, so everyone of the administration may read
    it; only the strategy unit edits it."""
    membership = require(user, Capability.STRUCTURE_VIEW)
    return _read(membership)


def _read(membership: Membership) -> records.Dataset:
    return dataset_read(administration=membership.administration.code, tables=STRUCTURE_TABLES)


def kind_of(slug: str) -> Kind:
    if slug not in KINDS:
        raise NotFound(slug)
    return KINDS[slug]


@transaction.atomic
def structure_save(
    *, user: User, kind: str, key: str | None, data: Mapping[str, Any], parent: str = ""
) -> str:
    """Add a record (`key` None, under `parent`'s key) or change one; its key is returned."""
    membership = require(user, Capability.STRUCTURE_EDIT)
    k = kind_of(kind)
    current = _read(membership)
    old: Any = None
    if key is not None:
        found = locate(current, k, key)
        if found is None:
            raise NotFound(key)
        ids, old = found
    names = [n for n in k.fields() if key is None or n not in k.fixed]
    values, expected = parse_fields(k.record, data, names)
    errors: dict[str, list[str]] = {
        name: [message(text, str(data.get(name, "")))] for name, text in expected.items()
    }
    above: Ids | None = ()
    if key is None and k.parent is not None:
        above = parent_ids(current, k, parent)
        if above is None:
            errors["parent"] = [_("Bu kaydın bağlı olacağı üst kaydı seçin.")]
    if errors:
        raise Refused(errors)
    if old is None:
        new = k.record(**{**k.defaults, **values})
        assert above is not None
        after = put(current, k.route, above, new, add=True)
    else:
        new = dataclasses.replace(old, **values)
        after = put(current, k.route, ids, new, add=False)
    _judge(current, after, names)
    new_ids = ids_of(after, k, new)  # a duty's key follows its text
    if old is None:
        _create(membership, k, new_ids, new)
    else:
        _update(membership, k, ids, new)
    new_key = k.key(new_ids)
    # An edit is trailed under the key the record was found by (the form's address).
    _trail(membership, k, new_key if key is None else key, old, new)
    return new_key


@transaction.atomic
def duty_move(*, user: User, key: str, up: bool) -> bool:
    """Move a duty one place up (or down) among its unit's duties: it changes places with the
    one before (after) it. False when it is already the first (the last): nothing changes.
    Both duties' places are trailed (field `position`, 1 for a unit's first duty)."""
    membership = require(user, Capability.STRUCTURE_EDIT)
    k = KINDS["gorev"]
    current = _read(membership)
    found = locate(current, k, key)
    if found is None:
        raise NotFound(key)
    moved = move(current, key, up)
    if moved is None:
        return False
    after, other = moved
    duty = found[1]
    rows = [_duty_row(membership, ids_of(current, k, d)) for d in (duty, other)]
    rows[0].position, rows[1].position = rows[1].position, rows[0].position
    for row in rows:
        row.save(update_fields=["position"])
    for d in (duty, other):
        before, now = place_in_unit(current, d), place_in_unit(after, d)
        record_change(
            membership, k.subject, k.key(ids_of(current, k, d)), "position", str(before), str(now)
        )
    return True


@transaction.atomic
def structure_delete(*, user: User, kind: str, key: str) -> None:
    """Delete a record nothing refers to (refused, with what refers to it, otherwise)."""
    membership = require(user, Capability.STRUCTURE_EDIT)
    k = kind_of(kind)
    current = _read(membership)
    found = locate(current, k, key)
    if found is None:
        raise NotFound(key)
    ids, old = found
    row = _row(membership, k, ids)
    referrers = sorted(
        {
            _REFERRERS.get(rel.related_model, rel.related_model.__name__)
            for rel in row._meta.related_objects
            if rel.related_model._default_manager.filter(**{rel.field.name: row}).exists()
        }
    )
    if referrers:
        raise Refused(
            {
                "": [
                    _("Bu kayda bağlı kayıtlar var (%(what)s); önce onları silin ya da değiştirin.")
                    % {"what": ", ".join(_(r) for r in referrers)}
                ]
            }
        )
    _judge(current, put(current, k.route, ids, None, add=False), ())
    row.delete()
    _trail(membership, k, key, old, None)


def _judge(before: records.Dataset, after: records.Dataset, fields: Any) -> None:
    problems = new_problems(before, after)
    if problems:
        errors: dict[str, list[str]] = {}
        for problem in problems:
            text = message(problem.expected, problem.found)
            said = errors.setdefault(field_of(problem, fields), [])
            if text not in said:  # a unit's years that leave several of its duties: said once
                said.append(text)
        raise Refused(errors)


class _StoredRefs(Refs):
    """Foreign keys given as codes, found among the administration's stored rows."""

    def __init__(self, administration: org.Administration) -> None:
        super().__init__()
        self.administration = administration

    def get(self, model: type[models.Model], code: str, year: int | None) -> models.Model | None:
        rows = model._default_manager.filter(
            **{scope_path(model): self.administration, "code": code}
        )
        path = _YEAR_PATHS.get(model)
        if year is not None and path is not None:
            in_year = rows.filter(**{path: year}).first()
            if in_year is not None:
                return in_year
        return rows.first()


def _lookup(kind: Kind, ids: Ids) -> dict[str, Any]:
    model = MODELS[kind.slug]
    if kind.slug == "sp-hedef":
        indicator, year = ids[-1]
        return {"indicator__code": indicator, "year": year}
    found: dict[str, Any] = {"code": ids[-1]}
    if kind.in_year:
        found[_YEAR_PATHS[model]] = ids[0]
    return found


def _duty_row(membership: Membership, ids: Ids) -> org.Duty:
    """A duty's row: the one whose record has the duty's key, the administration's duties
    taken in their order (a repeated text's `-2` counts in that order)."""
    rows = list(
        org.Duty.objects.select_for_update()
        .filter(unit__administration=membership.administration)
        .select_related("unit")
        .order_by("position", "pk")
    )
    found = identities([from_model(row, records.Duty) for row in rows])
    return rows[found.index(ids[-1])]


def _row(membership: Membership, kind: Kind, ids: Ids) -> models.Model:
    if kind.slug == "gorev":
        return _duty_row(membership, ids)
    model = MODELS[kind.slug]
    rows = model._default_manager.select_for_update().filter(
        **{scope_path(model): membership.administration}, **_lookup(kind, ids)
    )
    if kind.parent is not None and kind.parent != "yil":
        parent = KINDS[kind.parent]
        rows = rows.filter(
            **{
                f"{_PARENT_FIELDS[kind.slug]}__{name}": value
                for name, value in _lookup(parent, ids[:-1]).items()
            }
        )
    return rows.get()


def _create(membership: Membership, kind: Kind, ids: Ids, record: Any) -> None:
    model = MODELS[kind.slug]
    admin = membership.administration
    context: dict[str, Any] = {}
    if kind.slug in _PARENT_FIELDS:
        context[_PARENT_FIELDS[kind.slug]] = _row(membership, KINDS[kind.parent or ""], ids[:-1])
    if kind.slug == "program":
        context["year"] = ids[0]
    if any(f.name == "administration" for f in model._meta.concrete_fields):
        context["administration"] = admin
    last = model._default_manager.filter(**{scope_path(model): admin}).aggregate(m=Max("position"))[
        "m"
    ]
    values = model_values(record, model, _StoredRefs(admin), self_references=True)
    model._default_manager.create(**values, **context, position=(-1 if last is None else last) + 1)


def _update(membership: Membership, kind: Kind, ids: Ids, record: Any) -> None:
    model = MODELS[kind.slug]
    row = _row(membership, kind, ids)
    values = model_values(
        record, model, _StoredRefs(membership.administration), self_references=True
    )
    for name, value in values.items():
        setattr(row, name, value)
    row.save()


def _trail(membership: Membership, kind: Kind, key: str, old: Any, new: Any) -> None:
    """One trail row per field that changed (an added record's fields from nothing, a deleted
    one's to nothing)."""
    for name in kind.fields():
        before = cell_text(getattr(old, name)) if old is not None else ""
        after = cell_text(getattr(new, name)) if new is not None else ""
        if before != after:
            record_change(membership, kind.subject, key, name, before, after)
