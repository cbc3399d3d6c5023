"""Start-up: importing warta compiles no parser's patterns (they are compiled on first use, by
``lazy_compile``), a first parse gives what a warm one gives, and URL maps resolve paths as
``Path.resolve`` does while resolving each folder once (``PathResolver``).

Speed itself is measured by benchmarks/startup.py, never asserted here.
"""

from __future__ import annotations

import copy
import gc
import json
import pickle
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest

import warta
from warta.parsing.patterns import LazyPattern, lazy_compile
from warta.reading.inputs import Input
from warta.textkit import lazy_compile as kit_lazy_compile
from warta.urlmap import PathResolver, read_url_map, url_for, without_map

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KOMPAS = FIXTURES / "kompas" / "a-standard.txt"
DETIK = FIXTURES / "portals" / "detik" / "header.txt"

# Run in a fresh interpreter: records which modules call re's compiler, and when.
_COUNTING = r"""
import json, re, sys
calls = []
original = re._compile
def counting(pattern, flags):
    if not isinstance(pattern, re.Pattern):
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__") == "re":
            frame = frame.f_back
        calls.append(frame.f_globals.get("__name__", "?") if frame is not None else "?")
    return original(pattern, flags)
re._compile = counting
def taken():
    out = list(calls)
    calls.clear()
    return out
import warta, warta.engine
warta.engine.default_engine()
report = {"import": taken()}
first = [a.to_dict() for a in warta.parse(PAGE)]
report["first"] = taken()
again = [a.to_dict() for a in warta.parse(PAGE)]
report["again"] = taken()
report["records"] = [first, again]
print(json.dumps(report))
"""


def _fresh_run(page: Path) -> dict:
    code = f"PAGE = {str(page)!r}\n" + _COUNTING
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, timeout=120)
    return json.loads(out.stdout)


def _parsers(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith(("warta.plugins", "warta.parsing"))]


def test_importing_warta_compiles_none_of_the_parsers_patterns():
    report = _fresh_run(KOMPAS)
    assert _parsers(report["import"]) == []


def test_a_first_parse_compiles_what_it_uses_once_and_reads_the_page_as_a_warm_one():
    report = _fresh_run(KOMPAS)
    assert _parsers(report["first"])  # the Kompas parser's patterns, compiled on first use
    assert _parsers(report["again"]) == []  # and not again
    first, again = report["records"]
    warm = [a.to_dict() for a in warta.parse(KOMPAS)]  # this process: patterns long compiled
    assert first == again == json.loads(json.dumps(warm))


def test_another_portals_first_parse_reads_the_page_as_a_warm_one():
    report = _fresh_run(DETIK)
    assert report["records"][0] == json.loads(json.dumps([a.to_dict() for a in warta.parse(DETIK)]))


def test_a_lazy_pattern_is_not_compiled_until_used():
    broken = lazy_compile(r"(unclosed")
    assert broken.pattern == "(unclosed"  # made and read without compiling
    with pytest.raises(re.error):
        broken.search("x")


def test_a_lazy_pattern_answers_as_the_compiled_pattern():
    source, flags = r"(?P<day>\d{1,2})\s+(?P<month>[a-z]+)", re.IGNORECASE
    lazy, real = kit_lazy_compile(source, flags), re.compile(source, flags)
    text = "Senin, 4 Maret 2024 dan 12 APRIL"
    assert lazy.search(text).groupdict() == real.search(text).groupdict()
    assert lazy.match(text) is real.match(text) is None
    assert lazy.fullmatch("4 Maret")[0] == real.fullmatch("4 Maret")[0]
    assert lazy.findall(text) == real.findall(text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.sub(r"\g<month>", text) == real.sub(r"\g<month>", text)
    assert lazy.subn("-", text) == real.subn("-", text)
    assert lazy.split(text) == real.split(text)
    assert (lazy.flags, lazy.groups, lazy.groupindex) == (real.flags, real.groups, real.groupindex)
    assert lazy.search("x", 0, 1) is None  # pos / endpos as on a compiled pattern


def test_once_used_its_methods_are_the_compiled_patterns_own():
    lazy = lazy_compile(r"\w+")
    lazy.search("kata")
    compiled = lazy.compiled()
    assert isinstance(compiled, re.Pattern)
    for name in ("match", "search", "fullmatch", "sub", "subn", "split", "findall", "finditer"):
        assert getattr(lazy, name).__self__ is compiled  # no wrapper between a call and re


def test_a_lazy_pattern_pickles_and_copies():
    lazy = lazy_compile(r"^Baca juga\b", re.IGNORECASE)
    lazy.match("baca juga: x")
    again = pickle.loads(pickle.dumps(lazy))
    assert isinstance(again, LazyPattern)
    assert (again.pattern, again.flags) == (lazy.pattern, lazy.flags)
    assert again.match("BACA JUGA") and not again.match("x")
    assert copy.copy(lazy) is lazy and copy.deepcopy([lazy])[0] is lazy


def test_once_used_the_defining_modules_names_hold_the_compiled_pattern():
    module = types.ModuleType("lensadesa")
    exec("from warta.textkit import lazy_compile\n"
         "DATELINE = lazy_compile(r'^(?P<city>[A-Z]+), LensaDesa - ')\n"
         "OPENINGS = (DATELINE,)\n"
         "def city(text):\n"
         "    m = DATELINE.match(text)\n"
         "    return m and m['city']\n", module.__dict__)
    held = module.OPENINGS[0]
    assert isinstance(module.DATELINE, LazyPattern)
    assert module.city("GARUT, LensaDesa - Warga") == "GARUT"
    assert isinstance(module.DATELINE, re.Pattern)  # the module's own calls go straight to re
    assert module.city("GARUT, LensaDesa - Warga") == "GARUT"
    assert held.match("X, LensaDesa - y")["city"] == "X"  # what others hold still works
    assert held.compiled() is module.DATELINE


def test_every_pattern_of_the_built_in_parsers_and_the_kit_compiles():
    # A mistyped pattern no longer fails at import: it would fail on the first page that uses
    # it. Compile every lazy pattern warta holds, so such a pattern fails here.
    warta.engine.Engine()  # every built-in plugin imported
    patterns = [obj for obj in gc.get_objects() if isinstance(obj, LazyPattern)]
    assert patterns
    for pattern in patterns:
        assert isinstance(pattern.compiled(), re.Pattern), pattern


# --- URL maps: PathResolver against Path.resolve ---------------------------------------------


def _outcome(call, path):
    try:
        return "ok", call(path)
    except Exception as exc:  # noqa: BLE001 - the error is part of what must be the same
        return type(exc).__name__, str(exc)


def _tree(root: Path) -> None:
    (root / "real" / "sub").mkdir(parents=True)
    (root / "real" / "a.txt").write_text("x")
    (root / "real" / "sub" / "b.txt").write_text("x")
    (root / "linked").symlink_to(root / "real", target_is_directory=True)
    (root / "real" / "alias.txt").symlink_to(root / "real" / "sub" / "b.txt")
    (root / "real" / "broken.txt").symlink_to(root / "nowhere" / "gone.txt")
    (root / "real" / "up.txt").symlink_to(Path("..") / "real" / "a.txt")
    (root / "loop").symlink_to(root / "loop")
    (root / "linked-sub").symlink_to(Path("real") / "sub")


_SHAPES = [
    "real/a.txt", "real/missing.txt", "linked/a.txt", "linked/sub/b.txt", "linked-sub/b.txt",
    "linked-sub/../a.txt", "real/alias.txt", "real/broken.txt", "real/up.txt", "linked/up.txt",
    "real/a.txt/x", "./real//a.txt", "real/./a.txt", "real/sub/../a.txt", "linked/sub/../a.txt",
    "real/", "real/.", "real/..", ".", "..", "a.txt", "loop/a.txt", "loop", "real/a\x00.txt",
    "no/such/folder/x.txt",
]


@pytest.mark.parametrize("shape", _SHAPES)
def test_a_path_resolver_gives_what_path_resolve_gives(tmp_path, monkeypatch, shape):
    _tree(tmp_path)
    resolve = PathResolver()
    for folder in (tmp_path, tmp_path / "real", tmp_path / "linked"):
        monkeypatch.chdir(folder)  # relative paths: the same resolver, another current folder
        for path in (shape, str(tmp_path / shape)):
            expected = _outcome(lambda p: str(Path(p).resolve()), path)
            assert _outcome(resolve, path) == expected, path
            assert _outcome(resolve, path) == expected, path  # and again, from what it kept


def test_a_map_in_a_linked_folder_matches_inputs_named_either_way(tmp_path, monkeypatch):
    _tree(tmp_path)
    (tmp_path / "real" / "urls.txt").write_text(
        "a.txt https://example.org/a\nsub/b.txt https://example.org/b\n", encoding="utf-8")
    mapping = read_url_map(tmp_path / "linked" / "urls.txt")
    monkeypatch.chdir(tmp_path)
    resolve = PathResolver()
    for path, url in (("real/a.txt", "https://example.org/a"),
                      ("linked/a.txt", "https://example.org/a"),
                      (str(tmp_path / "linked-sub" / "b.txt"), "https://example.org/b"),
                      ("linked-sub/../a.txt", "https://example.org/a"),
                      ("real/alias.txt", "https://example.org/b"),  # a link: its target's URL
                      ("real/missing.txt", None)):
        assert url_for(mapping, path, resolve) == url_for(mapping, path) == url, path


def test_the_map_file_is_left_out_however_it_is_named(tmp_path, monkeypatch):
    _tree(tmp_path)
    (tmp_path / "real" / "urls.txt").write_text("a.txt https://example.org/a\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    items = [Input("real/a.txt"), Input("linked/urls.txt"), Input("real/urls.txt"), Input("-")]
    kept = without_map(items, "real/urls.txt")
    assert [item.path for item in kept] == ["real/a.txt", "-"]


def test_a_run_with_a_map_gives_each_page_its_url(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "one.txt").write_bytes(KOMPAS.read_bytes())
    (tmp_path / "view").symlink_to(pages, target_is_directory=True)
    (tmp_path / "urls.txt").write_text(
        "pages/one.txt https://www.kompas.com/read/2024/03/04/08150011/contoh\n", encoding="utf-8")
    mapping = read_url_map(tmp_path / "urls.txt")
    engine = warta.engine.Engine()
    for path in (pages / "one.txt", tmp_path / "view" / "one.txt"):
        outcome = next(engine.run([Input(str(path))], urls=mapping))
        assert outcome.error is None
        assert outcome.articles[0].url == "https://www.kompas.com/read/2024/03/04/08150011/contoh"

