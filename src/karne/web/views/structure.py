"""The structure pages: the administration's units, programmes, indicators and strategic plan.

One form for every kind of record, built from the record's fields (`karne.core.schema`): the
form offers what the dataset format holds, and the services judge it by the reader's rules.
A number is shown and typed in the page's language (`web.forms.parse_typed`) and handed on as
the dataset writes it; everything else goes to the reader's parsers as typed. A unit's duties
are listed under it, in their order, each with the buttons that move it up or down.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from karne.accounts.access import can, require
from karne.core import records
from karne.core.decimals import decimal_text
from karne.core.formatting import format_exact
from karne.core.permissions import Capability
from karne.core.schema import FieldSpec, Kind, field_specs
from karne.structure.kinds import KINDS, entries, locate
from karne.structure.kinds import Kind as RecordKind
from karne.structure.services import (
    NotFound,
    Refused,
    duty_move,
    kind_of,
    structure_delete,
    structure_read,
    structure_save,
)
from karne.web.forms import BadNumber, page_locale, parse_typed
from karne.web.labels import CHOICE_LABELS, STRUCTURE_KIND_LABELS, STRUCTURE_LABELS

# Texts that may run to a paragraph get a text area.
_LONG = {
    "description",
    "calculation_method",
    "statement",
    "rationale",
    "objective_statement",
    "text",
    "deviation_reason",
    "measures",
    "relevance",
    "effectiveness",
    "efficiency",
    "sustainability",
}
_NUMBERS = {Kind.DECIMAL, Kind.OPTIONAL_DECIMAL}
_WHOLE = {Kind.INTEGER, Kind.YEAR, Kind.OPTIONAL_YEAR}


def _title(record: Any) -> str:
    for name in ("name", "title", "short_title", "statement", "text"):
        value = getattr(record, name, "")
        if value:
            return str(value)
    if isinstance(record, records.Document):  # a document without a title of its own
        return f"{gettext(CHOICE_LABELS.get(record.kind.value, record.kind.value))} {record.year}"
    if isinstance(record, records.SPIndicatorValue):
        return format_exact(record.target, page_locale()) if record.target is not None else "-"
    return ""


def _rows(dataset: records.Dataset, k: RecordKind) -> list[dict[str, Any]]:
    rows = [
        {"key": key, "title": _title(record), "depth": len(ids) - 1, "record": record}
        for key, ids, record in entries(dataset, k)
    ]
    if k.slug != "gorev":
        return rows
    # Duties under their unit, units in their order, each unit's duties in theirs.
    order = {u.code: i for i, u in enumerate(sorted(dataset.units, key=lambda u: u.sort))}
    names = {u.code: u.name for u in dataset.units}
    rows.sort(key=lambda r: order.get(r["record"].unit, len(order)))
    for i, row in enumerate(rows):
        unit = row["record"].unit
        row["unit"] = f"{unit} · {names.get(unit, '')}"
        row["first"] = i == 0 or rows[i - 1]["record"].unit != unit
        row["last"] = i == len(rows) - 1 or rows[i + 1]["record"].unit != unit
        years = (row["record"].valid_from, row["record"].valid_to)
        row["years"] = "" if years == (None, None) else "–".join(str(y or "") for y in years)
    return rows


def _kind_label(k: RecordKind) -> str:
    """A kind's name in the person's language. "Hedef" is both an indicator's target and a
    strategic plan's objective; here it is the objective (English "Objective", not "Target")."""
    return pgettext("strategic plan", "Hedef") if k.slug == "hedef" else gettext(k.label)


def _field_label(k: RecordKind, name: str) -> str:
    if name == "objective":  # the strategic plan's objective an SP indicator belongs to
        return pgettext("strategic plan", "Hedef")
    return gettext(STRUCTURE_KIND_LABELS.get((k.slug, name), STRUCTURE_LABELS.get(name, name)))


@login_required
def structure(request: HttpRequest) -> HttpResponse:
    membership = require(request.user, Capability.STRUCTURE_VIEW)
    dataset = structure_read(user=request.user)
    sections = [
        {"kind": k, "label": _kind_label(k), "rows": _rows(dataset, k)} for k in KINDS.values()
    ]
    editable = can(membership, Capability.STRUCTURE_EDIT, None)
    return render(request, "karne/structure.html", {"sections": sections, "editable": editable})


def _choices(dataset: records.Dataset, spec: FieldSpec) -> list[tuple[str, str]] | None:
    """The options of a field that names another record (or takes one of an enum's values)."""
    if spec.enum is not None:
        return [(m.value, gettext(CHOICE_LABELS.get(m.value, m.value))) for m in spec.enum]
    options: list[tuple[str, str]]
    if spec.name in ("parent", "responsible_unit", "data_source") or spec.ref == "units":
        options = [(u.code, f"{u.code} · {u.name}") for u in dataset.units]
    elif spec.name == "sub_program":
        seen: dict[str, str] = {}
        for key, _ids, sub in entries(dataset, KINDS["alt-program"]):
            seen.setdefault(sub.code, f"{sub.code} · {sub.name} ({key.split('/')[0]})")
        options = list(seen.items())
    elif spec.name == "objective":
        options = [
            (o.code, f"{o.code} · {_title(o)}") for _, _, o in entries(dataset, KINDS["hedef"])
        ]
    elif spec.name in ("sp_indicator", "indicator"):
        options = [(i.code, f"{i.code} · {i.name}") for i in dataset.sp_indicators]
    else:
        return None
    required = spec.kind is not Kind.CODE
    return ([] if required else [("", "-")]) + options


def _shown(spec: FieldSpec, value: Any) -> str:
    """A stored value as the form shows it (numbers in the page's language, as it reads them)."""
    if value is None:
        return ""
    if spec.kind in _NUMBERS:
        return format_exact(value, page_locale())
    if spec.kind is Kind.BOOLEAN:
        return "true" if value else ""
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(getattr(value, "value", value))


def _codes_hint(dataset: records.Dataset) -> str:
    """How to list codes, with an example from the administration's own units."""
    codes = [u.code for u in dataset.units[:2]]
    if len(codes) < 2:
        return gettext("Kodları virgülle ayırın.")
    return gettext("Kodları virgülle ayırın (örnek: %(example)s).") % {"example": ", ".join(codes)}


def _fields(
    dataset: records.Dataset,
    k: RecordKind,
    record: Any,
    posted: QueryDict | None,
    errors: dict[str, list[str]],
    adding: bool,
) -> list[dict[str, Any]]:
    out = []
    for spec in field_specs(k.record):
        if spec.name not in k.fields():
            continue
        fixed = not adding and spec.name in k.fixed
        value = _shown(spec, getattr(record, spec.name)) if record is not None else ""
        if posted is not None and not fixed:
            value = posted.get(spec.name, "")
            if spec.kind is Kind.BOOLEAN:
                value = "true" if value else ""
        choices = _choices(dataset, spec)
        if fixed:
            widget = "fixed"
            # A fixed reference (a duty's unit) by its name too, as its select would offer it.
            value = dict(choices or ()).get(value, value) if value else value
        elif spec.kind is Kind.BOOLEAN:
            widget = "checkbox"
        elif choices is not None:
            widget = "select"
        elif spec.name in _LONG:
            widget = "textarea"
        else:
            widget = "input"
        hint = ""
        if spec.kind is Kind.CODES:
            hint = _codes_hint(dataset)
        elif spec.code_form is not None:
            hint = gettext("Örnek: %(example)s. Kayıttan sonra değiştirilemez.") % {
                "example": spec.code_form.example
            }
        elif spec.kind in (Kind.OPTIONAL_YEAR, Kind.OPTIONAL_DECIMAL) or spec.kind is Kind.CODE:
            hint = gettext("Boş bırakılabilir.")
        field_errors = errors.get(spec.name, [])
        described = " ".join(
            x
            for x in (
                f"hint-{spec.name}" if hint else "",
                f"error-{spec.name}" if field_errors else "",
            )
            if x
        )
        out.append(
            {
                "name": spec.name,
                "label": _field_label(k, spec.name),
                "widget": widget,
                "value": value,
                "choices": choices,
                "hint": hint,
                "errors": field_errors,
                "described": described,
                "inputmode": "decimal"
                if spec.kind in _NUMBERS
                else "numeric"
                if spec.kind in _WHOLE
                else "",
            }
        )
    return out


def _normalised(k: RecordKind, posted: QueryDict) -> dict[str, str]:
    """The posted fields, numbers typed the page's way rewritten as the dataset writes them
    (a number that does not read is passed on as typed, for the reader to refuse)."""
    data = {name: posted.get(name, "") for name in k.fields()}
    for spec in field_specs(k.record):
        if spec.kind in _NUMBERS and data.get(spec.name):
            try:
                number = parse_typed(data[spec.name])
            except BadNumber:
                continue
            data[spec.name] = "" if number is None else decimal_text(number)
    return data


def _form(
    request: HttpRequest,
    k: RecordKind,
    key: str | None,
    record: Any,
    dataset: records.Dataset,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    errors = errors or {}
    posted = request.POST if request.method == "POST" else None
    fields = _fields(dataset, k, record, posted, errors, key is None)
    under = (posted or request.GET).get("under", "")
    parent: dict[str, Any] | None = None
    if key is None and k.parent is not None:
        if k.parent == "yil":
            parent = {"label": gettext("Yıl"), "choices": None, "value": under}
        else:
            options = [
                (pk, f"{pk} · {_title(r)}") for pk, _, r in entries(dataset, KINDS[k.parent])
            ]
            parent_label = gettext("Bağlı olduğu kayıt: %(kind)s") % {
                "kind": _kind_label(KINDS[k.parent])
            }
            parent = {"label": parent_label, "choices": options, "value": under}
        parent["errors"] = errors.get("parent", [])
    labels = {f["name"]: f["label"] for f in fields} | {"parent": parent["label"] if parent else ""}
    error_list = [
        {
            "id": "" if name == "" else ("f-under" if name == "parent" and parent else f"f-{name}"),
            "label": labels.get(name, ""),
            "message": text,
        }
        for name, texts in errors.items()
        for text in texts
    ]
    return render(
        request,
        "karne/structure_form.html",
        {
            "kind": k,
            "kind_label": _kind_label(k),
            "key": key,
            "fields": fields,
            "parent": parent,
            "error_list": error_list,
        },
        status=status,
    )


@login_required
def structure_new(request: HttpRequest, kind: str) -> HttpResponse:
    require(request.user, Capability.STRUCTURE_EDIT)
    k = _kind(kind)
    dataset = structure_read(user=request.user)
    if request.method != "POST":
        return _form(request, k, None, None, dataset)
    try:
        structure_save(
            user=request.user,
            kind=kind,
            key=None,
            data=_normalised(k, request.POST),
            parent=request.POST.get("under", ""),
        )
    except Refused as exc:
        return _form(request, k, None, None, dataset, exc.errors, status=400)
    messages.success(request, gettext("Kaydedildi."))
    return redirect(reverse("structure") + f"#{k.slug}")


@login_required
def structure_edit(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    require(request.user, Capability.STRUCTURE_EDIT)
    k = _kind(kind)
    dataset = structure_read(user=request.user)
    found = locate(dataset, k, key)
    if found is None:
        raise Http404
    record = found[1]
    if request.method != "POST":
        return _form(request, k, key, record, dataset)
    try:
        structure_save(user=request.user, kind=kind, key=key, data=_normalised(k, request.POST))
    except Refused as exc:
        return _form(request, k, key, record, dataset, exc.errors, status=400)
    except NotFound:
        raise Http404 from None
    messages.success(request, gettext("Kaydedildi."))
    return redirect(reverse("structure") + f"#{k.slug}")


@login_required
@require_POST
def structure_remove(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    require(request.user, Capability.STRUCTURE_EDIT)
    k = _kind(kind)
    try:
        structure_delete(user=request.user, kind=kind, key=key)
    except NotFound:
        raise Http404 from None
    except Refused as exc:
        for texts in exc.errors.values():
            for text in texts:
                messages.error(request, gettext("Silinmedi: %(why)s") % {"why": text})
        return redirect("structure-edit", kind=kind, key=key)
    messages.success(request, gettext("Silindi."))
    return redirect(reverse("structure") + f"#{k.slug}")


@login_required
@require_POST
def structure_duty_move(request: HttpRequest, key: str) -> HttpResponse:
    """Move a duty one place up or down among its unit's duties (`direction=up|down`)."""
    require(request.user, Capability.STRUCTURE_EDIT)
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        messages.error(request, gettext("Yukarı ya da aşağı seçin."))
        return redirect(reverse("structure") + "#gorev")
    try:
        moved = duty_move(user=request.user, key=key, up=direction == "up")
    except NotFound:
        raise Http404 from None
    if moved:
        messages.success(request, gettext("Görevin sırası değişti."))
    else:
        messages.info(request, gettext("Görev zaten birimin görevlerinin başında ya da sonunda."))
    return redirect(reverse("structure") + "#gorev")


def _kind(slug: str) -> RecordKind:
    try:
        return kind_of(slug)
    except NotFound:
        raise Http404 from None
