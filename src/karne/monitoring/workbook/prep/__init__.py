"""A unit's preparation proposal as two workbooks, its targets and its costs (issue 14).

`prep_workbook_export` writes one of the two forms, `prep_workbook_preview` reads an uploaded
one back against what is stored now and `prep_workbook_apply` saves it with
`preparation_save`, the web form's service. The machinery (safe reading, signed identity,
cell parsing, the preview's types) is the quarterly workbook's.
"""

from __future__ import annotations

from karne.monitoring.workbook.prep.export import prep_workbook_export
from karne.monitoring.workbook.prep.layout import COSTS, FORMS, TARGETS
from karne.monitoring.workbook.prep.preview import (
    PrepTarget,
    is_prep_workbook,
    prep_workbook_apply,
    prep_workbook_preview,
)

__all__ = [
    "COSTS",
    "FORMS",
    "TARGETS",
    "PrepTarget",
    "is_prep_workbook",
    "prep_workbook_apply",
    "prep_workbook_export",
    "prep_workbook_preview",
]
