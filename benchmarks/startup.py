"""Start-up cost: what a user waits for before the first page is parsed (best of N runs).

    python benchmarks/startup.py [N]        # N fresh processes per figure (default 5)

Each figure is the best of N fresh Python processes:

(a) ``import warta`` and building the default engine (``warta.engine.default_engine()``);
(b) the first ``warta.parse`` of a Kompas text page, then of another portal's page (detik);
(c) the whole ``warta parse FILE`` command (wall time of the process);
    (a)-(c) with a bytecode cache (.pyc files in a temporary folder: what an installed warta
    has) and without one (PYTHONDONTWRITEBYTECODE, every module compiled from source);
(d) regular expressions compiled (count and time spent in ``re``'s compiler) during (a) and
    during each first parse of (b), by wrapping ``re._compile``;
(e) a URL map of 1,000 inputs: ``read_url_map``, then ``without_map`` and one ``url_for`` per
    input, as ``warta convert --urls`` does (in one process, best of N).

It runs on an older checkout too (for "before" figures): the URL map part uses a
``PathResolver`` only when there is one.

The pages come from ../shared/corpus when it is there; otherwise from benchmarks/pages.py.

Measured on the 2-core machine, best of 7 (issue 13; before = 12095db, after = patterns
compiled on first use, Boilerplate's anchor test once per pattern, URL map folders resolved
once), with .pyc files / without:

                                         before              after
(a) import warta + default engine   179 ms / 257 ms      99 ms / 186 ms
(b) first parse, Kompas text page     2.7 ms              7.9 ms   (its own patterns now)
    then first parse, detik           0.7 ms              3.5 ms
(c) warta parse FILE (wall)         318 ms / 421 ms     263 ms / 361 ms
(d) warta's patterns compiled at import + engine: 369 (82 ms) -> 30 (3.4 ms, core/reading,
    errors, feeds); first Kompas parse 23 -> 57 (6 ms), first detik parse 5 -> 20 (3 ms)
(e) URL map, 1,000 inputs            68 ms               23 ms
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "corpus"

_CHILD = r"""
import json, re, sys, time
start = time.perf_counter()
original = re._compile
stats = {"count": 0, "seconds": 0.0, "ours": 0, "ours_seconds": 0.0}
seen = set()
def counting(pattern, flags):
    key = (type(pattern), pattern, flags)
    if key in seen or isinstance(pattern, re.Pattern):
        return original(pattern, flags)
    seen.add(key)
    t = time.perf_counter()
    try:
        return original(pattern, flags)
    finally:
        spent = time.perf_counter() - t
        stats["count"] += 1
        stats["seconds"] += spent
        frame = sys._getframe(1)
        while frame is not None and frame.f_globals.get("__name__") == "re":
            frame = frame.f_back
        name = frame.f_globals.get("__name__", "") if frame is not None else ""
        if name.split(".")[0] in ("warta", "core", "plugins"):
            stats["ours"] += 1
            stats["ours_seconds"] += spent
if COUNT:
    re._compile = counting
def phase():
    out = dict(stats); stats.update(count=0, seconds=0.0, ours=0, ours_seconds=0.0)
    return out
import warta, warta.engine
warta.engine.default_engine()
t_engine = time.perf_counter() - start; c_engine = phase()
t = time.perf_counter(); warta.parse(KOMPAS); t_kompas = time.perf_counter() - t
c_kompas = phase()
t = time.perf_counter(); warta.parse(OTHER); t_other = time.perf_counter() - t
c_other = phase()
print(json.dumps({"engine": t_engine, "kompas": t_kompas, "other": t_other,
                  "c_engine": c_engine, "c_kompas": c_kompas, "c_other": c_other}))
"""

_URLMAP = r"""
import json, os, sys, time
from warta.reading.inputs import Input
from warta.reading import urlmap
from warta.reading.urlmap import read_url_map, url_for, without_map
folder, n = sys.argv[1], int(sys.argv[2])
names = sorted(os.listdir(os.path.join(folder, "pages")))
items = [Input(os.path.join(folder, "pages", name)) for name in names]
items.append(Input(os.path.join(folder, "urls.txt")))
best = None
for _ in range(n):
    t = time.perf_counter()
    mapping = read_url_map(os.path.join(folder, "urls.txt"))
    pages = without_map(items, os.path.join(folder, "urls.txt"))
    # One run's resolver, as Engine.run passes it (none before there was one).
    extra = (urlmap.PathResolver(),) if hasattr(urlmap, "PathResolver") else ()
    found = sum(url_for(mapping, item.path, *extra) is not None for item in pages)
    dt = time.perf_counter() - t
    assert found == len(names), found
    best = dt if best is None else min(best, dt)
print(json.dumps({"urlmap": best}))
"""


def pages() -> tuple[Path, Path, Path]:
    """A Kompas text page, another portal's text page, and a folder to write in."""
    tmp = Path(tempfile.mkdtemp(prefix="warta-startup-"))
    kompas = SHARED / "kompas-text" / "010.txt"
    other = SHARED / "portals-text" / "detik" / "002.txt"
    if not (kompas.is_file() and other.is_file()):
        import random
        sys.path.insert(0, str(HERE))
        from pages import page
        kompas = tmp / "kompas.txt"
        kompas.write_text(page(1, random.Random(1)), encoding="utf-8")
        other = tmp / "other.txt"
        other.write_text(page(2, random.Random(2)), encoding="utf-8")
    return kompas, other, tmp


def environment(tmp: Path, bytecode: bool) -> dict[str, str]:
    """The children's environment: with a bytecode cache (in ``tmp``, as an installed warta
    has its .pyc files), or with none (every module compiled from source at each start, as
    under PYTHONDONTWRITEBYTECODE with a source checkout)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def child(kompas: Path, other: Path, count: bool, env: dict[str, str]) -> dict:
    code = (f"COUNT = {count!r}\nKOMPAS = {str(kompas)!r}\nOTHER = {str(other)!r}\n" + _CHILD)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         env=env)
    return json.loads(out.stdout)


def command(kompas: Path, env: dict[str, str]) -> float:
    warta = Path(sys.executable).parent / "warta"
    argv = [str(warta)] if warta.exists() else [sys.executable, "-m", "warta"]
    start = time.perf_counter()
    subprocess.run([*argv, "parse", str(kompas), "-q"], check=True, stdout=subprocess.DEVNULL,
                   env=env)
    return time.perf_counter() - start


def urlmap(tmp: Path, runs: int, inputs: int = 1000) -> float:
    folder = tmp / "map"
    (folder / "pages").mkdir(parents=True)
    lines = []
    for i in range(inputs):
        name = f"{i:05d}.txt"
        (folder / "pages" / name).write_text("x\n", encoding="utf-8")
        lines.append(f"pages/{name} https://example.org/news/{i}")
    (folder / "urls.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _URLMAP, "map", str(runs)], check=True,
                         capture_output=True, text=True, cwd=tmp)
    return json.loads(out.stdout)["urlmap"]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    kompas, other, tmp = pages()
    print(f"best of {runs} fresh processes ({kompas.name} Kompas, {other.parent.name}/{other.name})")
    for bytecode in (True, False):
        env = environment(tmp, bytecode)
        command(kompas, env)  # fills the bytecode cache (when there is one)
        timed = [child(kompas, other, count=False, env=env) for _ in range(runs)]
        best = {key: min(run[key] for run in timed) for key in ("engine", "kompas", "other")}
        wall = min(command(kompas, env) for _ in range(runs))
        print("with .pyc files (an installed warta)" if bytecode else
              "without .pyc files (PYTHONDONTWRITEBYTECODE: every module compiled at start)")
        print(f"(a) import warta + default engine   {best['engine'] * 1000:7.1f} ms")
        print(f"(b) first parse, Kompas text page   {best['kompas'] * 1000:7.1f} ms")
        print(f"    then first parse, {other.parent.name:<13} {best['other'] * 1000:7.1f} ms")
        print(f"(c) warta parse FILE (wall)         {wall * 1000:7.1f} ms")
    counted = child(kompas, other, count=True, env=environment(tmp, True))
    for label, key in (("import + engine", "c_engine"), ("first Kompas parse", "c_kompas"),
                       ("first other parse", "c_other")):
        stats = counted[key]
        print(f"(d) re compiled in {label:<18}{stats['count']:4d} patterns "
              f"{stats['seconds'] * 1000:7.1f} ms, of which warta's own {stats['ours']:4d} "
              f"{stats['ours_seconds'] * 1000:6.1f} ms")
    print(f"(e) URL map, 1,000 inputs           {urlmap(tmp, runs) * 1000:7.1f} ms")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
