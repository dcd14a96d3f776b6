"""`nplan history rebuild`: the history rebuilt from the archive, compared with an existing database."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.commands.common import db_option
from toolkit.core.errors import InputError
from toolkit.history.backend import Target, as_target, describe, exists
from toolkit.history.rebuild import compare, rebuild
from toolkit.history.store import History
from toolkit.texts import collect as tcol
from toolkit.texts import history as th


@click.group("history", help=th.HELP_GROUP)
def history_group() -> None:
    """The history database."""


@history_group.command("rebuild", help=th.HELP_REBUILD)
@click.option("--archive", "archive_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help=th.HELP_ARCHIVE)
@db_option(th.HELP_DB_NEW, required=True)
@click.option("--compare", "compare_with", metavar="FIL_ELLER_ADRESS", help=th.HELP_COMPARE)
def rebuild_cmd(archive_dir: Path, db: Target, network_db: bool, compare_with: str | None) -> None:
    """Rebuild the history into DB from ARCHIVE; with --compare, list every difference (exit 1 when any)."""
    other = as_target(compare_with) if compare_with else None
    if other is not None and not exists(other):
        raise InputError(tcol.DB_NOT_FOUND.format(path=describe(other)))
    result = rebuild(archive_dir, db, allow_network=network_db)
    click.echo(th.REBUILD_DONE.format(submissions=result.submissions, db=result.database,
                                      periods=", ".join(str(p) for p in result.periods)))
    if result.missing_files:
        click.echo(th.REBUILD_MISSING.format(n=len(result.missing_files), names=", ".join(result.missing_files)))
    if other is None:
        return
    with History.open(db, allow_network=network_db) as new, History.open(other, allow_network=network_db) as old:
        differences = compare(new, old)
    if not differences:
        click.echo(th.COMPARE_SAME.format(db=describe(other)))
        return
    click.echo(th.COMPARE_DIFFERENT.format(n=len(differences), db=describe(other)))
    for line in differences:
        click.echo(f"  {line}")
    raise click.exceptions.Exit(1)


COMMANDS = [history_group]
