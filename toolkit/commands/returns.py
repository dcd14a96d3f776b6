"""`nplan returns create`: one return workbook per unit for a period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from toolkit import plan as master
from toolkit.commands.common import PERIOD, existing_file
from toolkit.core.periods import Period
from toolkit.returns import build as rt
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
@click.option("--period", "period", required=True, type=PERIOD, help=tr.HELP_PERIOD)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=tr.HELP_OUT)
@click.option("--unit", "units", multiple=True, metavar="ID", help=tr.HELP_UNIT)
@click.option("--deadline", callback=_date, metavar=tr.DEADLINE_METAVAR, help=tr.HELP_DEADLINE)
@click.option("--force", is_flag=True, help=tr.HELP_FORCE)
def create(master_file: Path, period: Period, out_dir: Path, units: tuple[str, ...], deadline: dt.date | None,
           force: bool) -> None:
    """Write one return workbook per unit (or per --unit) for the period."""
    plan = master.load_plan(existing_file(master_file))
    paths = rt.create_returns(plan, period, out_dir, units=units or None, deadline=deadline, overwrite=force)
    for path in paths:
        click.echo(t.WROTE.format(path=path))
    click.echo(tr.RETURNS_WRITTEN.format(count=len(paths), period=period, dir=out_dir))


COMMANDS = [returns_group]
