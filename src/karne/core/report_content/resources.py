"""Resource tables and charts: physical spaces, IT inventory, staff by type, gender, education.

Totals are sums of the dataset's resource rows (staff: `core.staff`, the totals the audit checks);
the printed totals of the old documents are never read.
"""

from __future__ import annotations

from decimal import Decimal

from karne.core.decimals import ZERO
from karne.core.formatting import format_number
from karne.core.records import ResourceCategory
from karne.core.report_content.cells import number, row, text
from karne.core.report_content.context import ReportContext
from karne.core.report_content.model import (
    Chart,
    ChartKind,
    Column,
    Figure,
    Fmt,
    Paragraph,
    Row,
    RowKind,
    Series,
    Table,
)
from karne.core.textcase import tr_lower

STAFF_TYPES = (
    ("kadro", "Dolu Kadro"),
    ("gecici", "Geçici Personel"),
    ("sozlesmeli", "Sözleşmeli Personel"),
    ("isci", "Kadrolu İşçi"),
    ("hizmet_alimi", "Hizmet Alımı"),
)
LOCATIONS = (("merkez", "Merkez Teşkilatı"), ("tasra", "Taşra Teşkilatı"))
GENDERS = {"kadin": "Kadın", "erkek": "Erkek"}
EDUCATION = (
    ("ilkogretim", "İlköğretim"),
    ("lise", "Lise"),
    ("on_lisans", "Ön Lisans"),
    ("lisans", "Lisans"),
    ("yuksek_lisans", "Yüksek Lisans"),
    ("doktora", "Doktora"),
)


def physical_table(ctx: ReportContext, title: str) -> Table | None:
    items = ctx.resources(ResourceCategory.PHYSICAL)
    if not items:
        return None
    return Table(
        key="resources.physical",
        title=title,
        columns=(
            Column("Mekân / Varlık", width=4),
            Column("Mevcut", Fmt.NUMBER),
            Column("Birim"),
            Column("Kapasite / Açıklama", width=3),
        ),
        rows=tuple(row(text(r.item), number(r.value), text(r.unit), text(r.note)) for r in items),
    )


def it_total(ctx: ReportContext) -> Decimal:
    """The inventory's total as the evaluation has it (a text citing `[[bilisim:toplam]]`
    prints the same)."""
    return ctx.evaluation.it_total_of(ctx.document.code) or ZERO


def it_table(ctx: ReportContext) -> Table | None:
    items = ctx.resources(ResourceCategory.IT)
    if not items:
        return None
    rows = [row(text(r.item), number(r.value)) for r in items]
    rows.append(row(text("Toplam"), number(it_total(ctx)), kind=RowKind.TOTAL))
    return Table(
        key="resources.it",
        title="Bilgi Teknolojileri Envanteri",
        columns=(Column("Envanter", width=3), Column("Adet", Fmt.NUMBER)),
        rows=tuple(rows),
    )


def it_figure(ctx: ReportContext) -> Figure | None:
    items = ctx.resources(ResourceCategory.IT)
    if not items:
        return None
    return Figure(
        key="resources.it",
        title="Bilgi Teknolojileri Envanteri",
        chart=Chart(
            ChartKind.HBAR,
            tuple(r.item for r in items),
            (Series("Adet", tuple(r.value for r in items)),),
            axis_label=f"Adet (toplam {format_number(it_total(ctx))})",
        ),
    )


def staff_table(ctx: ReportContext) -> Table | None:
    staff = ctx.evaluation.staff_of(ctx.document.code)
    if staff.total is None:
        return None
    rows: list[Row] = []
    for loc, label in LOCATIONS:
        rows.append(
            row(
                text(label),
                *(number(staff.count(loc, t)) for t, _ in STAFF_TYPES),
                number(_or_zero(staff.location_total(loc))),
            )
        )
    rows.append(
        row(
            text("Toplam"),
            *(number(_or_zero(staff.type_total(t))) for t, _ in STAFF_TYPES),
            number(staff.total),
            kind=RowKind.TOTAL,
        )
    )
    return Table(
        key="resources.staff",
        title="Merkez ve Taşra Teşkilatı Personel Sayıları",
        columns=(
            Column("Birim", width=2),
            *(Column(label, Fmt.NUMBER) for _, label in STAFF_TYPES),
            Column("Genel Toplam", Fmt.NUMBER),
        ),
        rows=tuple(rows),
    )


def staff_sentence(ctx: ReportContext) -> Paragraph | None:
    """The staff figures of the text: the same totals as the table's last row."""
    staff = ctx.evaluation.staff_of(ctx.document.code)
    if staff.total is None:
        return None
    parts = [
        f"{format_number(_or_zero(staff.type_total(t)))} {tr_lower(label)}"
        for t, label in STAFF_TYPES
    ]
    return Paragraph(
        f"Merkez ve taşra teşkilatında {', '.join(parts)} olmak üzere toplam "
        f"{format_number(staff.total)} personel görev yapmaktadır."
    )


def _or_zero(value: Decimal | None) -> Decimal:
    return ZERO if value is None else value


def _gender_label(item: str) -> str:
    if item in GENDERS:
        return GENDERS[item]
    suffix = item.partition("_")[2]
    return f"Belirtilmemiş {suffix}".strip()


def _distribution(
    ctx: ReportContext, category: ResourceCategory
) -> tuple[tuple[str, Decimal], ...]:
    items = ctx.resources(category)
    if category is ResourceCategory.STAFF_GENDER:
        return tuple((_gender_label(r.item), r.value) for r in items)
    labels = dict(EDUCATION)
    return tuple((labels.get(r.item, r.item), r.value) for r in items)


_DIST_TITLES = {
    ResourceCategory.STAFF_GENDER: (
        "Merkez Teşkilatı Cinsiyet Durumuna Göre Personel Dağılımı",
        "Cinsiyet",
    ),
    ResourceCategory.STAFF_EDUCATION: (
        "Merkez Teşkilatı Öğrenim Durumuna Göre Personel Dağılımı",
        "Öğrenim Durumu",
    ),
}


def distribution_table(ctx: ReportContext, category: ResourceCategory) -> Table | None:
    pairs = _distribution(ctx, category)
    if not pairs:
        return None
    title, head = _DIST_TITLES[category]
    rows = [row(text(label), number(value)) for label, value in pairs]
    rows.append(row(text("Toplam"), number(sum((v for _, v in pairs), ZERO)), kind=RowKind.TOTAL))
    return Table(
        key=f"resources.{category.value}",
        title=title,
        columns=(Column(head, width=3), Column("Sayı", Fmt.NUMBER)),
        rows=tuple(rows),
    )


def distribution_figure(ctx: ReportContext, category: ResourceCategory) -> Figure | None:
    """The distribution as a chart; none for a gender split none of whose shares says which
    gender it is: a ring of "Belirtilmemiş" shares tells a reader nothing."""
    pairs = _distribution(ctx, category)
    if not pairs:
        return None
    if category is ResourceCategory.STAFF_GENDER and not any(
        r.item in GENDERS for r in ctx.resources(category)
    ):
        return None
    title, _head = _DIST_TITLES[category]
    total = sum((v for _, v in pairs), ZERO)
    kind = ChartKind.PIE if category is ResourceCategory.STAFF_GENDER else ChartKind.HBAR
    return Figure(
        key=f"resources.{category.value}",
        title=title,
        chart=Chart(
            kind,
            tuple(label for label, _ in pairs),
            (Series("Personel", tuple(v for _, v in pairs)),),
            axis_label=f"Toplam {format_number(total)} personel",
        ),
    )
