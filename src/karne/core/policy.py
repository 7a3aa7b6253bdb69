"""Policy choices that the rules leave to each administration.

The Performance Program Monitoring Guide fixes the status bands; capping, rounding and the
treatment of edge cases are policy. They live in one frozen object, loaded from the dataset's
`administration.yaml`, so that a different administration can choose differently without code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from karne.core.decimals import check_magnitude
from karne.core.textcase import tr_lower


class LessIsBetterRule(StrEnum):
    """How the realization rate is computed where a smaller value is better."""

    TARGET_OVER_ACTUAL = "target_over_actual"  # target / actual × 100
    MIRROR = "mirror"  # (2 − actual / target) × 100: symmetric around 100


class EqualTargetRule(StrEnum):
    """Strategic-plan performance when target (B) equals baseline (A): the formula divides by 0."""

    ACHIEVED_IF_REACHED = (
        "achieved_if_reached"  # 100 if C has reached B in the good direction, else 0
    )
    UNDEFINED = "undefined"  # no performance figure ("-")


@dataclass(frozen=True)
class Policy:
    status_partial_from: Decimal = Decimal(80)
    status_full_at: Decimal = Decimal(100)
    rate_places: int = 2
    status_on_rounded_rate: bool = True
    less_is_better: LessIsBetterRule = LessIsBetterRule.TARGET_OVER_ACTUAL
    ratio_scale: Decimal = Decimal(100)
    sp_clamp: bool = True
    sp_missing_baseline_is_zero: bool = True
    sp_equal_target: EqualTargetRule = EqualTargetRule.ACHIEVED_IF_REACHED
    sp_places: int = 0
    budget_rate_places: int = 2
    pace_tolerance: Decimal = Decimal("0.10")
    # Plausibility (core/plausibility.py): the units of measure that make a flow or stock a
    # count (never negative), and the words that make a ratio a rate of change (may be negative
    # or beyond 100 %). Compared in Turkish lower case.
    count_units: tuple[str, ...] = ("sayı", "adet", "kişi")
    change_rate_words: tuple[str, ...] = ("artış", "azalış", "değişim")

    def to_mapping(self) -> dict[str, Any]:
        """The policy as plain YAML-able values, every field, in declaration order."""
        out: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if isinstance(value, Decimal | StrEnum):
                value = str(value)
            elif isinstance(value, tuple):
                value = list(value)
            out[field.name] = value
        return out

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Policy:
        """Build a policy from a mapping; unknown keys or bad values raise ValueError."""
        known = {field.name: field for field in fields(cls)}
        unknown = sorted(set(data) - set(known))
        if unknown:
            raise ValueError(f"unknown policy setting(s): {', '.join(unknown)}")
        default = cls()
        changes: dict[str, Any] = {}
        for name, raw in data.items():
            current = getattr(default, name)
            changes[name] = _coerce(name, raw, current)
        return replace(default, **changes)


def _coerce(name: str, raw: Any, current: Any) -> Any:
    if isinstance(current, tuple):
        if not isinstance(raw, list | tuple) or not all(
            isinstance(word, str) and word.strip() for word in raw
        ):
            raise ValueError(f"policy {name}: expected a list of words, found {str(raw)[:40]!r}")
        return tuple(tr_lower(word.strip()) for word in raw)
    if isinstance(current, bool):
        if not isinstance(raw, bool):
            raise ValueError(f"policy {name}: expected true or false, found {raw!r}")
        return raw
    if isinstance(current, StrEnum):
        enum_type = type(current)
        try:
            return enum_type(str(raw))
        except ValueError:
            allowed = ", ".join(member.value for member in enum_type)
            raise ValueError(f"policy {name}: expected one of {allowed}, found {raw!r}") from None
    if isinstance(current, int):
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
            raise ValueError(f"policy {name}: expected a whole number ≥ 0, found {raw!r}")
        return raw
    try:
        return check_magnitude(Decimal(str(raw)))
    except (ArithmeticError, ValueError):
        shown = str(raw)[:40]
        raise ValueError(
            f"policy {name}: expected a finite number of at most 30 digits, found {shown!r}"
        ) from None
