"""Packaging facts from DESIGN.md that silently break a wheel when they stop being true."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def python_folders(base: Path) -> set[Path]:
    """Every folder under ``base`` (itself included) that holds .py files."""
    return {
        path.parent for path in base.rglob("*.py")
        if "__pycache__" not in path.parts and not any(p.startswith(".") for p in path.relative_to(base).parts)
    }


def package_for(folder: Path) -> str | None:
    """The package name a source folder installs as, through ``package-dir``."""
    for package, source in SETUPTOOLS["package-dir"].items():
        source_dir = ROOT / source
        if folder == source_dir or source_dir in folder.parents:
            rest = folder.relative_to(source_dir).parts
            return ".".join((package, *rest))
    return None


def test_package_dir_maps_core_and_plugins():
    assert SETUPTOOLS["package-dir"] == {"warta": "core", "warta.plugins": "plugins"}


def test_every_python_folder_is_a_listed_package():
    packages = set(SETUPTOOLS["packages"])
    for base in ("core", "plugins"):
        for folder in python_folders(ROOT / base):
            name = package_for(folder)
            assert name in packages, f"{folder.relative_to(ROOT)} installs as {name!r}, missing from packages"
            assert (folder / "__init__.py").is_file(), f"{folder.relative_to(ROOT)} has no __init__.py"


def source_for(package: str) -> Path:
    """The source folder of ``package``: the longest ``package-dir`` prefix, then sub-folders."""
    for prefix, source in sorted(SETUPTOOLS["package-dir"].items(), key=lambda kv: -len(kv[0])):
        if package == prefix or package.startswith(prefix + "."):
            rest = package[len(prefix):].strip(".")
            return ROOT.joinpath(source, *(rest.split(".") if rest else []))
    return ROOT.joinpath(*package.split("."))


def test_every_listed_package_exists():
    for package in SETUPTOOLS["packages"]:
        folder = source_for(package)
        assert (folder / "__init__.py").is_file(), f"{package}: no {folder.relative_to(ROOT)}/__init__.py"
        assert package_for(folder) == package


def test_plugins_folder_is_flat():
    nested = sorted(str(p.relative_to(ROOT)) for p in python_folders(ROOT / "plugins") if p != ROOT / "plugins")
    assert nested == [], "plugins/ must stay one flat folder of modules"


def test_no_module_collides_with_warta_plugins():
    assert not (ROOT / "core" / "plugins.py").exists()
    assert not (ROOT / "core" / "plugins").exists()


def test_no_tests_package_and_no_root_conftest():
    assert not (ROOT / "tests" / "__init__.py").exists()
    assert not (ROOT / "conftest.py").exists()


def test_data_files_are_shipped():
    data = SETUPTOOLS["package-data"]["warta"]
    assert "py.typed" in data and (ROOT / "core" / "py.typed").is_file()
    for path in (ROOT / "core").iterdir():
        if path.suffix in (".json", ".rng"):
            assert f"*{path.suffix}" in data, f"{path.name} would be missing from the wheel"


def test_pytest_plugin_entry_point():
    assert PYPROJECT["project"]["entry-points"]["pytest11"] == {"warta": "warta.testing"}


def test_test_extra_has_what_warta_testing_imports():
    test_extra = " ".join(PYPROJECT["project"]["optional-dependencies"]["test"])
    assert "jsonschema[format-nongpl]" in test_extra and "pytest" in test_extra
