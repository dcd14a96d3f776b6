"""`nplan consolidate`: one period's collected returns into the committee's report workbook."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit import plan as master
from toolkit import workspace
from toolkit.commands.common import PERIOD, echo_findings, ensure_new_output, existing_file
from toolkit.core.errors import InputError
from toolkit.report.consolidate import consolidate_from_db
from toolkit.report.document import write_document
from toolkit.report.workbook import write_report
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td


@click.command("consolidate", help=tx.HELP)
@click.option("--master", "master_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=tx.HELP_MASTER)
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), help=tx.HELP_DB)
@click.option("--period", required=True, type=PERIOD, help=tx.HELP_PERIOD)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=tx.HELP_OUTPUT)
@click.option("--docx", "document", type=click.Path(dir_okay=False, path_type=Path), help=td.HELP_DOCX)
@click.option("--force", is_flag=True, help=tx.HELP_FORCE)
def consolidate_cmd(master_file: Path, db: Path | None, period: str, output: Path, document: Path | None,
                    force: bool) -> None:
    """Consolidate a period's collected returns and write the committee's report workbook (and document)."""
    ensure_new_output(output, force)
    if document is not None:
        if document.resolve() == output.resolve():
            raise InputError(td.SAME_AS_REPORT.format(path=document))
        ensure_new_output(document, force)
    plan = master.load_plan(existing_file(master_file))
    db_path = db or workspace.database_path(master_file, plan)
    result = consolidate_from_db(plan, db_path, period)
    path = write_report(result, plan, output)
    document_path = write_document(result, plan, document) if document is not None else None
    echo_findings(result.findings)
    click.echo(tx.REPORT_SUMMARY.format(period=period, accepted=len(result.accepted_units),
                                        expected=len(result.unit_status), rejected=len(result.rejected_units),
                                        missing=len(result.missing_units)))
    if result.rejected_units:
        click.echo(tx.REPORT_REJECTED.format(names=", ".join(u.unit_name for u in result.rejected_units)))
    if result.missing_units:
        click.echo(tx.REPORT_MISSING.format(names=", ".join(u.unit_name for u in result.missing_units)))
    click.echo(tx.REPORT_WROTE.format(path=path))
    if document_path is not None:
        click.echo(td.DOCUMENT_WROTE.format(path=document_path))


COMMANDS = [consolidate_cmd]
