"""Reads of the figures computed from the operational events: the proposal beside an entry, an
indicator's computed quarters with their provenance and breakdowns, the open restatements.

Views never see a `ComputedFigure` or a `Restatement`: they get the frozen records below, whose
provenance is read from the stored JSON with a default for every key it may lack (a figure
stored by an older `karne indicators compute` still shows)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language, gettext, gettext_lazy, to_locale

from karne.accounts.access import User, require
from karne.core.decimals import percent
from karne.core.definitions import UNKNOWN
from karne.core.periods import QUARTERS, PeriodCode
from karne.core.permissions import Capability
from karne.core.places import country_name, province_name
from karne.core.textcase import tr_sort_key
from karne.monitoring.models import ComputedFigure, Restatement, RestatementState
from karne.planning.models import PPIndicator

SHORT = 12  # characters of a fingerprint shown (after its "sha256:")


def short_hash(text: str) -> str:
    """ "sha256:3f2a…" cut to its first characters: enough to tell two apart on a page."""
    _, _, digest = text.rpartition(":")
    return digest[:SHORT]


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def _count(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        return int(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class Provenance:
    """How a figure was computed: enough for anyone to run it again."""

    definition: str
    definition_hash: str
    query: str
    engine: str
    engine_version: str
    ibis_version: str
    source: str
    source_fingerprint: str
    source_files: int | None
    source_rows: int | None
    matched_rows: int | None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Provenance:
        files = data.get("source_files")
        return cls(
            definition=_text(data, "definition"),
            definition_hash=_text(data, "definition_hash"),
            query=_text(data, "query"),
            engine=_text(data, "engine"),
            engine_version=_text(data, "engine_version"),
            ibis_version=_text(data, "ibis_version"),
            source=_text(data, "source"),
            source_fingerprint=_text(data, "source_fingerprint"),
            source_files=len(files) if isinstance(files, list) else _count(data, "source_files"),
            source_rows=_count(data, "source_rows"),
            matched_rows=_count(data, "matched_rows"),
        )


@dataclass(frozen=True)
class Proposal:
    """A quarter's computed figure, as the entry form and the indicator page show it."""

    indicator: str
    year: int
    period: PeriodCode
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    definition: str
    definition_hash: str
    fingerprint: str
    computed_at: datetime.datetime
    provenance: Provenance

    @property
    def fingerprint_short(self) -> str:
        return short_hash(self.fingerprint)

    @property
    def hash_short(self) -> str:
        return short_hash(self.definition_hash)

    @property
    def trail_note(self) -> str:
        """What the change trail says of an entry that takes this figure (stored as written,
        like every trail reason)."""
        return f"hesaplanan değer kabul edildi ({self.definition}, {self.fingerprint_short})"

    def matches(
        self, value: Decimal | None, numerator: Decimal | None, denominator: Decimal | None
    ) -> bool:
        """Whether an entry is this figure: its value, or a ratio's parts when the entry
        leaves the value to them."""
        if value is not None and self.value is not None:
            return value == self.value
        if value is None and numerator is not None and self.numerator is not None:
            return (numerator, denominator) == (self.numerator, self.denominator)
        return value is None and self.value is None


def _proposal(figure: ComputedFigure, code: str) -> Proposal:
    return Proposal(
        indicator=code,
        year=figure.year,
        period=PeriodCode(figure.period),
        value=figure.value,
        numerator=figure.numerator,
        denominator=figure.denominator,
        definition=figure.definition,
        definition_hash=figure.definition_hash,
        fingerprint=figure.fingerprint,
        computed_at=figure.computed_at,
        provenance=Provenance.of(figure.provenance if isinstance(figure.provenance, dict) else {}),
    )


def proposals_for(
    indicators: Collection[PPIndicator], year: int, period: PeriodCode
) -> dict[int, Proposal]:
    """The proposals of these indicators for one period, by indicator id (one query)."""
    codes = {i.pk: i.code for i in indicators}
    found = ComputedFigure.objects.filter(indicator_id__in=codes, year=year, period=period.value)
    return {f.indicator_id: _proposal(f, codes[f.indicator_id]) for f in found.defer("breakdowns")}


# The breakdowns' catalogue (karne.core.definitions.BREAKDOWNS), in the order the page shows.
BREAKDOWN_LABELS = {
    "province": gettext_lazy("İl"),
    "nationality": gettext_lazy("Uyruk"),
    "sex": gettext_lazy("Cinsiyet"),
    "age_band": gettext_lazy("Yaş grubu"),
}
_SEX = {"F": gettext_lazy("Kadın"), "M": gettext_lazy("Erkek")}


def breakdown_label(dimension: str, key: str) -> str:
    """A breakdown's line as a person reads it: "Bilinmiyor" for a missing value, the sexes
    by name, a province or a nationality by its name with its code ("İstanbul (34)", "Suriye
    (SYR)", the country in the page's language), other values (age bands) as computed."""
    if key == UNKNOWN:
        return gettext("Bilinmiyor")
    if dimension == "sex" and key in _SEX:
        return str(_SEX[key])
    name = None
    if dimension == "province":
        name = province_name(key)
    elif dimension == "nationality":
        name = country_name(key, to_locale(get_language() or "tr"))
    return f"{name} ({key})" if name else key


@dataclass(frozen=True)
class Breakdown:
    dimension: str
    label: str
    lines: tuple[tuple[str, Decimal], ...]  # (label, value), the largest first
    # A ratio's breakdown instead: (label, numerator, denominator), the largest group first.
    parts: tuple[tuple[str, Decimal, Decimal], ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((v for _, v in self.lines), Decimal(0))

    @property
    def rows(self) -> tuple[tuple[str, Decimal, Decimal | None], ...]:
        """Each line with its share of the total in per cent (None when the total is 0)."""
        total = self.total
        return tuple(
            (label, value, value * 100 / total if total else None) for label, value in self.lines
        )

    @property
    def ratio_rows(self) -> tuple[tuple[str, Decimal, Decimal, Decimal | None], ...]:
        """A ratio's groups, each with its own share (None when its denominator is 0)."""
        return tuple((label, n, d, percent(n, d)) for label, n, d in self.parts)

    @property
    def ratio_total(self) -> tuple[Decimal, Decimal, Decimal | None]:
        """Over every group: Σ numerators, Σ denominators and their quotient."""
        n = sum((n for _, n, _ in self.parts), Decimal(0))
        d = sum((d for _, _, d in self.parts), Decimal(0))
        return n, d, percent(n, d)


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def breakdowns_of(data: object) -> tuple[Breakdown, ...]:
    """The stored breakdowns, each sorted by value (largest first), then by label in Turkish
    alphabetical order; dimensions in the catalogue's order, then any other."""
    if not isinstance(data, dict):
        return ()
    order = list(BREAKDOWN_LABELS)
    dimensions = sorted(
        (d for d, v in data.items() if isinstance(v, dict)),
        key=lambda d: (order.index(d) if d in order else len(order), d),
    )
    out = []
    for dimension in dimensions:
        lines, parts = [], []
        for key, raw in data[dimension].items():
            name = breakdown_label(dimension, str(key))
            if isinstance(raw, dict):  # a ratio's group
                n, d = _number(raw.get("numerator")), _number(raw.get("denominator"))
                if n is not None and d is not None:
                    parts.append((name, n, d))
            elif (value := _number(raw)) is not None:
                lines.append((name, value))
        lines.sort(key=lambda line: (-line[1], tr_sort_key(line[0])))
        parts.sort(key=lambda part: (-part[2], tr_sort_key(part[0])))
        label = BREAKDOWN_LABELS.get(dimension)
        shown = str(label) if label else dimension
        out.append(Breakdown(dimension, shown, tuple(lines), tuple(parts)))
    return tuple(out)


@dataclass(frozen=True)
class ComputedQuarter:
    """An indicator's computed figure of one quarter on its page, beside what was entered."""

    period: PeriodCode
    proposal: Proposal
    entered: Decimal | None
    breakdowns: tuple[Breakdown, ...]

    @property
    def differs(self) -> bool:
        return self.entered is not None and not self.proposal.matches(self.entered, None, None)


def computed_quarters(
    indicator: PPIndicator, entered: Mapping[PeriodCode, Decimal | None]
) -> list[ComputedQuarter]:
    """The indicator's computed figures of its year, quarter by quarter (`entered`: what each
    quarter holds, from the page's own read of the realizations)."""
    found = {
        PeriodCode(f.period): f
        for f in ComputedFigure.objects.filter(indicator=indicator, year=indicator.year)
    }
    return [
        ComputedQuarter(
            q,
            _proposal(found[q], indicator.code),
            entered.get(q),
            breakdowns_of(found[q].breakdowns),
        )
        for q in QUARTERS
        if q in found
    ]


@dataclass(frozen=True)
class RestatementRow:
    """An open restatement as the strategy unit's list shows it."""

    id: int
    indicator: str
    name: str
    year: int
    period: PeriodCode
    stored: Decimal | None
    computed: Decimal | None
    found_at: datetime.datetime
    fingerprint: str
    definition: str

    @property
    def difference(self) -> Decimal | None:
        if self.stored is None or self.computed is None:
            return None
        return self.computed - self.stored

    @property
    def fingerprint_short(self) -> str:
        return short_hash(self.fingerprint)


def open_restatements(user: User) -> list[RestatementRow]:
    """The administration's open restatements, oldest first (`restatement.decide`)."""
    membership = require(user, Capability.RESTATEMENT_DECIDE)
    found = (
        Restatement.objects.filter(
            state=RestatementState.OPEN,
            figure__indicator__sub_program__program__administration=membership.administration,
        )
        .select_related("figure__indicator")
        .order_by("found_at", "pk")
    )
    return [
        RestatementRow(
            id=r.pk,
            indicator=r.figure.indicator.code,
            name=r.figure.indicator.name,
            year=r.figure.year,
            period=PeriodCode(r.figure.period),
            stored=r.stored,
            computed=r.computed,
            found_at=r.found_at,
            fingerprint=r.fingerprint,
            definition=r.figure.definition,
        )
        for r in found
    ]
