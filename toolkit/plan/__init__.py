"""The plan stage: the master workbook's layout, writing, reading and checking, the budget rules, the plan
source (TOML), next year's plan and the plan as text.

Modules, each importing only those above it: ``layout`` (the master's contract) -> ``tables`` (the table
reader) -> ``read`` -> ``budget`` (the budget rules, ``check_budget_file``) -> ``check`` (``check_plan``,
``load_plan``); ``write`` uses ``layout`` and ``write_rollover`` (the rollover's summary sheet); ``source``,
``rollover`` and ``show`` work on the model.
"""

from toolkit.plan.budget import (
    BudgetCheck,
    BudgetSummary,
    FrameRow,
    check_budget,
    check_budget_file,
    summarize_budget,
)
from toolkit.plan.check import check_plan, load_plan
from toolkit.plan.read import open_workbook, read_master, read_master_workbook
from toolkit.plan.rollover import empty_plan, rollover
from toolkit.plan.show import plan_tree
from toolkit.plan.source import load_plan_source, plan_from_dict
from toolkit.plan.write import build_master, write_budget_chapters, write_master

__all__ = [
    "BudgetCheck", "BudgetSummary", "FrameRow", "build_master", "check_budget", "check_budget_file",
    "check_plan", "empty_plan", "load_plan", "load_plan_source", "open_workbook", "plan_from_dict",
    "plan_tree", "read_master", "read_master_workbook", "rollover", "summarize_budget",
    "write_budget_chapters", "write_master",
]
