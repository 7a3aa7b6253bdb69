"""Staff counts of a document, recorded as "<location>.<type>" resource rows.

The staff table, the staff sentence and the audit of both read these totals, so that a figure
the report prints is the figure the audit expects; every recorded row counts, including a
location or type no table has a column for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from karne.core.budget import sum_by
from karne.core.decimals import ZERO
from karne.core.records import Resource, ResourceCategory


@dataclass(frozen=True)
class StaffCounts:
    counts: tuple[tuple[str, Decimal], ...]  # "<location>.<type>" → count, in recorded order

    def count(self, location: str, kind: str) -> Decimal:
        """One cell; a combination that was not recorded is zero."""
        return dict(self.counts).get(f"{location}.{kind}", ZERO)

    def location_total(self, location: str) -> Decimal | None:
        """Every type at one location; None when nothing is recorded there."""
        return self._sum(item for item, _ in self.counts if item.startswith(location + "."))

    def type_total(self, kind: str) -> Decimal | None:
        """One type at every location; None when nothing of it is recorded."""
        return self._sum(item for item, _ in self.counts if item.endswith("." + kind))

    @property
    def total(self) -> Decimal | None:
        return self._sum(item for item, _ in self.counts)

    def _sum(self, items: Iterable[str]) -> Decimal | None:
        wanted = set(items)
        if not wanted:
            return None
        return sum((value for item, value in self.counts if item in wanted), ZERO)


def staff_counts(resources: Iterable[Resource], document: str) -> StaffCounts:
    """The document's staff rows, summed where the same item is recorded twice."""
    rows = (
        (r.item, r.value)
        for r in resources
        if r.document == document and r.category is ResourceCategory.STAFF
    )
    return StaffCounts(tuple(sum_by(rows, ZERO).items()))
