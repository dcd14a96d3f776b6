"""`nplan budget check|report`: the budget chapter of the master, and finance's budget workbook."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit.commands.common import PERIOD, echo_findings, ensure_new_output, existing_file
from toolkit.core.errors import InputError
from toolkit.core.periods import Period
from toolkit.core.values import format_number
from toolkit.texts import budget as tb
from toolkit.texts import cli as t


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
              help=t.HELP_FORMAT)
def check(master_file: Path, fmt: str) -> None:
    """Check the master's budget chapter; print the findings and the key figures; exit 1 on errors."""
    from toolkit.plan.budget import check_budget_file, summarize_budget

    result = check_budget_file(existing_file(master_file))
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
@click.option("--master", "master_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=tb.HELP_MASTER)
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), help=tb.HELP_DB)
@click.option("--period", required=True, type=PERIOD, help=tb.HELP_PERIOD)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=tb.HELP_OUTPUT)
@click.option("--force", is_flag=True, help=t.HELP_FORCE)
def report(master_file: Path, db: Path | None, period: Period, output: Path, force: bool) -> None:
    """Write finance's budget workbook for a period (toolkit.report.budget_workbook.make_budget_report)."""
    from toolkit.report.budget_workbook import make_budget_report

    source = existing_file(master_file)
    for other in (source, db):
        if other is not None and output.resolve() == other.resolve():
            raise InputError(t.SAME_AS_INPUT.format(path=output))
    ensure_new_output(output, force)
    result = make_budget_report(source, period, output, db)
    errors = [f for f in result.master_findings if f.is_error]
    if errors:
        echo_findings(errors)
        click.echo(tb.REPORT_MASTER_FINDINGS.format(count=len(errors), path=master_file))
    fig = result.figures
    click.echo(tb.REPORT_WROTE.format(path=result.path, period=fig.period, reported=fig.reported,
                                      units=len(fig.units)))
    click.echo(f"{tb.CHECKS_LINE}: {fig.checks_line}")


COMMANDS = [budget]
