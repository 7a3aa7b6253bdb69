"""The audit: every figure a document printed, recomputed from the inputs and compared.

Pure rule engine: `audit(dataset, year)` returns findings with a stable rule id, a severity, the
place as the reader sees it, the printed and the expected value and one sentence of why.
"""

from karne.core.audit.engine import audit
from karne.core.audit.findings import AuditReport, Finding, Severity

__all__ = ["AuditReport", "Finding", "Severity", "audit"]
