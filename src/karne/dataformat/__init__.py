"""The dataset folder format (docs/data-format.md): read and validate, write back.

Pure Python: it turns files into `karne.core.records.Dataset` and back, and knows nothing of the
database. Validation collects every problem before anything is loaded anywhere.
"""

from karne.dataformat.errors import DatasetInvalid, Problem
from karne.dataformat.reader import read_dataset
from karne.dataformat.writer import write_dataset, write_structure, write_table

__all__ = [
    "DatasetInvalid",
    "Problem",
    "read_dataset",
    "write_dataset",
    "write_structure",
    "write_table",
]
