"""The plugin manager: built-in plugins, third-party entry points, blocking by name."""

from __future__ import annotations

import importlib
import os
from importlib.metadata import entry_points

import pluggy

from . import hookspecs
from .errors import WartaError

#: Built-in plugins, registered in this order (and never also through entry points).
BUILTIN_PLUGINS: tuple[str, ...] = (
    "warta.defaults",
    "warta.plugins.kompas",
    "warta.plugins.kompas_html",
    "warta.plugins.kumparan",
    "warta.plugins.merdeka",
    "warta.plugins.viva",
    "warta.plugins.jakartapost",
    "warta.plugins.katadata",
    "warta.plugins.tirto",
    "warta.plugins.voa",
    "warta.plugins.bbcindonesia",
    "warta.plugins.detik",
    "warta.plugins.cnnindonesia",
    "warta.plugins.tempo",
    "warta.plugins.liputan6",
    "warta.plugins.tribunnews",
    "warta.plugins.antara",
    "warta.plugins.republika",
    "warta.plugins.okezone",
    "warta.plugins.cnbcindonesia",
    "warta.plugins.suara",
    "warta.plugins.jpnn",
    "warta.plugins.idntimes",
    "warta.plugins.inews",
    "warta.plugins.mediaindonesia",
    "warta.plugins.sindonews",
    "warta.plugins.generic",
    "warta.plugins.generictext",
)

ENTRY_POINT_GROUP = "warta"
DISABLE_ENV = "WARTA_DISABLE_PLUGINS"


def disabled_names() -> set[str]:
    """Plugin names blocked through ``WARTA_DISABLE_PLUGINS`` (comma separated)."""
    raw = os.environ.get(DISABLE_ENV, "")
    return {name.strip() for name in raw.split(",") if name.strip()}


def short_name(module_name: str) -> str:
    """``warta.plugins.kompas`` -> ``kompas``; ``warta.defaults`` -> ``defaults``."""
    return module_name.rsplit(".", 1)[-1]


def make_manager(*, load_entry_points: bool = True) -> pluggy.PluginManager:
    """A plugin manager with every enabled built-in and installed plugin registered.

    A plugin is blocked before it is imported when its name (the short module name for
    built-ins, the entry-point name for third-party plugins) is in ``WARTA_DISABLE_PLUGINS``.
    A hook implementation that names no known hook is an error.
    """
    pm = pluggy.PluginManager("warta")
    pm.add_hookspecs(hookspecs)
    blocked = disabled_names()
    for module_name in BUILTIN_PLUGINS:
        name = short_name(module_name)
        if name in blocked or module_name in blocked:
            pm.set_blocked(name)
            continue
        pm.register(importlib.import_module(module_name), name=name)
    if load_entry_points:
        for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if ep.name in blocked or pm.is_blocked(ep.name) or pm.has_plugin(ep.name):
                continue
            try:
                plugin = ep.load()
            except Exception as exc:  # a broken third-party plugin must not hide the rest
                raise WartaError(
                    f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}; "
                    f"block it with {DISABLE_ENV}={ep.name}"
                ) from exc
            pm.register(plugin, name=ep.name)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise WartaError(f"a plugin implements an unknown hook: {exc}") from exc
    return pm
