"""The package's layout (issue 11): no import cycle, every module says what it owns and
stays small, and the import paths plugin authors were given keep working."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: "No module over ~400 lines": the few that are a little over say why in their docstring.
MAX_LINES = 450


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for base, package in ((ROOT / "core", "warta"), (ROOT / "plugins", "warta.plugins")):
        for path in sorted(base.rglob("*.py")):
            parts = list(path.relative_to(base).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            if is_package:
                parts = parts[:-1]
            found[".".join([package, *parts])] = (path, is_package)
    return found


def _type_checking_only(tree: ast.AST) -> set[int]:
    """Nodes inside ``if TYPE_CHECKING:`` blocks (annotations only: never imported at run time)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            inside.update(id(n) for n in ast.walk(node) if n is not node)
    return inside


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports, at module level or inside functions."""
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if is_package else name.rpartition(".")[0]
        skip = _type_checking_only(tree)
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                subs = [f"{module}.{alias.name}" for alias in node.names]
                targets = subs if all(t in modules for t in subs) else [module, *subs]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("name", sorted(_modules()))
def test_every_module_says_what_it_owns_and_stays_small(name):
    path, _ = _modules()[name]
    text = path.read_text(encoding="utf-8")
    assert ast.get_docstring(ast.parse(text)), f"{name} has no opening docstring"
    assert text.count("\n") <= MAX_LINES, f"{name} has {text.count(chr(10))} lines"


@pytest.mark.parametrize("old", ["warta.textkit", "warta.dates", "warta.textnorm", "warta.identity",
                                 "warta.mhtml", "warta.store", "warta.feed", "warta.loaders",
                                 "warta.htmlmeta", "warta.parser", "warta.document", "warta.server"])
def test_old_import_paths_give_the_module_at_its_new_place(old):
    import warta

    module = importlib.import_module(old)
    assert module is importlib.import_module(warta.MOVED[old])
    assert module.__name__ == warta.MOVED[old] != old
    assert importlib.import_module(f"{old}") is module  # the same object every time


def test_warta_testing_and_the_api_stay_where_they_were():
    import warta
    import warta.testing

    assert warta.testing.__name__ == "warta.testing"
    assert callable(warta.parse) and callable(warta.convert) and callable(warta.build_feed)
    assert callable(warta.write_feed) and warta.TextDumpParser.__module__ == "warta.parsing.textparser"


def test_every_room_is_a_package_with_a_docstring():
    for room in ("reading", "parsing", "feeds", "subscribing"):
        module = importlib.import_module(f"warta.{room}")
        assert module.__doc__ and module.__file__.endswith("__init__.py")
