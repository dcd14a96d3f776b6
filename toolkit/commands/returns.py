"""`nplan returns create`: one return workbook per unit for a period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from toolkit import cycle
from toolkit.commands.common import (
    db_option,
    deadline_option,
    echo_findings,
    force_option,
    master_option,
    period_option,
)
from toolkit.core.errors import InputError
from toolkit.core.periods import Period
from toolkit.history.backend import describe
from toolkit.texts import cli as tcli
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
@db_option(tr.HELP_DB)
@force_option(tr.HELP_FORCE)
def create(master_file: Path, period: Period, out_dir: Path, units: tuple[str, ...], deadline: dt.date | None,
           db: Path | str | None, network_db: bool, force: bool) -> None:
    """Write one return workbook per unit (or per --unit) for the period, with what each unit reported earlier
    in the year from the history."""
    created = cycle.create_returns(cycle.Master.load(master_file), period, out_dir, units=units, deadline=deadline,
                                   force=force, db=db, allow_network_db=network_db)
    for path in created.paths:
        click.echo(tcli.WROTE.format(path=path))
    click.echo(tr.RETURNS_WRITTEN.format(count=len(created.paths), period=period, dir=out_dir))
    echo_findings(created.notes)
    if period.tertial > 1 and not any(n.code == "history-missing" for n in created.notes):
        click.echo(tr.PREVIOUS_FROM.format(db=describe(created.database)))


@returns_group.command("migrate", help=tr.HELP_MIGRATE)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@master_option(tr.HELP_MIGRATE_MASTER)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=tr.HELP_MIGRATE_OUT)
@deadline_option(tr.HELP_DEADLINE)
@force_option(tr.HELP_MIGRATE_FORCE)
def migrate(files: tuple[Path, ...], master_file: Path, out_dir: Path, deadline: dt.date | None, force: bool) -> None:
    """Carry filled returns over to the master's plan version; exit 1 when a file could not be carried over."""
    done = cycle.migrate_returns(cycle.Master.load(master_file), list(files), out_dir, deadline=deadline,
                                 force=force)
    if not done.returns:
        raise InputError(tr.MIGRATE_NONE.format(paths=", ".join(map(str, files))))
    for m in done.returns:
        if m.workbook is None:
            click.echo(tr.MIGRATE_FAILED.format(source=m.source, problem=m.problem))
            continue
        click.echo(tr.MIGRATE_WROTE.format(source=m.source, target=done.written[m.source], carried=m.carried))
        if m.new_rows:
            click.echo(tr.MIGRATE_NEW_ROWS.format(ids=", ".join(m.new_rows)))
        if m.changed_rows:
            click.echo(tr.MIGRATE_CHANGED_ROWS.format(ids=", ".join(m.changed_rows)))
        for what in m.dropped:
            click.echo(tr.MIGRATE_DROPPED.format(what=what))
    click.echo(tr.MIGRATE_SUMMARY.format(written=len(done.written), dir=out_dir, failed=len(done.failed)))
    if done.failed:
        raise click.exceptions.Exit(1)


COMMANDS = [returns_group]
