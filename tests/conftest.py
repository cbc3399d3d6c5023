"""Shared pytest fixtures for warta's tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"

# Support modules for the tests (tests/ is not a package): `import storetest`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))

from corpus import load_index  # noqa: E402


@pytest.fixture(scope="session")
def engine():
    """One Engine with the built-in plugins (and any installed ones)."""
    from warta import Engine

    return Engine()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder (corpus and seed); skips when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (corpus tests run only inside the warta workspace)")
    return SHARED


@pytest.fixture(scope="session")
def portal_pages(shared):
    """A function: portal folder name -> [(path, index row)] from corpus/portals-text."""
    root = shared / "corpus" / "portals-text"
    rows = load_index(root / "index.jsonl")

    def pages(portal: str) -> list[tuple[Path, dict]]:
        found = [(root / row["file"], row) for row in rows if row["file"].split("/")[0] == portal]
        if not found:
            pytest.skip(f"no corpus pages for {portal}")
        return found

    return pages


@pytest.fixture
def no_proxy(monkeypatch):
    """Loopback HTTP in tests must not go through a proxy set in the environment."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
