"""`nplan validate FILE_OR_DIR ... --master MASTER [--period P] [--format text|json] [--annotate OUTDIR]`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit import plan as master
from toolkit.commands.common import PERIOD, existing_file, format_finding
from toolkit.core.errors import InputError
from toolkit.core.periods import Period
from toolkit.core.returndata import ValidationResult
from toolkit.texts import validate as tv


@click.command("validate", help=tv.HELP)
@click.argument("paths", metavar="FILE_OR_DIR...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("--master", "master_file", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=tv.HELP_MASTER)
@click.option("--period", type=PERIOD, help=tv.HELP_PERIOD)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=tv.HELP_FORMAT)
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False, path_type=Path),
              help=tv.HELP_ANNOTATE)
def validate_cmd(paths: tuple[Path, ...], master_file: Path, period: Period | None, fmt: str,
                 annotate_dir: Path | None) -> None:
    """Validate returns against the master; print the findings per file, optionally write annotated copies."""
    from toolkit.validate.checks import PlanContext, annotate, expand_paths, validate_paths

    plan = master.load_plan(existing_file(master_file))
    files = expand_paths(paths)
    if not files:
        raise InputError(tv.NO_FILES.format(paths=", ".join(str(p) for p in paths)))
    results = validate_paths(files, PlanContext(plan), period=period)
    annotated: dict[str, Path] = {}
    if annotate_dir is not None:
        used: set[str] = set()
        for r in results:
            if not r.findings or any(f.code == "lock-file" for f in r.findings):
                continue
            name = _unique_name(Path(r.path), used)
            annotated[r.path] = annotate(r, annotate_dir, name=name)
    if fmt == "json":
        entries = [_as_json(r, annotated.get(r.path)) for r in results]
        click.echo(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
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


def _unique_name(path: Path, used: set[str]) -> str:
    from toolkit.validate.annotate import annotated_name

    name = annotated_name(path)
    stem, n = name.removesuffix(".xlsx"), 2
    while name.casefold() in used:
        name = f"{stem}_{n}.xlsx"
        n += 1
    used.add(name.casefold())
    return name


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


def _as_json(r: ValidationResult, annotated: Path | None) -> dict[str, object]:
    out: dict[str, object] = {
        "file": r.path,
        "valid": r.valid,
        "sha256": r.sha256,
        "unit_id": r.data.unit_id if r.data else None,
        "period": r.data.period if r.data else None,
        "errors": len(r.errors),
        "warnings": len(r.warnings),
        "findings": [f.to_dict() for f in r.findings],
    }
    if annotated is not None:
        out["annotated"] = str(annotated)
    return out


COMMANDS = [validate_cmd]
