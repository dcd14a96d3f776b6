"""`nplan returns create`: one return workbook per unit for a period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from toolkit import cycle
from toolkit.commands.common import db_option, echo_findings, force_option, period_option
from toolkit.core.periods import Period
from toolkit.history.backend import describe
from toolkit.texts import cli as t
from toolkit.texts import returns as tr


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise click.BadParameter(tr.DEADLINE_INVALID.format(value=value), ctx=ctx, param=param) from exc


@click.group("returns", help=tr.HELP_GROUP)
def returns_group() -> None:
    """The unit return workbooks."""


@returns_group.command("create", help=tr.HELP_CREATE)
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
@period_option(tr.HELP_PERIOD)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=tr.HELP_OUT)
@click.option("--unit", "units", multiple=True, metavar="ID", help=tr.HELP_UNIT)
@click.option("--deadline", callback=_date, metavar=tr.DEADLINE_METAVAR, help=tr.HELP_DEADLINE)
@db_option(tr.HELP_DB)
@force_option(tr.HELP_FORCE)
def create(master_file: Path, period: Period, out_dir: Path, units: tuple[str, ...], deadline: dt.date | None,
           db: Path | str | None, network_db: bool, force: bool) -> None:
    """Write one return workbook per unit (or per --unit) for the period, with what each unit reported earlier
    in the year from the history."""
    created = cycle.create_returns(cycle.Master.load(master_file), period, out_dir, units=units, deadline=deadline,
                                   force=force, db=db, allow_network_db=network_db)
    for path in created.paths:
        click.echo(t.WROTE.format(path=path))
    click.echo(tr.RETURNS_WRITTEN.format(count=len(created.paths), period=period, dir=out_dir))
    echo_findings(created.notes)
    if period.tertial > 1 and not any(n.code == "history-missing" for n in created.notes):
        click.echo(tr.PREVIOUS_FROM.format(db=describe(created.database)))


COMMANDS = [returns_group]
