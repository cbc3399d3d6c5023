"""``--help`` as plain text that reads the same whatever Typer or Click is installed.

Typer's own help changes from version to version: some show each option's Python type
(``<bool>``, ``<list[str]>``) and wrap required arguments in braces (``{inputs}...``). warta's
commands use :class:`HelpCommand` and its app :class:`HelpGroup`, which write the usage line,
the description, the arguments and the options themselves, from the few attributes every
Click parameter has (``opts``, ``metavar``, ``help``, ``nargs``, ``required``, ``default``).
Give each option that takes a value a ``metavar`` (``DIR``, ``URL``, ``N``): that is the word
the help shows.
"""

from __future__ import annotations

import inspect
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


def _words(text: str | None) -> list[str]:
    """The paragraphs of a help text, each on one line."""
    return [" ".join(p.split()) for p in inspect.cleandoc(text or "").split("\n\n") if p.strip()]


def _argument_usage(param: Any) -> str:
    name = param.metavar or (param.name or "arg").upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


def _option_metavar(param: Any) -> str:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    return param.metavar or (param.name or "value").upper()


def _default(param: Any) -> str | None:
    """The default to show, or None (flags, no default, or ``show_default=False``)."""
    show = getattr(param, "show_default", None)
    if show is False or getattr(param, "is_flag", False):
        return None
    if isinstance(show, str):
        return show
    value = param.default
    if value is None or value == () or value == [] or callable(value) or isinstance(value, bool):
        return None
    return str(value)


def _rows(command: Any, ctx: Any) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    arguments, options = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        text = " ".join((param.help or "").split()) if hasattr(param, "help") else ""
        if param.param_type_name == "argument":
            extra = [] if param.required else ["optional"]
            arguments.append((_argument_usage(param).strip("[]"), _with(text, extra)))
            continue
        names = sorted(param.opts, key=lambda o: (o.startswith("--"), o))
        label = ", ".join(names)
        if param.secondary_opts:
            label += " / " + ", ".join(param.secondary_opts)
        metavar = _option_metavar(param)
        if metavar:
            label += f" {metavar}"
        extra = []
        default = _default(param)
        if default is not None:
            extra.append(f"default: {default}")
        if param.required:
            extra.append("required")
        options.append((label, _with(text, extra)))
    return arguments, options


def _with(text: str, extra: list[str]) -> str:
    if not extra:
        return text
    return f"{text} [{'; '.join(extra)}]" if text else f"[{'; '.join(extra)}]"


def _write(command: Any, ctx: Any, formatter: Any, commands: list[tuple[str, str]] | None) -> None:
    command.format_usage(ctx, formatter)
    for paragraph in _words(command.help):
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(paragraph)
    arguments, options = _rows(command, ctx)
    for title, rows in (("Arguments", arguments), ("Options", options), ("Commands", commands)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class HelpCommand(TyperCommand):
    """A Typer command whose help and usage line are plain text (see the module docstring)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = ["[OPTIONS]"]
        pieces += [_argument_usage(p) for p in self.get_params(ctx)
                   if p.param_type_name == "argument" and not getattr(p, "hidden", False)]
        return pieces

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _write(self, ctx, formatter, None)


class HelpGroup(TyperGroup):
    """The app: its commands listed with the first sentence of their help, in plain text."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return ["[OPTIONS]", "COMMAND [ARGS]..."]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # ``warta`` alone: the help on standard output, exit status 2 (a usage error). Some
        # Typer versions print it only through their own rich help, which this class replaces.
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(2)
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or getattr(command, "hidden", False):
                continue
            first = (_words(command.short_help or command.help) or [""])[0]
            commands.append((name, first))
        _write(self, ctx, formatter, commands)


__all__ = ["HelpCommand", "HelpGroup"]
