"""What the click commands share: option decorators, the --period type, rendering findings. Commands parse
options, call one step of ``toolkit.cycle`` (or one library function) and render its result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from toolkit.core.findings import Finding
from toolkit.core.periods import Period, PeriodError
from toolkit.cycle import existing_file, guard_output
from toolkit.history.backend import as_target
from toolkit.texts import cli as tcli
from toolkit.texts import history as th
from toolkit.texts import returns as tr

__all__ = ["PERIOD", "db_option", "deadline_option", "echo_findings", "existing_file", "force_option",
           "format_finding", "guard_output", "master_option", "output_option", "pdf_option", "period_option",
           "template_option"]

F = TypeVar("F", bound=Callable[..., Any])


def format_finding(f: Finding) -> str:
    where = f.location or "-"
    return f"{f.severity.upper():<7} {where}  [{f.code}] {f.message}"


def echo_findings(findings: Iterable[Finding]) -> None:
    for f in findings:
        click.echo(format_finding(f))


class PeriodType(click.ParamType):
    """A --period option: "2026-T2", "T2 2026", "2026-aug"; a bad one is a usage error (exit 2) in Swedish."""

    name = "period"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> Period:
        if isinstance(value, Period):
            return value
        try:
            return Period.parse(str(value))
        except PeriodError as exc:
            self.fail(str(exc), param, ctx)


PERIOD = PeriodType()


def master_option(help: str) -> Callable[[F], F]:
    """--master MASTERFIL (required), as ``master_file: Path``."""
    return click.option("--master", "master_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
                        help=help)


def period_option(help: str, *, required: bool = True) -> Callable[[F], F]:
    """--period P, as ``period: Period`` (a bad period is a usage error)."""
    return click.option("--period", required=required, type=PERIOD, help=help)


def _database(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | str | None:
    return None if value is None else as_target(value)


def db_option(help: str, *, required: bool = False) -> Callable[[F], F]:
    """--db FILE_OR_URL (an SQLite file, or a postgresql:// URL), as ``db: Path | str | None``; with it
    --sqlite-pa-natverksenhet, as ``network_db: bool``."""
    def decorate(f: F) -> F:
        f = click.option("--sqlite-pa-natverksenhet", "network_db", is_flag=True, help=th.HELP_NETWORK_OVERRIDE)(f)
        return click.option("--db", "db", required=required, metavar=tcli.DB_METAVAR, callback=_database,
                            help=help)(f)
    return decorate


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as exc:
        raise click.BadParameter(tr.DEADLINE_INVALID.format(value=value), ctx=ctx, param=param) from exc


def deadline_option(help: str) -> Callable[[F], F]:
    """--deadline ÅÅÅÅ-MM-DD, as ``deadline: dt.date | None`` (a bad date is a usage error)."""
    return click.option("--deadline", callback=_date, metavar=tr.DEADLINE_METAVAR, help=help)


def output_option(help: str | None = None) -> Callable[[F], F]:
    """-o/--output FILE (required), as ``output: Path``."""
    return click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
                        help=help)


def force_option(help: str = tcli.HELP_FORCE) -> Callable[[F], F]:
    """--force, as ``force: bool``."""
    return click.option("--force", is_flag=True, help=help)


def template_option(help: str) -> Callable[[F], F]:
    """--template WORDMALL (the region's .docx or .dotx), as ``template: Path | None``."""
    return click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path), help=help)


def pdf_option(help: str) -> Callable[[F], F]:
    """--pdf, as ``pdf: bool``: also a tagged PDF of the document."""
    return click.option("--pdf", is_flag=True, help=help)
