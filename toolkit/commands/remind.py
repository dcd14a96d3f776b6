"""`nplan remind`: reminder drafts (.eml) and their list for the units without an accepted return."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from toolkit import cycle
from toolkit.commands.common import db_option, deadline_option, force_option, master_option, period_option
from toolkit.core.periods import Period
from toolkit.texts import remind as trem


@click.command("remind", help=trem.HELP)
@master_option(trem.HELP_MASTER)
@period_option(trem.HELP_PERIOD)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help=trem.HELP_OUT)
@db_option(trem.HELP_DB)
@click.option("--archive", type=click.Path(file_okay=False, path_type=Path), help=trem.HELP_ARCHIVE)
@deadline_option(trem.HELP_DEADLINE)
@force_option(trem.HELP_FORCE)
def remind_cmd(master_file: Path, period: Period, out_dir: Path, db: Path | str | None, network_db: bool,
               archive: Path | None, deadline: dt.date | None, force: bool) -> None:
    """Write a reminder draft per unit that owes the period's return, and the list workbook; print both."""
    done = cycle.remind(cycle.Master.load(master_file), period, out_dir, db=db, archive=archive, deadline=deadline,
                        force=force, allow_network_db=network_db)
    for r in done.reminders:
        if r.draft is not None:
            click.echo(trem.WROTE.format(unit=r.status.unit_name, contact=r.contact, path=r.draft))
        else:
            click.echo(trem.NO_DRAFT.format(unit=r.status.unit_name, note=r.note))
    if done.reminders:
        click.echo(trem.SUMMARY.format(drafts=len(done.drafts), dir=out_dir, list=done.workbook))
    else:
        click.echo(trem.NOTHING.format(period=period, list=done.workbook))


COMMANDS = [remind_cmd]
