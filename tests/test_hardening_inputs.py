"""Hardening of the input side (issue 9): paths, engine faults, decoding, size limits.

Every test here failed on the code before the fix it covers.
"""

from __future__ import annotations

import pytest

from warta import WartaError
from warta.errors import display_path


# -- display_path: a path is shown on exactly one line ---------------------------------


@pytest.mark.parametrize("path", ["page.txt", "folder/berita café.html", "C:\\pages\\a.html", "a b'c.txt"])
def test_display_path_leaves_printable_paths_alone(path):
    assert display_path(path) == path


@pytest.mark.parametrize("path, shown", [
    ("two\nlines.txt", "'two\\nlines.txt'"),
    ("cr\rforged.txt", "'cr\\rforged.txt'"),
    ("esc\x1b[2J.txt", "'esc\\x1b[2J.txt'"),
    ("bad\udcffname.txt", "'bad\\xffname.txt'"),       # os.fsdecode of b"bad\xffname.txt"
    ("lone\ud800.txt", "'lone\\ud800.txt'"),
    ("sep\u2028x", "'sep\\u2028x'"),
    ("q'uote\n\\", "'q\\'uote\\n\\\\'"),
])
def test_display_path_quotes_and_escapes_what_could_forge_a_line(path, shown):
    assert display_path(path) == shown
    assert shown.isprintable()


def test_error_with_a_hostile_path_and_message_is_one_line():
    error = WartaError("first line\nsecond: line\r\n  \x1b[31mred", path="evil\nwarta: ok.txt")
    text = str(error)
    assert text.isprintable()
    assert text.startswith("'evil\\nwarta: ok.txt': first line second: line")
    assert "\\x1b[31m" in text


# -- the engine: no fault of a page or a plugin stops a run ----------------------------

import os  # noqa: E402

from warta import Engine, hookimpl  # noqa: E402
from warta.loaders import Input, expand, load_bytes, read_input  # noqa: E402
from warta.manager import make_manager  # noqa: E402
from warta.model import Article  # noqa: E402

GOOD_PAGE = ("Jakarta - Pemerintah menaikkan harga BBM mulai Senin. Kenaikan itu diumumkan "
             "oleh menteri di Jakarta.\n\n" * 3)


class BuggyParser:
    """Claims pages holding a trigger word, then fails in the way the word says."""

    name = "buggy"
    media_types = ("text/plain", "text/html")

    def sniff(self, doc):
        if "SNIFFBOOM" in doc.text:
            raise KeyError("sniff lost its key")
        return 1.0 if "BOOM" in doc.text else 0.0

    def parse(self, doc):
        if "DEEPBOOM" in doc.text:
            def deeper(n):
                return deeper(n + 1)
            deeper(0)
        if "HOOKBOOM" in doc.text:
            return [Article(title="Judul", body=[], url="https://example.org/a")]
        raise ValueError("lxml said no\nand a second line that must not show")


class BuggyHooks:
    @hookimpl
    def register_parsers(self, register):
        register(BuggyParser())

    @hookimpl
    def clean_article(self, article):
        if article.title == "Judul" and article.parser == "buggy":
            raise TypeError("hook tripped")


@pytest.fixture(scope="module")
def buggy_engine():
    pm = make_manager(load_entry_points=False)
    pm.register(BuggyHooks(), name="buggy-plugin")
    return Engine(pm)


def bytes_doc(text):
    return load_bytes(text.encode(), path="page.txt")


def test_a_parser_bug_is_one_line_naming_parser_and_input(buggy_engine):
    with pytest.raises(WartaError) as caught:
        buggy_engine.parse_document(bytes_doc("BOOM " + GOOD_PAGE))
    assert str(caught.value) == "page.txt: the buggy parser failed: ValueError: lxml said no"


def test_a_sniff_bug_is_one_line_naming_the_parser(buggy_engine):
    with pytest.raises(WartaError) as caught:
        buggy_engine.parse_document(bytes_doc("SNIFFBOOM " + GOOD_PAGE))
    assert str(caught.value) == "page.txt: the buggy parser failed: KeyError: 'sniff lost its key'"


def test_an_article_hook_bug_names_the_hook_and_its_plugin(buggy_engine):
    with pytest.raises(WartaError) as caught:
        buggy_engine.parse_document(bytes_doc("HOOKBOOM " + GOOD_PAGE))
    assert str(caught.value) == (
        "page.txt: the clean_article hook of plugin 'buggy-plugin' failed: TypeError: hook tripped")


def test_recursion_in_a_parser_is_one_line(buggy_engine):
    with pytest.raises(WartaError) as caught:
        buggy_engine.parse_document(bytes_doc("DEEPBOOM " + GOOD_PAGE))
    assert str(caught.value) == "page.txt: page is nested too deeply to read"


def test_warta_debug_reraises_the_original(buggy_engine, monkeypatch):
    monkeypatch.setenv("WARTA_DEBUG", "1")
    with pytest.raises(ValueError, match="lxml said no"):
        buggy_engine.parse_document(bytes_doc("BOOM " + GOOD_PAGE))


@pytest.mark.parametrize("fatal", [KeyboardInterrupt, SystemExit, MemoryError])
def test_interrupts_and_memory_errors_are_not_swallowed(fatal):
    class Fatal(BuggyParser):
        name = "fatal"

        def parse(self, doc):
            raise fatal()

    engine = Engine(make_manager(load_entry_points=False))
    engine._add_parser(Fatal(), "test")
    with pytest.raises(fatal):
        engine.parse_document(bytes_doc(GOOD_PAGE), "fatal")


def test_a_run_keeps_the_other_inputs_in_one_process_and_in_workers(buggy_engine, tmp_path):
    texts = {"a-good.txt": GOOD_PAGE, "b-bug.txt": "BOOM " + GOOD_PAGE,
             "c-sniff.txt": "SNIFFBOOM " + GOOD_PAGE, "d-deep.txt": "DEEPBOOM " + GOOD_PAGE,
             "e-hook.txt": "HOOKBOOM " + GOOD_PAGE, "f-good.txt": GOOD_PAGE}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    items = [Input(str(tmp_path / name)) for name in texts]

    def summary(jobs):
        return [(os.path.basename(o.path), len(o.articles), o.error and o.error.message)
                for o in buggy_engine.run(items, jobs=jobs)]

    here = summary(1)
    assert [n for _, n, _ in here] == [1, 0, 0, 0, 0, 1]
    assert here[1][2] == "the buggy parser failed: ValueError: lxml said no"
    assert here[3][2] == "page is nested too deeply to read"
    assert summary(2) == here


def test_deep_json_ld_is_skipped_and_deep_mhtml_is_a_one_line_error_through_the_api():
    import warta

    page = ('<!DOCTYPE html><html><head><title>Judul</title><script type="application/ld+json">'
            + "[" * 5000 + "</script></head><body><p>Isi berita.</p></body></html>")
    (article,) = warta.parse(page.encode())  # the JSON-LD Python cannot read is left aside
    assert article.title == "Judul" and article.text == "Isi berita."
    depth = 1000
    parts = ['MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n']
    parts += [f'--b{i - 1}\r\nContent-Type: multipart/related; boundary="b{i}"\r\n\r\n' for i in range(1, depth)]
    parts.append(f"--b{depth - 1}\r\nContent-Type: text/html\r\n\r\n<html><body><p>x</p></body></html>\r\n")
    parts += [f"--b{i}--\r\n" for i in reversed(range(depth))]
    # Refused at warta.mhtml.MAX_DEPTH, long before Python's recursion limit.
    with pytest.raises(WartaError, match="^<bytes>: MHTML archive nests parts more than 20 deep$"):
        warta.parse("".join(parts).encode())


# -- names the system cannot open ------------------------------------------------------


@pytest.mark.parametrize("name, reason", [
    ("x\x00", "the name holds a NUL byte"),
    ("lone\ud800.txt", "the name holds characters no file name can have"),
    ("n" * 5000, "file name too long"),
])
def test_unopenable_names_are_one_line_errors(name, reason):
    import warta

    with pytest.raises(WartaError) as caught:
        read_input(Input(name))
    assert caught.value.message.lower().endswith(reason.lower()) and "\n" not in str(caught.value)
    if len(name) < 1024:
        with pytest.raises(WartaError):
            warta.parse(name)
    items, errors = expand([name, "*" + name, name + "/"])
    assert items == [] and len(errors) == 3
    assert all("\n" not in str(e) for e in errors)


# -- file names that are not UTF-8, strings that are not Unicode ------------------------

import json  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

KOMPAS_PAGE = next(p for p in sorted((Path(__file__).parent / "fixtures" / "kompas").glob("*.txt")))
WARTA = Path(sys.executable).parent / "warta"


@pytest.fixture
def non_utf8_file(tmp_path):
    if sys.platform == "darwin" or os.name == "nt":
        pytest.skip("this system keeps file names as Unicode; no name can hold a stray byte")
    folder = tmp_path / "pages"
    folder.mkdir()
    name = os.fsencode(folder) + b"/bad\xffname.txt"
    shutil.copyfile(KOMPAS_PAGE, name)
    return folder, os.fsdecode(name)


def test_non_utf8_file_name_through_warta_parse(non_utf8_file):
    folder, name = non_utf8_file
    done = subprocess.run([str(WARTA), "parse", os.fsencode(name)], capture_output=True, cwd=folder,
                          timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    record = json.loads(done.stdout)
    assert record["input"].endswith("/bad\\xffname.txt")
    assert record["title"]


def test_non_utf8_file_name_through_warta_convert_jsonl(non_utf8_file, tmp_path):
    folder, _ = non_utf8_file
    out = tmp_path / "out"
    done = subprocess.run([str(WARTA), "convert", "-f", "jsonl", "-o", str(out), "-q", str(folder)],
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    (record,) = [json.loads(line) for line in (out / "articles.jsonl").read_text("utf-8").splitlines()]
    assert record["input"] == str(folder) + "/bad\\xffname.txt"


def test_non_utf8_file_name_through_the_api_is_opened_by_its_real_name(non_utf8_file):
    import warta

    _, name = non_utf8_file
    (article,) = warta.parse(name)
    assert article.input.endswith("/bad\\xffname.txt")
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")  # encodable


def test_lone_surrogates_in_api_text_become_replacement_characters():
    import warta

    text = KOMPAS_PAGE.read_text("utf-8").replace("Ratusan warga", "Ratusan w\ud800arga", 1)
    assert "\ud800" in text
    (article,) = warta.parse(text)
    record = json.dumps(article.to_dict(), ensure_ascii=False)
    record.encode("utf-8")
    assert "Ratusan w\ufffdarga" in record
    assert any("1 lone surrogate" in note for note in article.notes)


# -- control characters XML forbids are cleaned where pages are decoded ----------------

from warta.textnorm import xml_safe  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize("ch", ["\x0b", "\x04", "\x1f", "\ufffe", "\uffff"])
def test_control_characters_in_a_kompas_page_are_removed_and_noted(ch):
    import warta

    html = (FIXTURES / "html" / "kompas-2015.html").read_text("utf-8")
    at = html.index("</tbody></table></div>\n") + len("</tbody></table></div>\n")  # lxml choked here
    (article,) = warta.parse((html[:at] + ch + html[at:] + ch).encode("utf-8"))
    assert article.parser == "kompas-html"
    assert [n for n in article.notes if "control character" in n] == [
        "removed 2 control character(s) that XML forbids (vertical tabs and form feeds became line breaks)"]
    assert ch not in json.dumps(article.to_dict(), ensure_ascii=False)


def test_control_characters_in_text_every_writer_gets_clean_text():
    doc = load_bytes(("Judul\x04 berita\x0bbaris baru dan \x1fsisa\n\tok\r\n" * 2 + "x" * 9000
                      + "\x00").encode(), path="t.txt")  # a NUL past the binary check's window
    assert xml_safe(doc.text) == doc.text
    assert "Judul berita\nbaris baru dan sisa\n\tok\n" in doc.text
    assert any(n.startswith("removed 7 control character(s)") for n in doc.notes)


def test_clean_text_gets_no_control_note_and_nul_heavy_files_stay_binary():
    assert load_bytes(GOOD_PAGE.encode(), path="g.txt").notes == []
    with pytest.raises(WartaError, match="binary file"):
        load_bytes(b"\x00\x01\x02abc" * 100, path="b.bin")
