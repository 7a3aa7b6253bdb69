"""Budget arithmetic: appropriations, spending, rates and the roll-up of totals.

Every total is the sum of its parts (activities → sub-program → program → administration,
economic codes → total, units → total); `sum_by` is the one place that adds them up.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from karne.core.decimals import ZERO, percent

ECONOMIC_CODES: dict[str, str] = {
    "01": "Personel Giderleri",
    "02": "Sosyal Güvenlik Kurumuna Devlet Primi Giderleri",
    "03": "Mal ve Hizmet Alım Giderleri",
    "04": "Faiz Giderleri",
    "05": "Cari Transferler",
    "06": "Sermaye Giderleri",
    "07": "Sermaye Transferleri",
    "08": "Borç Verme",
    "09": "Yedek Ödenekler",
}
# The KBÖ's split as the documents state it: cari is personel, SGK, mal ve hizmet alımı, faiz
# and cari transferler; yatırım is sermaye giderleri and sermaye transferleri. 08 borç verme (a
# loan) and 09 yedek ödenekler are neither.
CURRENT_CODES = frozenset({"01", "02", "03", "04", "05"})
INVESTMENT_CODES = frozenset({"06", "07"})


# The row codes of the totals the tables print (and the printed layer records): a programme, unit
# or any other record coded like one of them would be rolled up into itself, so no code may be.
GRAND_TOTAL = "GENEL_TOPLAM"
INTERNAL_TOTAL = "BUTCE_ICI_TOPLAM"
EXTERNAL_TOTAL = "BUTCE_DISI_TOPLAM"
TOTAL_KEYS = frozenset({"TOPLAM", GRAND_TOTAL, INTERNAL_TOTAL, EXTERNAL_TOTAL})


class BudgetSource(StrEnum):
    BUTCE_ICI = "butce_ici"
    DONER_SERMAYE = "doner_sermaye"
    OZEL_HESAP = "ozel_hesap"
    DIGER = "diger"

    @property
    def is_internal(self) -> bool:
        return self is BudgetSource.BUTCE_ICI

    @property
    def label_tr(self) -> str:
        return _SOURCE_LABELS[self]


EXTERNAL_SOURCES = (BudgetSource.DONER_SERMAYE, BudgetSource.OZEL_HESAP, BudgetSource.DIGER)

_SOURCE_LABELS = {
    BudgetSource.BUTCE_ICI: "Bütçe İçi",
    BudgetSource.DONER_SERMAYE: "Döner Sermaye",
    BudgetSource.OZEL_HESAP: "Özel Hesap",
    BudgetSource.DIGER: "Diğer Bütçe Dışı Kaynak",
}


@dataclass(frozen=True)
class ExecutionLine:
    """One row of a budget execution table (FR Tablo 5, 6, 7)."""

    kbo: Decimal
    total_appropriation: Decimal
    spent: Decimal
    added: Decimal | None = None
    deducted: Decimal | None = None

    @classmethod
    def from_movements(
        cls, kbo: Decimal, added: Decimal, deducted: Decimal, spent: Decimal
    ) -> ExecutionLine:
        """Toplam ödenek = KBÖ + eklenen − düşülen."""
        return cls(kbo, kbo + added - deducted, spent, added, deducted)

    @property
    def remaining(self) -> Decimal:
        return self.total_appropriation - self.spent

    @property
    def realization_rate(self) -> Decimal | None:
        """Harcama / toplam ödenek × 100; None ("-") when nothing was appropriated."""
        return percent(self.spent, self.total_appropriation)

    @property
    def spent_to_kbo_rate(self) -> Decimal | None:
        """ "Gerçekleşme/Ödenek": harcama / KBÖ × 100."""
        return percent(self.spent, self.kbo)

    def __add__(self, other: ExecutionLine) -> ExecutionLine:
        return ExecutionLine(
            self.kbo + other.kbo,
            self.total_appropriation + other.total_appropriation,
            self.spent + other.spent,
            _add_optional(self.added, other.added),
            _add_optional(self.deducted, other.deducted),
        )


EMPTY_LINE = ExecutionLine(ZERO, ZERO, ZERO, ZERO, ZERO)


def _add_optional(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


def increase_rate(old: Decimal, new: Decimal) -> Decimal | None:
    """Year-on-year increase (new / old − 1) × 100; None when the old value is zero."""
    return percent(new - old, old)


K = TypeVar("K", bound=Hashable)
V = TypeVar("V", Decimal, ExecutionLine)


def sum_by(items: Iterable[tuple[K, V]], zero: V) -> dict[K, V]:
    """Add up values by key, keeping the order in which keys first appear."""
    totals: dict[K, V] = {}
    for key, value in items:
        totals[key] = totals.get(key, zero) + value
    return totals


def ancestors(key: K, parent_of: Callable[[K], K | None]) -> list[K]:
    """The key and the keys above it, nearest first.

    A hierarchy that leads back to a key already on the way (a programme coded `GENEL_TOPLAM`
    is its own parent) raises ValueError: walking it would never end. The reader refuses such
    data; this keeps the core from hanging on data that reached it another way."""
    chain = [key]
    seen = {key}
    parent = parent_of(key)
    while parent is not None:
        if parent in seen:
            raise ValueError(f"the hierarchy above {key!r} leads back to {parent!r}")
        chain.append(parent)
        seen.add(parent)
        parent = parent_of(parent)
    return chain


def roll_up(leaves: dict[K, V], parent_of: Callable[[K], K | None], zero: V) -> dict[K, V]:
    """Totals for every ancestor of the leaves as well as the leaves themselves."""
    totals: dict[K, V] = dict(leaves)
    for key, value in leaves.items():
        for parent in ancestors(key, parent_of)[1:]:
            totals[parent] = totals.get(parent, zero) + value
    return totals
