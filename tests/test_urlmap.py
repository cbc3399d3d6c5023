"""URL maps (--urls) for batches of saved pages."""

from __future__ import annotations

import re

import pytest

from warta import WartaError
from warta.urlmap import read_url_map, url_for


def test_reads_jsonl_and_plain_lines(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "index.jsonl").write_text(
        '{"file": "a.txt", "url": "https://www.kompas.com/read/2020/01/01/1/a"}\n'
        "# a comment\n"
        "sub/b.txt https://www.detik.com/x\n",
        encoding="utf-8",
    )
    mapping = read_url_map(tmp_path / "index.jsonl")
    assert url_for(mapping, str(tmp_path / "a.txt")) == "https://www.kompas.com/read/2020/01/01/1/a"
    assert url_for(mapping, str(tmp_path / "sub" / "b.txt")) == "https://www.detik.com/x"
    assert url_for(mapping, "-") is None
    assert url_for(mapping, str(tmp_path / "other.txt")) is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json\n", "line 1: not valid JSON"),
        ("a.txt\n", "line 1: expected 'PATH URL'"),
        ('{"file": "a.txt", "url": "ftp://x"}\n', "line 1: needs a file and an http(s) url"),
    ],
)
def test_bad_maps_name_the_line(tmp_path, content, message):
    path = tmp_path / "urls.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WartaError, match=re.escape(message)):
        read_url_map(path)


def test_missing_map(tmp_path):
    with pytest.raises(WartaError, match="no such URL map"):
        read_url_map(tmp_path / "none.jsonl")
