"""The quarterly entry form as a workbook: export, upload preview, confirm (issue 14).

`export` writes the form a unit fills in offline; `preview` reads an uploaded one back
against what is stored now and `workbook_apply` saves it with the web form's own service.
"""

from __future__ import annotations

from karne.monitoring.workbook.cells import CellError
from karne.monitoring.workbook.export import Exported, workbook_export
from karne.monitoring.workbook.preview import (
    STATUS_LABELS,
    Applied,
    FormTarget,
    Preview,
    PreviewRow,
    RowStatus,
    preview_json,
    workbook_apply,
    workbook_preview,
)
from karne.monitoring.workbook.reader import UPLOAD_LIMIT, WorkbookRefused

__all__ = [
    "STATUS_LABELS",
    "UPLOAD_LIMIT",
    "Applied",
    "CellError",
    "Exported",
    "FormTarget",
    "Preview",
    "PreviewRow",
    "RowStatus",
    "WorkbookRefused",
    "preview_json",
    "workbook_apply",
    "workbook_export",
    "workbook_preview",
]
