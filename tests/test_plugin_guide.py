"""docs/plugins.md names every hook with its exact signature, and its worked example works."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from types import ModuleType

import pytest

import warta
import warta.testing
from warta import hookspecs
from warta.testing import check_record, make_engine, parse_with

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "plugins.md"
TEXT = GUIDE.read_text(encoding="utf-8")


def hook_specs() -> dict[str, object]:
    """Every function in core/hookspecs.py marked with @hookspec."""
    return {
        name: function for name, function in inspect.getmembers(hookspecs, inspect.isfunction)
        if hasattr(function, "warta_spec")
    }


def signature_text(function: object) -> str:
    """``name(param: Annotation, ...) -> Return`` as the guide writes it."""
    signature = inspect.signature(function)
    params = ", ".join(
        f"{p.name}: {p.annotation}" if p.annotation is not inspect.Parameter.empty else p.name
        for p in signature.parameters.values()
    )
    result = signature.return_annotation
    return f"{function.__name__}({params}) -> {result}"


def section(name: str) -> str:
    """The guide's text from the heading of hook ``name`` to the next heading."""
    m = re.search(rf"^### `{name}\(.*?(?=^##)", TEXT, re.MULTILINE | re.DOTALL)
    assert m, f"no section for {name}"
    return m.group(0)


def code_block(marker: str) -> str:
    m = re.search(rf"<!-- {marker} -->\n```\w+\n(.*?)\n```", TEXT, re.DOTALL)
    assert m, f"no code block marked {marker}"
    return m.group(1)


def test_there_are_hooks_to_document():
    assert {"register_parsers", "skip_article", "prepare_feed"} <= set(hook_specs())


@pytest.mark.parametrize("name", sorted(hook_specs()))
def test_guide_names_hook_with_its_signature(name):
    text = signature_text(hook_specs()[name])
    assert f"### `{text}`" in TEXT, f"docs/plugins.md lacks the heading ### `{text}`"


@pytest.mark.parametrize("name", sorted(hook_specs()))
def test_guide_states_each_hooks_contract(name):
    spec = hook_specs()[name]
    assert (spec.__doc__ or "").strip(), f"{name} has no docstring in core/hookspecs.py"
    body = section(name)
    assert len(body.split()) >= 15, f"the guide says too little about {name}"
    assert ("firstresult" in body) == spec.warta_spec["firstresult"]


def test_guide_documents_no_hook_that_does_not_exist():
    documented = set(re.findall(r"^### `(\w+)\(", TEXT, re.MULTILINE))
    assert documented == set(hook_specs())


def test_guide_covers_publishing_blocking_extras_and_testing():
    for phrase in ("[project.entry-points.warta]", "WARTA_DISABLE_PLUGINS", "MISSING_EXTRAS",
                   "warta plugins", "pytest11", "SURE", "LIKELY", "POSSIBLE", "FALLBACK",
                   "article.schema.json", "BUILTIN_PLUGINS"):
        assert phrase in TEXT, phrase
    for helper in warta.testing.__all__:
        assert f"`{helper}" in TEXT, f"the guide does not mention warta.testing.{helper}"


def test_worked_example_runs():
    module = ModuleType("guide_lensadesa")
    exec(compile(code_block("guide-example-plugin"), "docs/plugins.md", "exec"), module.__dict__)
    engine = make_engine(lensadesa=module)
    page = code_block("guide-example-page") + "\n"
    [article] = parse_with("lensadesa", page, engine=engine)  # chosen by --parser
    check_record(article)
    assert article.title == "Jembatan Gantung Baru Dibuka untuk Warga"
    assert article.published.isoformat() == "2024-03-04T08:15:00+07:00"
    assert [(a.name, a.role, a.label) for a in article.authors] == [("Ahmad Fauzi", "writer", "Oleh")]
    assert article.dateline == "GARUT"
    assert article.body[0].text.startswith("Warga tiga dusun")
    assert [link.title for link in article.related] == ["Jalan Desa Diperbaiki Sebelum Musim Hujan"]
    assert article.id.startswith("tag:lensadesa.id,2024-03-04:jembatan-gantung")
    # Sniffing picks it from the dateline marker alone.
    assert engine.choose(warta.Document(text=page)).name == "lensadesa"
