"""The parts every document shares: cover, abbreviations, organisation, aims, dates."""

from __future__ import annotations

from karne.core.records import UnitLocation
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import Cover, Definitions
from karne.core.textcase import tr_sort_key, tr_upper


def cover(ctx: ReportContext) -> Cover:
    admin = ctx.dataset.administration
    above = ["T.C."]
    if admin.parent:
        above.append(tr_upper(admin.parent.removeprefix("T.C. ")))
    above.append(ctx.admin_upper)
    below = [admin.address] if admin.address else []
    if ctx.document.date:  # the document's own date, never the day it was generated on
        below.append(ctx.document.date)
    return Cover(tuple(above), tr_upper(ctx.document.title), ctx.year, tuple(below))


def abbreviations(ctx: ReportContext) -> tuple[tuple[str, str], ...]:
    """The document's abbreviations (all of them when none is tied to a document)."""
    items = ctx.dataset.administration.abbreviations
    mine = [a for a in items if ctx.document.code in a.documents]
    chosen = mine or [a for a in items if not a.documents]
    return tuple(sorted(((a.code, a.meaning) for a in chosen), key=lambda p: tr_sort_key(p[0])))


def organisation(ctx: ReportContext) -> Definitions | None:
    """Central units with their departments; then provincial, abroad and boards."""
    units = sorted(ctx.dataset.units, key=lambda u: u.sort)
    root = next((u.code for u in units if u.parent is None), None)
    items: list[tuple[str, str]] = []
    for unit in units:
        if unit.parent != root or unit.code == root:
            continue
        children = [u.name for u in units if u.parent == unit.code]
        kind = {UnitLocation.PROVINCIAL: " (taşra)", UnitLocation.ABROAD: " (yurt dışı)"}.get(
            unit.location, ""
        )
        items.append((unit.name + kind, ", ".join(children)))
    return Definitions(tuple(items)) if items else None


def aims(ctx: ReportContext) -> Definitions | None:
    """The strategic plan's aims, each with its objectives' short titles."""
    items = [
        (
            f"{aim.code} {tr_upper(aim.title)}",
            "; ".join(f"{o.code} {o.short_title or o.statement}" for o in aim.objectives),
        )
        for plan in ctx.dataset.strategic_plans
        if plan.start_year <= ctx.year <= plan.end_year
        for aim in plan.aims
    ]
    return Definitions(tuple(items)) if items else None
