"""Validation of a unit's returned workbook: findings at real cells, and the normalized values, from one
read of the file.

Modules, in the order a file passes through them:
  - ``files``: is it an .xlsx we may read at all (type, lock file, truncation, zip bomb, ...);
  - ``readers``: the workbook as ``Book``/``Sheet`` (values with python-calamine, formulas from the XML);
  - ``expected``: what the unit's return should hold, from the plan (``PlanContext``);
  - ``tables``: the id/header table on an input sheet;
  - ``content`` with ``check_identity``, ``check_indicators``, ``check_assignments``, ``check_economy``
    (sharing ``context`` and ``check_rows``): every rule on the content;
  - ``api``: files, paths and bytes in, ``ValidationResult`` out;
  - ``annotated``: the unit's copy with the findings marked.
"""

from toolkit.validate.annotated import annotate, annotated_name
from toolkit.validate.api import expand_paths, validate_bytes, validate_file, validate_paths
from toolkit.validate.content import check_book
from toolkit.validate.expected import PlanContext
from toolkit.validate.readers import Book, ReadError, Sheet, read_calamine, read_openpyxl

__all__ = [
    "validate_file", "validate_paths", "validate_bytes", "expand_paths", "check_book", "PlanContext", "Book",
    "Sheet", "read_calamine", "read_openpyxl", "annotate", "annotated_name", "ReadError",
]
