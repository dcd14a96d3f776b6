"""The one exception family of the toolkit.

Library code raises these with a Swedish message for the user; the CLI turns them into
"Fel: ..." and exit 1 in one place. Third-party exceptions are translated where we call the
library (``raise NplanError(...) from exc``).
"""

from __future__ import annotations

import errno

from toolkit.texts.cli import OS_ERRORS


class NplanError(Exception):
    """A failure the user can act on. ``str(exc)`` is a Swedish message."""


class InputError(NplanError):
    """An input file or argument is invalid (exit 1)."""


class WorkbookError(InputError):
    """A workbook cannot be read as the expected kind of workbook."""


def os_reason(exc: BaseException) -> str:
    """Why an operating-system call failed, in Swedish where we know the error."""
    code = getattr(exc, "errno", None)
    name = errno.errorcode.get(code, "") if isinstance(code, int) else ""
    return OS_ERRORS.get(name) or getattr(exc, "strerror", None) or type(exc).__name__
