"""Helpers shared by the click commands: file arguments, output guards, rendering findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click

from toolkit.core.errors import InputError
from toolkit.core.findings import Finding
from toolkit.core.periods import Period, PeriodError
from toolkit.texts import cli as t


def existing_file(path: Path) -> Path:
    if not path.is_file():
        raise InputError(t.FILE_NOT_FOUND.format(path=path))
    return path


def ensure_new_output(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise InputError(t.OUTPUT_EXISTS.format(path=path))


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
