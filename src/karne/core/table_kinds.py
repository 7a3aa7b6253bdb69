"""What a document's numbered table is, whatever number the document gives it.

A dataset names, per document, the kind of each table it has transcribed (`tables:` in
dataset.yaml), so the audit knows how to recompute the table for any administration's numbering.
"""

from __future__ import annotations

from enum import StrEnum


class TableKind(StrEnum):
    RESOURCES_PHYSICAL = "resources.physical"
    RESOURCES_IT = "resources.it"
    RESOURCES_STAFF = "resources.staff"
    RESOURCES_STAFF_GENDER = "resources.staff_gender"
    RESOURCES_STAFF_EDUCATION = "resources.staff_education"
    SP_OBJECTIVES = "sp.objectives"
    PP_SUB_PROGRAM_OBJECTIVES = "pp.sub_program_objectives"
    PP_INDICATORS = "pp.indicators"
    PP_ACTIVITY_COSTS = "pp.activity_costs"
    PP_ACTIVITY_DESCRIPTIONS = "pp.activity_descriptions"
    PP_ECONOMIC_COSTS = "pp.economic_costs"
    PP_ACTIVITY_COST_DETAIL = "pp.activity_cost_detail"
    PP_PROGRAM_COSTS = "pp.program_costs"
    PP_ACTIVITY_UNITS = "pp.activity_units"
    PP_INDICATOR_UNITS = "pp.indicator_units"
    FR_KBO_COMPARISON_PREVIOUS = "fr.kbo_comparison_previous"
    FR_KBO = "fr.kbo"
    FR_EXECUTION_ECONOMIC = "fr.execution_economic"
    FR_EXECUTION_ACTIVITY = "fr.execution_activity"
    FR_EXECUTION_UNIT = "fr.execution_unit"
    FR_KBO_NEXT = "fr.kbo_next"
    FR_KBO_COMPARISON_NEXT = "fr.kbo_comparison_next"
    FR_SPENDING_RATES = "fr.spending_rates"
    FR_PROGRAM_INFO = "fr.program_info"
    FR_FORM3 = "fr.form3"
    FR_FORM4 = "fr.form4"
    FR_SP_EVALUATION = "fr.sp_evaluation"
