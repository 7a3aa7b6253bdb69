"""The parts every document shares: cover, abbreviations, organisation, aims, dates."""

from __future__ import annotations

from karne.core.records import Unit, UnitLocation
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import (
    Block,
    BulletList,
    Chart,
    ChartKind,
    Cover,
    Definitions,
    Figure,
    Paragraph,
)
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


def units_of_year(ctx: ReportContext) -> list[Unit]:
    """The units that exist in the year of the document's organisation, in their order: a unit
    founded later or closed earlier is not in that year's organisation."""
    year = ctx.organisation_year
    return sorted((u for u in ctx.dataset.units if u.exists_in(year)), key=lambda u: u.sort)


def duties_of(ctx: ReportContext, unit: str) -> tuple[str, ...]:
    """A unit's duties in the year of the document's organisation, in their order."""
    year = ctx.organisation_year
    return tuple(d.text for d in ctx.dataset.duties if d.unit == unit and d.exists_in(year))


def administration_duties(ctx: ReportContext) -> BulletList | None:
    """The administration's duties: its top unit's of the year (`duties.csv`), else the undated
    list of `administration.yaml`."""
    top = next((u.code for u in units_of_year(ctx) if u.parent is None), None)
    dated = top is not None and any(d.unit == top for d in ctx.dataset.duties)
    duties = duties_of(ctx, top) if top is not None and dated else ctx.dataset.administration.duties
    return BulletList(duties) if duties else None


def services(ctx: ReportContext) -> tuple[Block, ...]:
    """Each unit of the year under the top one with its duties ("Sunulan Hizmetler")."""
    blocks: list[Block] = []
    for unit in units_of_year(ctx):
        if unit.parent is None:
            continue
        duties = duties_of(ctx, unit.code)
        if duties:
            blocks.extend((Paragraph(unit.name, emphasis=True), BulletList(duties)))
    return tuple(blocks)


def organisation_chart(ctx: ReportContext) -> Figure | None:
    """The organisation chart drawn from the year's units, every level (the units under the
    top one, each with the units under it)."""
    units = units_of_year(ctx)
    if len(units) < 2:
        return None
    index = {u.code: i for i, u in enumerate(units)}
    parents = tuple(index.get(u.parent, -1) if u.parent else -1 for u in units)
    chart = Chart(ChartKind.ORG, tuple(u.name for u in units), (), parents=parents)
    return Figure("organisation.chart", "Organizasyon Şeması", chart)


def organisation(ctx: ReportContext) -> Definitions | None:
    """Central units with their departments; then provincial, abroad and boards."""
    units = units_of_year(ctx)
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


def plan_at_a_glance(ctx: ReportContext) -> Figure | None:
    """ "Bir Bakışta" the strategic plan of the year: the mission, the vision, the values and
    every aim with its objectives, on one page."""
    plan = next(
        (p for p in ctx.dataset.strategic_plans if p.start_year <= ctx.year <= p.end_year), None
    )
    if plan is None or not plan.aims:
        return None
    admin = ctx.dataset.administration
    blocks = (
        ("MİSYONUMUZ", (admin.mission,) if admin.mission else ()),
        ("VİZYONUMUZ", (admin.vision,) if admin.vision else ()),
        ("TEMEL DEĞERLERİMİZ", admin.values),
        *(
            (
                f"{aim.code} {tr_upper(aim.title)}",
                tuple(f"{o.code} {o.short_title or o.statement}" for o in aim.objectives),
            )
            for aim in plan.aims
        ),
    )
    chart = Chart(ChartKind.GLANCE, (), (), axis_label=tr_upper(plan.title), blocks=blocks)
    return Figure("plan.glance", f"Bir Bakışta {plan.title}", chart)


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
