"""`nplan collect` (a period's returns from an inbox into the history) and `nplan export` (the long table)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from toolkit import cycle
from toolkit.commands.common import (
    PERIOD,
    db_option,
    deadline_option,
    echo_findings,
    force_option,
    master_option,
    period_option,
)
from toolkit.core.periods import Period
from toolkit.history.backend import describe
from toolkit.history.collect import Choice, CollectResult
from toolkit.history.records import ACCEPTED, CONFLICT, MISSING, RECEIVED, REJECTED
from toolkit.texts import collect as tcol


class _Bar:
    """A click progress bar on stderr, created when collect says how many files there are."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, done: int, total: int, path: Path | None) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=tcol.PROGRESS, file=sys.stderr)
            self.bar.__enter__()
        if done:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _choices(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[Choice, ...]:
    out = []
    for value in values:
        unit, sep, file = value.partition("=")
        if not sep or not unit.strip() or not file.strip():
            raise click.BadParameter(tcol.CHOOSE_BAD_FORMAT.format(value=value), ctx=ctx, param=param)
        out.append(Choice(unit.strip(), file.strip()))
    return tuple(out)


@click.command("collect", help=tcol.HELP_COLLECT)
@click.argument("inbox", type=click.Path(path_type=Path))
@master_option(tcol.HELP_MASTER)
@period_option(tcol.HELP_PERIOD)
@db_option(tcol.HELP_DB)
@click.option("--archive", type=click.Path(file_okay=False, path_type=Path), help=tcol.HELP_ARCHIVE)
@click.option("--status-out", type=click.Path(dir_okay=False, path_type=Path), help=tcol.HELP_STATUS_OUT)
@click.option("--workers", type=click.IntRange(1, 64), help=tcol.HELP_WORKERS)
@deadline_option(tcol.HELP_DEADLINE)
@click.option("--choose", "choices", multiple=True, metavar="VERKSAMHET=FIL", callback=_choices,
              help=tcol.HELP_CHOOSE)
def collect_cmd(inbox: Path, master_file: Path, period: Period, db: Path | str | None, network_db: bool,
                archive: Path | None, status_out: Path | None, workers: int | None, deadline: dt.date | None,
                choices: tuple[Choice, ...]) -> None:
    """Collect a period's returns from INBOX into the history database; print the table per unit and
    write the status workbook. Exit 0 even with rejected, missing or conflicting returns."""
    master = cycle.Master.load(master_file)
    bar = _Bar()
    try:
        done = cycle.collect(master, inbox, period, db=db, archive=archive, status_out=status_out,
                             workers=workers, progress=bar, allow_network_db=network_db, deadline=deadline,
                             choices=choices)
    finally:
        bar.close()
    _echo_result(done.result)
    echo_findings(done.notes)
    click.echo(tcol.WROTE_STATUS.format(path=done.status_workbook))
    click.echo(tcol.WROTE_DB.format(path=describe(done.database)))
    click.echo(tcol.WROTE_ARCHIVE.format(path=done.archive))


def _echo_result(result: CollectResult) -> None:
    click.echo(tcol.HEADER.format(period=result.period, committee=result.committee))
    click.echo(result.rule)
    click.echo(tcol.DEADLINE_LINE.format(deadline=result.deadline.isoformat()) if result.deadline
               else tcol.DEADLINE_NONE)
    click.echo("")
    for unit, file in result.chosen:
        click.echo(tcol.CHOOSE_RECORDED.format(unit=unit, file=file))
    rows = [tcol.TABLE_HEADERS] + [
        (u.unit_id or "-", _short(u.unit_name, 40), u.status_label, str(u.errors) if u.submissions else "",
         str(u.warnings) if u.submissions else "", _short(u.file_name, 44, middle=True),
         u.received_at.strftime("%Y-%m-%d %H:%M") if u.received_at else "", u.timeliness)
        for u in result.units]
    widths = [max(len(r[i]) for r in rows) for i in range(len(tcol.TABLE_HEADERS))]
    for r in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip())
    notes = [(u.unit_id or "-", u.note) for u in result.units if u.note]
    for unit_id, note in notes:
        click.echo(f"  {unit_id}: {note}")
    click.echo("")
    counts = result.counts()
    click.echo(tcol.SUMMARY.format(files=len(result.files), new=result.new_submissions,
                                 already=result.already_stored,
                                 accepted=counts[ACCEPTED], rejected=counts[REJECTED],
                                 missing=counts[MISSING]))
    if counts[CONFLICT]:
        click.echo(tcol.SUMMARY_CONFLICT.format(n=counts[CONFLICT]))
    if counts[RECEIVED]:
        click.echo(tcol.SUMMARY_UNREAD.format(n=counts[RECEIVED]))
    if result.mails:
        click.echo(tcol.MAILS_READ.format(n=len(result.mails), workbooks=sum(len(m.workbooks) for m in result.mails)))
    odd = [m for m in result.mails if not m.has_workbook]
    if odd:
        click.echo(tcol.MAILS_WITHOUT_WORKBOOK.format(n=len(odd)))
        for m in odd:
            why = tcol.MAIL_UNREAD.format(reason=m.problem) if m.problem else " ".join(m.notes)
            click.echo(f"  {m.file_name}: {why}")
    if result.refused:
        click.echo(tcol.REFUSED.format(n=len(result.refused)))
        for path, finding in result.refused:
            click.echo(f"  {finding.file or path.name}: {finding.message}")
    if result.skipped:
        click.echo(tcol.SKIPPED.format(n=len(result.skipped), names=", ".join(p.name for p in result.skipped)))
    if result.ignored:
        click.echo(tcol.IGNORED.format(n=len(result.ignored), names=", ".join(p.name for p in result.ignored)))


def _short(text: str, width: int, *, middle: bool = False) -> str:
    """Shorten to ``width`` characters; file names keep their end (what tells versions apart)."""
    if len(text) <= width:
        return text
    if middle:
        head = (width - 1) // 3
        return text[:head] + "…" + text[-(width - 1 - head):]
    return text[: width - 1] + "…"


@click.command("export", help=tcol.HELP_EXPORT)
@db_option(tcol.HELP_EXPORT_DB, required=True)
@click.option("--period", type=PERIOD, help=tcol.HELP_EXPORT_PERIOD)
@click.option("--year", type=click.IntRange(2000, 2100), help=tcol.HELP_EXPORT_YEAR)
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), help=tcol.HELP_EXPORT_FORMAT)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
@force_option()
def export_cmd(db: Path | str, network_db: bool, period: Period | None, year: int | None, fmt: str | None,
               output: Path, force: bool) -> None:
    """Write the counting indicator values as a long table (one value per row) to CSV or xlsx."""
    path, rows = cycle.export(db, output, period=period, year=year, fmt=fmt, force=force,
                              allow_network_db=network_db)
    click.echo(tcol.EXPORT_WROTE.format(rows=rows, path=path))


COMMANDS = [collect_cmd, export_cmd]
