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
    pdf_option,
    period_option,
    template_option,
)
from toolkit.core.periods import Period
from toolkit.texts import consolidate as tx
from toolkit.texts import document as td
from toolkit.texts import plan_document as tpd


@click.command("consolidate", help=tx.HELP)
@master_option(tx.HELP_MASTER)
@db_option(tx.HELP_DB)
@period_option(tx.HELP_PERIOD)
@output_option(tx.HELP_OUTPUT)
@click.option("--docx", "document", type=click.Path(dir_okay=False, path_type=Path), help=td.HELP_DOCX)
@template_option(tpd.HELP_CONSOLIDATE_TEMPLATE)
@pdf_option(tpd.HELP_CONSOLIDATE_PDF)
@deadline_option(tx.HELP_DEADLINE)
@force_option(tx.HELP_FORCE)
def consolidate_cmd(master_file: Path, db: Path | str | None, network_db: bool, period: Period, output: Path,
                    document: Path | None, template: Path | None, pdf: bool, deadline: dt.date | None,
                    force: bool) -> None:
    """Consolidate a period's collected returns and write the committee's report workbook (and document)."""
    if pdf and document is None:
        raise click.UsageError(tpd.PDF_NEEDS_DOCX)
    report = cycle.consolidate(cycle.Master.load(master_file), period, output, document=document, db=db,
                               allow_network_db=network_db, force=force, template=template, pdf=pdf,
                               deadline=deadline)
    result, path, document_path = report.consolidation, report.workbook, report.document
    echo_findings(result.findings)
    echo_findings(report.notes)
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
    for p in report.problems:
        click.echo(tpd.ACCESSIBILITY_PROBLEM.format(path=document_path, code=p.code, message=p.message))
    if document_path is not None:
        click.echo(td.DOCUMENT_WROTE.format(path=document_path))
    if report.pdf is not None:
        click.echo(tpd.WROTE_PDF.format(path=report.pdf))


COMMANDS = [consolidate_cmd]
