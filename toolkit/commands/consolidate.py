"""`nplan consolidate`: one period's collected returns into the committee's report workbook."""

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
    output_option,
    period_option,
)
from toolkit.core.periods import Period
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td


@click.command("consolidate", help=tx.HELP)
@master_option(tx.HELP_MASTER)
@db_option(tx.HELP_DB)
@period_option(tx.HELP_PERIOD)
@output_option(tx.HELP_OUTPUT)
@click.option("--docx", "document", type=click.Path(dir_okay=False, path_type=Path), help=td.HELP_DOCX)
@deadline_option(tx.HELP_DEADLINE)
@force_option(tx.HELP_FORCE)
def consolidate_cmd(master_file: Path, db: Path | str | None, network_db: bool, period: Period, output: Path,
                    document: Path | None, deadline: dt.date | None, force: bool) -> None:
    """Consolidate a period's collected returns and write the committee's report workbook (and document)."""
    report = cycle.consolidate(cycle.Master.load(master_file), period, output, document=document, db=db,
                               allow_network_db=network_db, force=force, deadline=deadline)
    result, path, document_path = report.consolidation, report.workbook, report.document
    echo_findings(result.findings)
    click.echo(tx.REPORT_SUMMARY.format(period=period, accepted=len(result.accepted_units),
                                        expected=len(result.unit_status), rejected=len(result.rejected_units),
                                        missing=len(result.missing_units)))
    if result.rejected_units:
        click.echo(tx.REPORT_REJECTED.format(names=", ".join(u.unit_name for u in result.rejected_units)))
    if result.missing_units:
        click.echo(tx.REPORT_MISSING.format(names=", ".join(u.unit_name for u in result.missing_units)))
    conflict = [u.unit_name for u in result.unit_status if u.state == "conflict"]
    if conflict:
        click.echo(tx.REPORT_CONFLICT.format(names=", ".join(conflict)))
    click.echo(tx.REPORT_WROTE.format(path=path))
    if document_path is not None:
        click.echo(td.DOCUMENT_WROTE.format(path=document_path))


COMMANDS = [consolidate_cmd]
