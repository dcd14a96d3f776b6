"""`nplan budget check|report`: the budget chapter of the master, and finance's budget workbook."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit.commands.common import PERIOD, echo_findings, ensure_new_output, existing_file
from toolkit.errors import InputError
from toolkit.periods import Period
from toolkit.texts import budget as tb
from toolkit.texts import cli as t
from toolkit.values import format_number


@click.group()
def budget() -> None:
    """Budgetkapitlet (5.1–5.4): kontrollera masterfilen och skapa ekonomens budgetuppföljning."""


def _tkr(value: float | None) -> str:
    return tb.NOT_AVAILABLE if value is None else format_number(value)


def _percent(value: float | None) -> str:
    return tb.NOT_AVAILABLE if value is None else f"{format_number(value * 100, 2)} %"


@budget.command("check")
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def check(master_file: Path, fmt: str) -> None:
    """Kontrollera budgetkapitlet i masterfilen: varje problem med blad och cell. Exit 1 vid fel.

    Reglerna: ramarna summerar till nämndens totala ram, varje verksamhet har en ram, varje rad i
    5.1–5.4 hör till en verksamhet som finns, ramen är föregående års ram plus budgetförändringarna,
    nettokostnadsutvecklingen ryms inom nämndens tak, och beloppen är tal.
    """
    from toolkit.budget import check_budget_file, summarize_budget

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


@budget.command("report")
@click.option("--master", "master_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Masterfilen (ramar och budgetkapitel).")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
              help="Historikdatabasen. Standard: inställningen Databas, annars nplan.sqlite bredvid "
                   "masterfilen.")
@click.option("--period", required=True, type=PERIOD, help="Perioden, t.ex. 2026-T2.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Budgetuppföljningen som skrivs (.xlsx).")
@click.option("--force", is_flag=True, help="Skriv över en befintlig fil.")
def report(master_file: Path, db: Path | None, period: Period, output: Path, force: bool) -> None:
    """Skriv ekonomens budgetuppföljning för en period: ram, utfall, prognos och avvikelse per
    verksamhet och totalt, förändringen sedan förra perioden, kommentarerna och kapitel 5.1–5.4.
    Alla summor och kontroller är formler i arbetsboken."""
    from toolkit.budget_report import make_budget_report

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
