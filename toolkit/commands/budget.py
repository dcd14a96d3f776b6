"""`nplan budget check|report`: the budget chapter of the master, and finance's budget workbook."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit import cycle
from toolkit.commands.common import db_option, echo_findings, force_option, master_option, output_option, period_option
from toolkit.core.periods import Period
from toolkit.core.values import format_number
from toolkit.plan.budget import summarize_budget
from toolkit.texts import budget as tb
from toolkit.texts import cli as tcli


@click.group(help=tb.HELP_GROUP)
def budget() -> None:
    """The budget chapter of the master (5.1-5.4) and finance's budget workbook."""


def _tkr(value: float | None) -> str:
    return tb.NOT_AVAILABLE if value is None else format_number(value)


def _percent(value: float | None) -> str:
    return tb.NOT_AVAILABLE if value is None else f"{format_number(value * 100, 2)} %"


@budget.command("check", help=tb.HELP_CHECK)
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=tcli.HELP_FORMAT)
def check(master_file: Path, fmt: str) -> None:
    """Check the master's budget chapter; print the findings and the key figures; exit 1 on errors."""
    result = cycle.budget_check(master_file)
    found = result.findings
    summary = summarize_budget(result.plan.budget)
    if fmt == "json":
        figures = {"sum_frames_tkr": summary.sum_frames, "total_frame_tkr": summary.total_frame_tkr,
                   "net_cost_growth": summary.net_cost_growth, "net_cost_ceiling": summary.net_cost_ceiling}
        click.echo(json.dumps({"file": str(master_file), "valid": result.valid, "summary": figures,
                               "findings": [f.to_dict() for f in found]}, ensure_ascii=False, indent=2))
    else:
        echo_findings(found)
        click.echo(tb.CHECK_SUMMARY.format(
            frames=_tkr(summary.sum_frames), total=_tkr(summary.total_frame_tkr),
            growth=_percent(summary.net_cost_growth), ceiling=_percent(summary.net_cost_ceiling)))
        errors = sum(f.is_error for f in found)
        if found:
            click.echo(tb.CHECK_FINDINGS.format(errors=errors, warnings=len(found) - errors,
                                                path=master_file))
        else:
            click.echo(tb.CHECK_CLEAN.format(path=master_file))
    if not result.valid:
        raise click.exceptions.Exit(1)


@budget.command("report", help=tb.HELP_REPORT)
@master_option(tb.HELP_MASTER)
@db_option(tb.HELP_DB)
@period_option(tb.HELP_PERIOD)
@output_option(tb.HELP_OUTPUT)
@force_option()
def report(master_file: Path, db: Path | str | None, network_db: bool, period: Period, output: Path,
           force: bool) -> None:
    """Write finance's budget workbook for a period (toolkit.report.budget_workbook.make_budget_report)."""
    result = cycle.budget_report(master_file, period, output, db=db, force=force, allow_network_db=network_db)
    errors = [f for f in result.master_findings if f.is_error]
    if errors:
        echo_findings(errors)
        click.echo(tb.REPORT_MASTER_FINDINGS.format(count=len(errors), path=master_file))
    fig = result.figures
    click.echo(tb.REPORT_WROTE.format(path=result.path, period=fig.period, reported=fig.reported,
                                      units=len(fig.units)))
    click.echo(f"{tb.CHECKS_LINE}: {fig.checks_line}")


COMMANDS = [budget]
