"""`nplan demo OUTDIR`: the whole cycle on the shipped example."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.demo import DEFAULT_EXAMPLE, EXAMPLES, run_demo
from toolkit.history.backend import describe
from toolkit.texts import demo as tdemo


@click.command("demo", help=tdemo.HELP)
@click.argument("out_dir", metavar="OUTDIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--seed", type=int, default=0, show_default=True, help=tdemo.HELP_SEED)
@click.option("--example", type=click.Choice(list(EXAMPLES)), default=DEFAULT_EXAMPLE, show_default=True,
              help=tdemo.HELP_EXAMPLE)
@click.option("--year-end", "year_end", is_flag=True, help=tdemo.HELP_YEAR_END)
def demo(out_dir: Path, seed: int, example: str, year_end: bool) -> None:
    """Run the whole tertial cycle on an example into OUTDIR (with --year-end also T3 and next year's master) and
    say where each file went."""
    r = run_demo(out_dir, seed=seed, example=example, year_end=year_end)
    roles = r.roles
    names = {uid: name for uid, name, _ in r.unit_status}

    def named(ids: list[str] | str) -> str:
        ids = [ids] if isinstance(ids, str) else ids
        return ", ".join(names.get(i, i) for i in ids)

    def line(label: str, value: object) -> None:
        click.echo(f"{label:<38} {value}")

    click.echo(tdemo.HEADER.format(period=r.period, committee=r.committee))
    click.echo("")
    if len(r.periods) > 1:
        line(tdemo.STEP_PERIODS, ", ".join(r.periods))
    line(tdemo.STEP_MASTER, r.master)
    if r.plan_document is not None:
        line(tdemo.STEP_PLAN_DOCUMENT, r.plan_document)
    line(tdemo.STEP_RETURNS, tdemo.STEP_RETURNS_COUNT.format(path=r.returns_dir, n=len(r.returns)))
    line(tdemo.STEP_INBOX, r.inbox)
    roles_text = tdemo.STEP_INBOX_ROLES.format(
        accepted=named(roles["accepted"]), resubmitted=named(roles["resubmitted"]),
        invalid=named(roles["invalid"]), missing=named(roles["missing"]))
    click.echo(click.wrap_text(roles_text, width=100, initial_indent="   ", subsequent_indent="   "))
    line(tdemo.STEP_COLLECT, r.database)
    line(tdemo.STEP_STATUS, r.status_workbook)
    line(tdemo.STEP_ARCHIVE, r.archive)
    for uid, name, status in r.unit_status:
        click.echo("     " + tdemo.STEP_UNIT.format(unit=uid, name=name, status=status))
    line(tdemo.STEP_REPORT, r.report)
    if r.document is not None:
        line(tdemo.STEP_DOCUMENT, r.document)
    if r.budget_report is not None:
        line(tdemo.STEP_BUDGET, r.budget_report)
    click.echo("")
    click.echo(tdemo.NEXT)
    if r.year_end is None:
        return
    y = r.year_end
    rolled = y.rolled.rollover
    click.echo("")
    click.echo(tdemo.YEAR_END_HEADER.format(period=y.period, year=rolled.plan.year))
    click.echo("")
    line(tdemo.STEP_YEAR_END_RETURNS, y.returns_dir)
    line(tdemo.STEP_YEAR_END_INBOX, y.inbox)
    line(tdemo.STEP_YEAR_END_COLLECT, describe(y.rolled.database))
    line(tdemo.STEP_STATUS, y.status_workbook)
    line(tdemo.STEP_YEAR_END_REPORT, y.report)
    if y.document is not None:
        line(tdemo.STEP_DOCUMENT, y.document)
    line(tdemo.STEP_ROLLOVER, y.rolled.master)
    line(tdemo.STEP_ROLLOVER_DB, y.rolled.setting)
    baselines = [i for i in rolled.from_history if i.area == "indicator"]
    forecasts = [i for i in rolled.from_history if i.area == "forecast"]
    click.echo(tdemo.STEP_ROLLOVER_COUNTS.format(baselines=len(baselines), year=rolled.previous_year,
                                              closed=len(rolled.closed_assignments()), forecasts=len(forecasts),
                                              to_do=len(rolled.to_do)))
    click.echo("")
    click.echo(tdemo.NEXT_YEAR)


COMMANDS = [demo]
