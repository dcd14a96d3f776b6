"""Shared fixtures: the example plan and its master, built in code."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_SOURCE = ROOT / "examples" / "run2026" / "plan.toml"
EXAMPLE_MASTER = ROOT / "examples" / "run2026" / "master.xlsx"

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture()
def example_plan():
    from toolkit.plan.source import load_plan_source

    return load_plan_source(EXAMPLE_SOURCE)


@pytest.fixture()
def example_master(tmp_path: Path, example_plan) -> Path:
    """A fresh copy of the example master in tmp_path (tests may change it)."""
    from toolkit.plan import write_master

    return write_master(example_plan, tmp_path / "master.xlsx")
