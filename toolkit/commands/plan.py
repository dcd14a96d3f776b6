"""`nplan init` and `nplan plan check|show|rollover`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from toolkit import cycle
from toolkit import plan as master
from toolkit.commands.common import (
    db_option,
    echo_findings,
    existing_file,
    force_option,
    guard_output,
    output_option,
    pdf_option,
    template_option,
)
from toolkit.core.errors import InputError
from toolkit.history.backend import describe
from toolkit.plan import empty_plan, plan_tree
from toolkit.plan.source import load_plan_source
from toolkit.texts import cli as tcli
from toolkit.texts import master as tm
from toolkit.texts import plan as tp
from toolkit.texts import plan_document as tpd


@click.command(help=tp.HELP_INIT)
@click.option("--year", type=click.IntRange(2000, 2100), help=tp.HELP_INIT_YEAR)
@click.option("--committee", default="", help=tp.HELP_INIT_COMMITTEE)
@click.option("--source", "source", type=click.Path(dir_okay=False, path_type=Path), help=tp.HELP_INIT_SOURCE)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=tp.HELP_INIT_OUTPUT)
@force_option()
def init(year: int | None, committee: str, source: Path | None, output: Path, force: bool) -> None:
    """Write a master: empty for a plan year, or built from a plan source (TOML)."""
    if source is None and year is None:
        raise click.UsageError(tp.INIT_NEEDS_YEAR_OR_SOURCE)
    _ensure_xlsx(output)
    guard_output(output, force=force)
    if source is not None:
        plan = load_plan_source(existing_file(source))
        if year is not None:
            plan.settings.year = year
        if committee:
            plan.settings.committee = committee
    else:
        assert year is not None
        plan = empty_plan(year, committee)
    master.write_master(plan, output)
    click.echo(tcli.WROTE.format(path=output))


@click.group(help=tp.HELP_GROUP)
def plan() -> None:
    """Read, check and roll over the master."""


@plan.command("check", help=tp.HELP_CHECK)
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help=tcli.HELP_FORMAT)
def check(master_file: Path, fmt: str) -> None:
    """Check the master: every finding with sheet and cell; exit 1 on errors."""
    plan_, read_findings = master.read_master(existing_file(master_file))
    found = read_findings + master.check_plan(plan_, master_file.name, read_findings)
    if fmt == "json":
        click.echo(json.dumps({"file": str(master_file), "valid": not any(f.is_error for f in found),
                               "findings": [f.to_dict() for f in found]}, ensure_ascii=False, indent=2))
    else:
        echo_findings(found)
        errors = sum(f.is_error for f in found)
        if found:
            click.echo(tcli.PLAN_FINDINGS.format(errors=errors, warnings=len(found) - errors, path=master_file))
        else:
            click.echo(tcli.PLAN_CLEAN.format(path=master_file))
    if any(f.is_error for f in found):
        raise click.exceptions.Exit(1)


@plan.command("show", help=tp.HELP_SHOW)
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
def show(master_file: Path) -> None:
    """Print the plan as a tree; warn on stderr when the master has errors."""
    plan_, read_findings = master.read_master(existing_file(master_file))
    click.echo(plan_tree(plan_))
    found = read_findings + master.check_plan(plan_, master_file.name, read_findings)
    errors = [f for f in found if f.is_error]
    if errors:
        click.echo(tp.TREE_HAS_ERRORS.format(count=len(errors), path=master_file), err=True)


@plan.command("rollover", help=tp.HELP_ROLLOVER)
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "year", required=True, type=click.IntRange(2000, 2100), help=tp.HELP_ROLLOVER_TO)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help=tp.HELP_ROLLOVER_OUTPUT)
@db_option(tp.HELP_ROLLOVER_DB)
@force_option()
def rollover_cmd(master_file: Path, year: int, output: Path, db: Path | str | None, network_db: bool,
                 force: bool) -> None:
    """Write next year's master from this one and the history (cycle.rollover); print its summary."""
    done = cycle.rollover(cycle.Master.load(master_file), year, output, db=db, force=force,
                          allow_network_db=network_db)
    rolled, year_end = done.rollover, done.rollover.year_end
    click.echo(tcli.ROLLOVER_DONE.format(path=done.master, year=year))
    if year_end is not None:
        click.echo(tp.ROLLOVER_HISTORY.format(database=describe(done.database),
                                              year=year_end.complete_year or tp.ROLLOVER_NONE,
                                              plan_year=rolled.previous_year,
                                              last=year_end.last_period or tp.ROLLOVER_NONE))
    echo_findings(done.notes)  # a missing database or year-end period, named
    click.echo(tp.ROLLOVER_DATABASE_SETTING.format(setting=done.setting, year=rolled.previous_year))
    done_from_history = [i for i in rolled.from_history if not i.to_do]
    for heading, items in ((tp.ROLLOVER_FROM_HISTORY, done_from_history), (tp.ROLLOVER_TO_DO, rolled.to_do)):
        if items:
            click.echo("")
            click.echo(heading)
            for item in items:
                area = tp.ROLLOVER_AREAS[item.area]
                click.echo(tp.ROLLOVER_LINE.format(area=area, item=item.item_id, text=item.text) if item.item_id
                           else tp.ROLLOVER_LINE_NO_ID.format(area=area, text=item.text))
    click.echo("")
    click.echo(tp.ROLLOVER_SHEET_NOTE.format(sheet=tm.SHEET_ROLLOVER))
    click.echo(tp.ROLLOVER_NEXT_STEPS.format(path=done.master))


@plan.command("document", help=tpd.HELP)
@click.argument("master_file", metavar="MASTER", type=click.Path(dir_okay=False, path_type=Path))
@output_option(tpd.HELP_OUTPUT)
@template_option(tpd.HELP_TEMPLATE)
@pdf_option(tpd.HELP_PDF)
@force_option()
def document_cmd(master_file: Path, output: Path, template: Path | None, pdf: bool, force: bool) -> None:
    """Write the plan document (Word, and a tagged PDF with --pdf) from the master."""
    result = cycle.plan_document(cycle.Master.load(master_file), output, template=template, pdf=pdf, force=force)
    for text, asked, written in result.adjusted:
        click.echo(tpd.HEADING_ADJUSTED.format(text=text, asked=asked, written=written), err=True)
    for p in result.problems:
        click.echo(tpd.ACCESSIBILITY_PROBLEM.format(path=result.document, code=p.code, message=p.message))
    click.echo(tpd.WROTE.format(path=result.document))
    if result.pdf is not None:
        click.echo(tpd.WROTE_PDF.format(path=result.pdf))


def _ensure_xlsx(output: Path) -> None:
    if output.suffix.lower() != ".xlsx":
        raise InputError(tp.OUTPUT_NOT_XLSX.format(path=output))
