"""Column schemas of the CSV files, in the order the writer emits them."""

from __future__ import annotations

from karne.core.budget import BudgetSource
from karne.core.indicators import Direction, IndicatorKind
from karne.core.periods import PeriodCode
from karne.core.records import CostMeasure, ResourceCategory, UnitLocation, ValueMeasure
from karne.dataformat import values as v
from karne.dataformat.csvfiles import Column

C = Column

UNITS = (
    C("code", v.required_text),
    C("name", v.required_text),
    C("parent", v.optional_code),
    C("location", v.enum(UnitLocation)),
    C("is_spending_unit", v.boolean),
    C("sort", v.integer),
)
SP_INDICATORS = (
    C("code", v.required_text),
    C("objective", v.required_text),
    C("name", v.required_text),
    C("unit", v.text),
    C("weight", v.decimal),
    C("baseline", v.optional_decimal),
    C("direction", v.enum(Direction)),
    C("sort", v.integer),
)
SP_INDICATOR_VALUES = (
    C("indicator", v.required_text),
    C("year", v.year),
    C("target", v.optional_decimal),
    C("actual", v.optional_decimal),
)
PP_INDICATORS = (
    C("code", v.required_text),
    C("year", v.year),
    C("sub_program", v.required_text),
    C("sort", v.integer),
    C("name", v.required_text),
    C("unit", v.required_text),
    C("kind", v.enum(IndicatorKind)),
    C("direction", v.enum(Direction)),
    C("description", v.text),
    C("calculation_method", v.text),
    C("data_source", v.optional_code),
    C("responsible_administration", v.text),
    C("responsible_unit", v.optional_code),
    C("sp_indicator", v.optional_code),
)
PP_INDICATOR_VALUES = (
    C("indicator", v.required_text),
    C("year", v.year),
    C("measure", v.enum(ValueMeasure)),
    C("value", v.decimal),
    C("source", v.required_text),
)
REALIZATIONS = (
    C("indicator", v.required_text),
    C("year", v.year),
    C("period", v.enum(PeriodCode)),
    C("value", v.optional_decimal),
    C("numerator", v.optional_decimal),
    C("denominator", v.optional_decimal),
    C("explanation", v.text),
)
ACTIVITY_COSTS = (
    C("year", v.year),
    C("activity", v.required_text),
    C("economic_code", v.required_text),
    C("source", v.enum(BudgetSource)),
    C("measure", v.enum(CostMeasure)),
    C("amount", v.decimal),
    C("document", v.required_text),
)
BUDGET_ECONOMIC = (
    C("year", v.year),
    C("economic_code", v.required_text),
    C("source", v.enum(BudgetSource)),
    C("kbo", v.decimal),
    C("added", v.optional_decimal),
    C("deducted", v.optional_decimal),
    C("spent", v.optional_decimal),
    C("document", v.required_text),
)
BUDGET_ACTIVITY = (
    C("year", v.year),
    C("activity", v.required_text),
    C("kbo", v.decimal),
    C("total_appropriation", v.decimal),
    C("spent", v.decimal),
    C("document", v.required_text),
)
BUDGET_UNIT = (
    C("year", v.year),
    C("unit", v.required_text),
    C("kbo", v.decimal),
    C("total_appropriation", v.decimal),
    C("spent", v.decimal),
    C("document", v.required_text),
)
RESOURCES = (
    C("document", v.required_text),
    C("table", v.required_text),
    C("category", v.enum(ResourceCategory)),
    C("item", v.required_text),
    C("value", v.decimal),
    C("unit", v.text),
    C("note", v.text),
)
CLAIMS = (
    C("document", v.required_text),
    C("section", v.required_text),
    C("claim", v.required_text),
    C("metric", v.required_text),
    C("value", v.required_text),
    C("as_printed", v.required_text),
)
PRINTED = (
    C("document", v.required_text),
    C("table", v.required_text),
    C("row", v.required_text),
    C("column", v.required_text),
    C("value", v.text),
    C("as_printed", v.text),
)

FILES: dict[str, tuple[Column, ...]] = {
    "units.csv": UNITS,
    "sp_indicators.csv": SP_INDICATORS,
    "sp_indicator_values.csv": SP_INDICATOR_VALUES,
    "pp_indicators.csv": PP_INDICATORS,
    "pp_indicator_values.csv": PP_INDICATOR_VALUES,
    "realizations.csv": REALIZATIONS,
    "activity_costs.csv": ACTIVITY_COSTS,
    "budget_economic.csv": BUDGET_ECONOMIC,
    "budget_activity.csv": BUDGET_ACTIVITY,
    "budget_unit.csv": BUDGET_UNIT,
    "resources.csv": RESOURCES,
    "claims.csv": CLAIMS,
    "printed.csv": PRINTED,
}
