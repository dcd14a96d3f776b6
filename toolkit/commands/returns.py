"""`nplan returns create`: one return workbook per unit for a period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from toolkit import cycle
from toolkit.commands.common import deadline_option, force_option, period_option
from toolkit.core.periods import Period
from toolkit.texts import cli as t
from toolkit.texts import returns as tr


@click.group("returns", help=tr.HELP_GROUP)
def returns_group() -> None:
    """The unit return workbooks."""


@returns_group.command("create", help=tr.HELP_CREATE)
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
@period_option(tr.HELP_PERIOD)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=tr.HELP_OUT)
@click.option("--unit", "units", multiple=True, metavar="ID", help=tr.HELP_UNIT)
@deadline_option(tr.HELP_DEADLINE)
@force_option(tr.HELP_FORCE)
def create(master_file: Path, period: Period, out_dir: Path, units: tuple[str, ...], deadline: dt.date | None,
           force: bool) -> None:
    """Write one return workbook per unit (or per --unit) for the period."""
    paths = cycle.create_returns(cycle.Master.load(master_file), period, out_dir, units=units, deadline=deadline,
                                 force=force)
    for path in paths:
        click.echo(t.WROTE.format(path=path))
    click.echo(tr.RETURNS_WRITTEN.format(count=len(paths), period=period, dir=out_dir))


COMMANDS = [returns_group]
