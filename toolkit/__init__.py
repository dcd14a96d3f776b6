"""nplan: plan, follow-up and budget toolkit for a Swedish regional committee.

The public library API is the names in ``__all__`` (each also importable from the module that owns it). They are
loaded on first use, so that ``import toolkit`` (and the Excel buttons' ``import toolkit.xl``) stays cheap.

    from toolkit import History, Period, load_plan
    plan = load_plan("master.xlsx")
    with History.open("nplan.sqlite") as h:
        values = h.indicator_values(year=2026)      # a pandas DataFrame
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# Public name -> the module that owns it.
_API = {
    # the model and its vocabulary
    "Plan": "toolkit.core.model", "Indicator": "toolkit.core.model", "Assignment": "toolkit.core.model",
    "Unit": "toolkit.core.model", "Period": "toolkit.core.periods", "Finding": "toolkit.core.findings",
    "NplanError": "toolkit.core.errors", "ValidationResult": "toolkit.core.returndata",
    # the plan: master workbook and plan source
    "read_master": "toolkit.plan.read", "load_plan": "toolkit.plan.check", "write_master": "toolkit.plan.write",
    "check_plan": "toolkit.plan.check", "load_plan_source": "toolkit.plan.source",
    "rollover": "toolkit.plan.rollover",
    # returns, validation, history, report
    "create_returns": "toolkit.returns.build", "validate_file": "toolkit.validate",
    "validate_paths": "toolkit.validate", "History": "toolkit.history.store",
    "consolidate_from_db": "toolkit.report.consolidate", "write_report": "toolkit.report.workbook",
    "consolidated_values": "toolkit.report.years",
    "write_document": "toolkit.report.document", "make_budget_report": "toolkit.report.budget_workbook",
    # the steps of the cycle, as the CLI and the buttons run them
    "cycle": "toolkit.cycle",
}

__all__ = ["__version__", *sorted(_API)]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    loaded = importlib.import_module(module)
    value = loaded if module.endswith("." + name) else getattr(loaded, name)
    globals()[name] = value
    return value
