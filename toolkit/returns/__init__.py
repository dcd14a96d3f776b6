"""The returns stage: the layout contract of a return workbook (``layout``), building returns (``build``,
with ``builder``, ``items``, ``sheets``, ``parts``, ``styles``, ``names``) and simulated units
(``simulate``).

The public API is loaded when first used, so that the validator can import ``toolkit.returns.layout``
without loading openpyxl (its hot path reads with calamine only).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from toolkit.returns import layout

if TYPE_CHECKING:
    from toolkit.returns.build import build_return, create_returns, return_file_name
    from toolkit.returns.simulate import fill_return, plausible_values

__all__ = ["build_return", "create_returns", "fill_return", "layout", "plausible_values", "return_file_name"]

_HOME = {"build_return": "build", "create_returns": "build", "return_file_name": "build",
         "fill_return": "simulate", "plausible_values": "simulate"}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"toolkit.returns.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
