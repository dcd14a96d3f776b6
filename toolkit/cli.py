"""The `nplan` command line: parses, calls one library function, renders.

Errors: an NplanError becomes "Fel: ..." and exit 1; click's usage errors exit 2; anything unexpected
becomes a short Swedish message and exit 1, with the traceback only under --debug.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from toolkit import __version__
from toolkit.core.errors import NplanError
from toolkit.texts import cli as tcli


class UserError(click.ClickException):
    """A Swedish message for the user, printed as "Fel: ..." with exit code 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"{tcli.ERROR_PREFIX}: {self.format_message()}", err=True)


class FindingsExit(click.exceptions.Exit):
    """Exit 1 after the command printed its findings itself."""

    def __init__(self) -> None:
        super().__init__(1)


class NplanGroup(click.Group):
    """Turns library errors into UserError once, for every command below it."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except NplanError as exc:
            if _debug(ctx):
                raise
            raise UserError(str(exc)) from exc
        except KeyboardInterrupt:
            raise click.exceptions.Abort() from None
        except Exception as exc:
            if _debug(ctx):
                raise
            raise UserError(tcli.UNEXPECTED.format(reason=f"{type(exc).__name__}: {exc}")) from exc


def _debug(ctx: click.Context) -> bool:
    root = ctx.find_root()
    return bool(root.params.get("debug")) or bool((root.obj or {}).get("debug"))


def _swedish_click() -> None:
    """Route click's own texts (usage errors, help headings) through our Swedish table."""
    import importlib

    from toolkit.texts.click_sv import MESSAGES

    def translate(message: str) -> str:
        return MESSAGES.get(message, message)

    def ntranslate(singular: str, plural: str, n: int) -> str:
        return translate(singular if n == 1 else plural)

    for name in ("core", "exceptions", "types", "parser", "formatting", "decorators", "termui"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            setattr(module, "_", translate)  # noqa: B010 (a module attribute click looks up at call time)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ntranslate)  # noqa: B010


# Before any command is declared: click.version_option reads its help text when it decorates.
_swedish_click()


@click.group(cls=NplanGroup, context_settings={"help_option_names": ["-h", "--help"]}, help=tcli.HELP_MAIN)
@click.option("--debug", is_flag=True, help=tcli.HELP_DEBUG)
@click.version_option(__version__, prog_name="nplan")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """The root group: the --debug flag, the version and every registered command."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    from toolkit.commands import plan as plan_cmds

    main.add_command(plan_cmds.init)
    main.add_command(plan_cmds.plan)
    for module_name in ("returns", "validate", "collect", "remind", "consolidate", "budget", "history", "demo"):
        try:
            module = __import__(f"toolkit.commands.{module_name}", fromlist=["COMMANDS"])
        except ModuleNotFoundError as exc:
            if exc.name != f"toolkit.commands.{module_name}":
                raise
            continue
        for command in module.COMMANDS:
            main.add_command(command)


_register()


def _swedish_placeholders(command: click.Command) -> None:
    """Swedish placeholders in usage lines ([FLAGGOR], KOMMANDO) and for typed values (HELTAL)."""
    from toolkit.texts.click_sv import (
        ARGUMENT_METAVARS,
        OPTIONS_METAVAR,
        SUBCOMMAND_METAVAR,
        TYPE_METAVARS,
    )

    command.options_metavar = OPTIONS_METAVAR
    for param in command.params:
        if isinstance(param, click.Argument):
            shown = (param.metavar or param.name or "").upper()
            if shown in ARGUMENT_METAVARS:
                param.metavar = ARGUMENT_METAVARS[shown]
        elif isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
            name = param.type.name.upper()
            if name in TYPE_METAVARS:
                param.metavar = TYPE_METAVARS[name]
    if isinstance(command, click.Group):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            _swedish_placeholders(sub)


_swedish_placeholders(main)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
