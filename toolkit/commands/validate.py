"""`nplan validate FILE_OR_DIR ... --master MASTER [--period P] [--format text|json] [--annotate OUTDIR]`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit import cycle
from toolkit.commands.common import db_option, format_finding, master_option, period_option
from toolkit.core.errors import InputError
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult
from toolkit.texts import validate as tv


@click.command("validate", help=tv.HELP)
@click.argument("paths", metavar="FILE_OR_DIR...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@master_option(tv.HELP_MASTER)
@period_option(tv.HELP_PERIOD, required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=tv.HELP_FORMAT)
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False, path_type=Path),
              help=tv.HELP_ANNOTATE)
@db_option(tv.HELP_DB)
def validate_cmd(paths: tuple[Path, ...], master_file: Path, period: Period | None, fmt: str,
                 annotate_dir: Path | None, db: Path | str | None, network_db: bool) -> None:
    """Validate returns against the master (with the history's earlier values, as collect does); print the
    findings per file, optionally write annotated copies."""
    review = cycle.review(cycle.Master.load(master_file), list(paths), period=period, annotate_dir=annotate_dir,
                          db=db, allow_network_db=network_db)
    results, annotated = review.results, review.annotated
    if not results:
        raise InputError(tv.NO_FILES.format(paths=", ".join(str(p) for p in paths)))
    if fmt == "json":
        notes = [n.to_dict() for n in review.notes]
        entries = [_as_json(r, annotated.get(r.path), notes) for r in results]
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        for note in review.notes:
            click.echo(format_finding(note))
        for r in results:
            for f in r.findings:
                click.echo(format_finding(f))
            click.echo(_summary(r))
            if r.path in annotated:
                click.echo(tv.ANNOTATED.format(path=annotated[r.path]))
        if len(results) > 1:
            valid = sum(r.valid for r in results)
            with_errors = sum(bool(r.errors) for r in results)
            unread = len(results) - valid - with_errors
            click.echo(tv.TOTAL.format(files=len(results), valid=valid, invalid=with_errors)
                       + (tv.TOTAL_UNREAD.format(unread=unread) if unread else ""))
    if any(r.errors for r in results):
        raise click.exceptions.Exit(1)


def _summary(r: ValidationResult) -> str:
    errors, warnings = len(r.errors), len(r.warnings)
    if r.data is None:
        return tv.FILE_NOT_READ.format(file=r.path, errors=errors, warnings=warnings)
    if errors:
        return tv.FILE_BAD.format(file=r.path, errors=errors, warnings=warnings)
    if warnings:
        return tv.FILE_OK_WARNINGS.format(file=r.path, warnings=warnings, unit=r.data.unit_id,
                                          period=r.data.period)
    return tv.FILE_OK.format(file=r.path, unit=r.data.unit_id, period=r.data.period)


def _as_json(r: ValidationResult, annotated: Path | None, notes: list[dict[str, str]]) -> dict[str, object]:
    out: dict[str, object] = {
        "file": r.path,
        "valid": r.valid,
        "sha256": r.sha256,
        "unit_id": r.data.unit_id if r.data else None,
        "period": str(r.data.period) if r.data else None,
        "errors": len(r.errors),
        "warnings": len(r.warnings),
        "findings": [f.to_dict() for f in r.findings],
    }
    if annotated is not None:
        out["annotated"] = str(annotated)
    if notes:  # what the history lacked for the plausibility checks (the same for every file)
        out["history"] = notes
    return out


COMMANDS = [validate_cmd]
