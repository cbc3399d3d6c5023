"""Clean bodies everywhere (issue 10): a portal's body rules on its HTML pages, datelines out
of bodies, cut "Baca j" tails, the body cap, doubled URL schemes, one section form, filler tags.

The pages here are our own, written after the layouts in shared/docs/portal-layouts.md; the
corpus checks at the end skip without ../shared.
"""

from __future__ import annotations

import json
import re

import pytest

import warta.defaults as defaults
from warta import Article, Block, Document, Link
from warta.htmlrender import render_body, repair_url
from warta.textkit import CLOSING_LINES, BodyRules, credit_line, cut_dateline, drop_cut_tail, portal_rules_hook
from warta.textnorm import section_name

LEAD = ("Pemerintah kota membuka pendaftaran beasiswa bagi pelajar berprestasi dari keluarga kurang "
        "mampu mulai pekan depan, kata kepala dinas pendidikan kepada wartawan di balai kota.")
SECOND = ("Pendaftaran dibuka secara daring selama dua minggu, dan hasil seleksi akan diumumkan "
          "pada akhir bulan melalui laman resmi pemerintah kota.")
THIRD = "Kuota tahun ini naik dua kali lipat dibanding tahun lalu, ujarnya menambahkan."


def page(paragraphs: list[str], *, keywords: str = "", image: str = "", section: str = "") -> str:
    """A small news page: headline, JSON-LD with a date, then the paragraphs in <article>."""
    ld = {"@context": "https://schema.org", "@type": "NewsArticle",
          "headline": "Beasiswa Pelajar Dibuka Pekan Depan", "datePublished": "2024-03-05T10:00:00+07:00"}
    if image:
        ld["image"] = [image]
    metas = f'<meta name="keywords" content="{keywords}">' if keywords else ""
    if section:
        metas += f'<meta property="article:section" content="{section}">'
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"id\"><head><title>Beasiswa Pelajar Dibuka Pekan Depan</title>"
            f"{metas}<script type=\"application/ld+json\">{json.dumps(ld)}</script></head><body>"
            f"<h1>Beasiswa Pelajar Dibuka Pekan Depan</h1><article>{body}</article></body></html>")


def parse_html(engine, html: str, url: str | None) -> Article:
    doc = Document(text=html, media_type="text/html", path="page.html", url=url)
    [article] = engine.parse_document(doc, "generic-html")
    return article


def texts(article: Article) -> list[str]:
    return [b.text for b in article.body]


# -- every page read by generic-html --------------------------------------------------------


def test_copyright_disclaimer_and_credit_lines_leave_any_html_body(engine):
    html = page([LEAD, SECOND, "Editor: Sekar Ayu Lestari",
                 "Copyright © 2024 Warta Contoh. All Rights Reserved",
                 "Disclaimer : Komentar adalah tanggapan pribadi, tidak mewakili kebijakan redaksi."])
    art = parse_html(engine, html, "https://www.wartacontoh.co.id/pendidikan/beasiswa")
    assert texts(art) == [LEAD, SECOND]
    assert ("Sekar Ayu Lestari", "editor") in [(a.name, a.role) for a in art.authors]
    assert any("credit line" in n for n in art.notes)


def test_copyright_lines_of_every_shape_and_what_is_not_one():
    for line in ("Copyright @ 2026 Media Contoh - contoh. All Rights Reserved", "© 2007 - 2015 contoh.com, All Rights Reserved",
                 "COPYRIGHT © KANTOR BERITA 2015", "2024 © PT Contoh Media", "All Rights Reserved."):
        assert CLOSING_LINES.matches(line), line
    for line in (LEAD, "Hak cipta lagu itu dipegang oleh penciptanya.",
                 "Copyright " + "kata " * 60):  # a long paragraph is article text
        assert not CLOSING_LINES.matches(line), line


# -- a portal's rules on its own pages -------------------------------------------------------


def test_portal_rules_apply_on_the_portal_host_only(engine):
    lines = [LEAD, "[Gambas:Video 20detik]", SECOND]
    on_detik = parse_html(engine, page(lines), "https://health.detik.com/berita/d-1/beasiswa")
    assert texts(on_detik) == [LEAD, SECOND]
    elsewhere = parse_html(engine, page(lines), "https://www.wartacontoh.co.id/berita/beasiswa")
    assert "[Gambas:Video 20detik]" in texts(elsewhere)  # another site's page keeps its lines


@pytest.mark.parametrize("url, junk", [
    ("https://news.okezone.com/read/2024/03/05/1/1/beasiswa",
     "Follow WhatsApp Channel Okezone untuk update berita terbaru setiap hari"),
    ("https://www.viva.co.id/berita/nasional/1-beasiswa", "Load More..."),
    ("https://mediaindonesia.com/humaniora/1/beasiswa", "Headline"),
])
def test_each_portal_brings_its_own_junk_lines(engine, url, junk):
    art = parse_html(engine, page([junk, LEAD, SECOND, junk]), url)
    assert junk not in texts(art) and texts(art)[:2] == [LEAD, SECOND]


def test_portal_footer_ends_the_body_of_its_html_page(engine):
    html = page([LEAD, SECOND, "Berita Terkait", "Judul Lain yang Tidak Ada di Artikel", "Judul Kedua"])
    art = parse_html(engine, html, "https://www.tribunnews.com/regional/2024/03/05/beasiswa")
    assert texts(art) == [LEAD, SECOND]
    assert any("footer line 'Berita Terkait'" in n for n in art.notes)


@pytest.mark.parametrize("url, closing, author", [
    ("https://nasional.tempo.co/read/1/beasiswa", "SEKAR AYU LESTARI", ("SEKAR AYU LESTARI", "reporter")),
    ("https://www.jpnn.com/news/beasiswa", "Redaktur & Reporter : Budi Santoso", ("Budi Santoso", "editor")),
])
def test_portal_closing_credits_of_its_html_page(engine, url, closing, author):
    art = parse_html(engine, page([LEAD, SECOND, closing]), url)
    assert texts(art) == [LEAD, SECOND]
    assert author in [(a.name, a.role) for a in art.authors]


def test_closing_credit_forms_of_one_portal_stay_text_elsewhere(engine):
    art = parse_html(engine, page([LEAD, SECOND, "SEKAR AYU LESTARI"]), "https://www.wartacontoh.co.id/a")
    assert texts(art)[-1] == "SEKAR AYU LESTARI"


def test_portal_rules_leave_the_portal_text_parser_alone():
    rules = BodyRules()
    hook = portal_rules_hook(("contoh.co.id",), rules)
    own = Article(url="https://contoh.co.id/a", parser="contoh", body=[Block("paragraph", "Editor: Nama Orang")])
    hook(article=own)
    assert texts(own) == ["Editor: Nama Orang"]
    generic = Article(url="https://m.contoh.co.id/a", parser="generic-html",
                      body=[Block("paragraph", LEAD), Block("paragraph", "Editor: Nama Orang")])
    hook(article=generic)
    assert texts(generic) == [LEAD] and generic.authors[0].role == "editor"
    hook(article=generic)  # idempotent
    assert texts(generic) == [LEAD] and len(generic.authors) == 1


def test_credit_line_is_not_a_caption():
    assert credit_line("Editor: Ade Nama") is not None
    assert credit_line("Foto: Kepala dinas (Budi/contoh.com)") is None


# -- datelines out of the body ---------------------------------------------------------------

JPNN = """Beasiswa Pelajar Dibuka Pekan Depan
Selasa, 05 Maret 2024 – 10:00 WIB
Kepala dinas pendidikan. Foto: Budi Santoso/JPNN.com
jpnn.com - SIDOARJO - {lead}
{second}
Redaktur : Sekar Ayu
"""


def test_jpnn_amp_dateline_goes_to_the_field(engine):
    doc = Document(text=JPNN.format(lead=LEAD, second=SECOND), url="https://m.jpnn.com/amp/news/beasiswa")
    [art] = engine.parse_document(doc)
    assert art.parser == "jpnn" and art.dateline == "SIDOARJO"
    assert texts(art)[0] == LEAD and art.summary.startswith("Pemerintah kota")


@pytest.mark.parametrize("opening, city", [
    ("VIVA – ", None), ("VIVAnews - ", None), ("VIVA Dunia – ", None), ("Bogor, VIVA – ", "BOGOR"),
])
def test_viva_openings_on_its_html_pages(engine, opening, city):
    art = parse_html(engine, page([opening + LEAD, SECOND]), "https://www.viva.co.id/berita/nasional/1-beasiswa")
    assert texts(art) == [LEAD, SECOND] and art.dateline == city


def test_liputan6_page_on_one_line_loses_its_dateline(engine):
    text = f"Liputan6.com, Jakarta -  {LEAD} {SECOND} (sak/bud)"
    [art] = engine.parse_document(Document(text=text, path="one-line.txt"))
    assert art.parser == "liputan6" and art.dateline == "JAKARTA"
    assert texts(art)[0].startswith("Pemerintah kota membuka")


@pytest.mark.parametrize("opening, city", [
    ("Jakarta, IDN Times - ", "JAKARTA"), ("JAKARTA, iNews.id - ", "JAKARTA"),
    ("Suara.com - ", None), ("jakarta.jpnn.com - ", None), ("MADIUN - ", "MADIUN"),
])
def test_cut_dateline_keeps_the_city_and_drops_the_opening(opening, city):
    pattern = re.compile(r"^(?:(?P<city>[A-Z][A-Za-z]+)(?:, [\w .]+)?|[\w.]+\.(?:com|id))\s*-\s+")
    art = Article(body=[Block("paragraph", opening + LEAD), Block("paragraph", SECOND)])
    cut_dateline(art, pattern)
    assert texts(art) == [LEAD, SECOND] and art.dateline == city


def test_cut_dateline_leaves_a_body_without_one():
    art = Article(body=[Block("paragraph", LEAD)], dateline="BANDUNG")
    cut_dateline(art, re.compile(r"^(?P<city>[A-Z]{3,})\s*-\s+"))
    assert texts(art) == [LEAD] and art.dateline == "BANDUNG"


def kompas_page(content: str) -> str:
    return ("<html><head><title>Beasiswa Dibuka - Kompas.com</title>"
            '<meta property="og:url" content="https://regional.kompas.com/read/2024/03/05/10000001/beasiswa">'
            '<meta name="content_PublishedDate" content="2024-03-05 10:00:00"></head><body>'
            f'<h1 class="read__title">Beasiswa Dibuka</h1><div class="read__content">{content}</div></body></html>')


@pytest.mark.parametrize("content, dateline", [
    (f"<p><strong>SURABAYA, KOMPAS.com</strong> - {LEAD}</p><p>{SECOND}</p>", "SURABAYA"),
    (f"<p><strong>SURABAYA, KOMPAS.com -</strong> {LEAD}</p><p>{SECOND}</p>", "SURABAYA"),
    (f"<br><strong>Surabaya, KompasOtomotif</strong> &ndash; {LEAD}<br><br>{SECOND}", "Surabaya"),
    (f"<p><b>KOMPAS.com</b> - {LEAD}</p><p>{SECOND}</p>", None),
])
def test_kompas_html_content_loses_the_dateline_the_field_holds(engine, content, dateline):
    doc = Document(text=kompas_page(content), media_type="text/html", path="k.html")
    [art] = engine.parse_document(doc)
    assert art.parser == "kompas-html" and art.dateline == dateline
    assert texts(art)[0].startswith("Pemerintah kota membuka")
    assert "ompas" not in art.content_html and not re.search(r"<(strong|b)>\s*</\1>", art.content_html)
    assert "Pemerintah kota membuka" in art.content_html and "Pendaftaran dibuka" in art.content_html


# -- "Baca juga" tails ------------------------------------------------------------------------


@pytest.mark.parametrize("tail", ["Baca j", "Baca", "Baca juga", "Baca juga:", "Baca juga: Judul yang ter"])
def test_a_cut_baca_juga_tail_is_dropped(tail):
    art = Article(body=[Block("paragraph", LEAD), Block("paragraph", tail)])
    drop_cut_tail(art)
    assert texts(art) == [LEAD] and art.notes


def test_trailing_baca_juga_list_becomes_related_links():
    art = Article(body=[Block("paragraph", LEAD), Block("paragraph", "BACA JUGA:"),
                        Block("paragraph", "Kuota Beasiswa Naik Dua Kali Lipat"),
                        Block("list_item", "Siapa Saja yang Boleh Mendaftar?")])
    drop_cut_tail(art)
    assert texts(art) == [LEAD]
    assert [r.title for r in art.related] == ["Kuota Beasiswa Naik Dua Kali Lipat", "Siapa Saja yang Boleh Mendaftar?"]
    drop_cut_tail(art)  # idempotent
    assert texts(art) == [LEAD] and len(art.related) == 2


def test_text_after_a_baca_juga_heading_is_not_a_title_list():
    body = [LEAD, "Baca juga:", SECOND + " " + THIRD]
    art = Article(body=[Block("paragraph", t) for t in body])
    drop_cut_tail(art)
    assert texts(art) == body and not art.related


def test_baca_in_prose_and_a_lone_paragraph_stay():
    prose = "Anda dapat membaca laporan lengkapnya di bawah ini."
    art = Article(body=[Block("paragraph", LEAD), Block("paragraph", prose)])
    drop_cut_tail(art)
    assert texts(art) == [LEAD, prose]


def test_text_dump_ending_in_baca_j_loses_it(engine):
    [art] = engine.parse_document(Document(text=f"{LEAD}\n\n{SECOND}\n\nBaca j\n", path="x.txt"))
    assert texts(art)[-1] != "Baca j"


def test_unlinked_related_titles_are_no_list_in_the_content():
    art = Article(body=[Block("paragraph", LEAD)],
                  related=[Link(title="Judul Tanpa Tautan"), Link(title="Judul Bertaut", url="https://contoh.co.id/b")])
    html = render_body(art)
    assert "Judul Tanpa Tautan" not in html
    assert '<a href="https://contoh.co.id/b"' in html and "Baca juga:" in html
    assert "Baca juga" not in render_body(Article(body=[Block("paragraph", LEAD)], related=[Link(title="X")]))


# -- body cap (issue 9) ----------------------------------------------------------------------


def test_body_is_capped_with_a_note(engine, monkeypatch):
    monkeypatch.setattr(defaults, "MAX_BODY_CHARS", 400)
    text = "\n\n".join([LEAD, SECOND, THIRD, LEAD + " lagi", SECOND + " lagi"])
    [art] = engine.parse_document(Document(text=text, path="long.txt"))
    total = sum(len(t) for t in texts(art))
    assert 0 < total <= 400 and len(art.body) < 5
    assert any(n.startswith("body cut at ") and "limit 400" in n for n in art.notes)


def test_body_under_the_cap_is_untouched(engine):
    [art] = engine.parse_document(Document(text=f"{LEAD}\n\n{SECOND}", path="short.txt"))
    assert texts(art) == [LEAD, SECOND] and not any("body cut" in n for n in art.notes)


def test_runaway_page_is_cut_at_the_real_cap(engine):
    paragraph = "kata " * 24 + "akhir."  # 126 characters
    text = "\n\n".join([paragraph] * 9_000)  # 1,134,000 characters of body
    [art] = engine.parse_document(Document(text=text, path="soup.txt"))
    total = sum(len(t) for t in texts(art))
    assert defaults.MAX_BODY_CHARS - len(paragraph) < total <= defaults.MAX_BODY_CHARS == 1_000_000
    assert any(n.startswith("body cut at ") and "limit 1,000,000" in n for n in art.notes)


# -- URLs, sections, tags --------------------------------------------------------------------


@pytest.mark.parametrize("value, repaired", [
    ("http:http://cdn.contoh.co/a.jpg", "http://cdn.contoh.co/a.jpg"),
    ("https:https://cdn.contoh.co/a.jpg", "https://cdn.contoh.co/a.jpg"),
    ("http:https://cdn.contoh.co/a.jpg", "https://cdn.contoh.co/a.jpg"),
    ("https://http.contoh.co/a.jpg", "https://http.contoh.co/a.jpg"),
    (" https://contoh.co/a ", "https://contoh.co/a"),
])
def test_repair_url(value, repaired):
    assert repair_url(value) == repaired


def test_doubled_scheme_image_is_repaired_in_the_record(engine):
    art = parse_html(engine, page([LEAD, SECOND], image="http:http://cdn.contoh.co/data/foto.jpg"),
                     "https://www.wartacontoh.co.id/berita/beasiswa")
    assert art.images[0].url == "http://cdn.contoh.co/data/foto.jpg"


@pytest.mark.parametrize("value, shown", [
    ("money", "Money"), ("Money", "Money"), ("MONEY", "Money"), ("hot-issue", "Hot Issue"),
    ("berita-ekonomi-bisnis", "Berita Ekonomi Bisnis"), ("pemilu-2019", "Pemilu 2019"),
    ("berita kompas tv", "Berita Kompas TV"), ("MotoGP", "MotoGP"), ("iNews", "iNews"),
    ("news/nasional", "News/Nasional"), ("jawa  tengah", "Jawa Tengah"),
])
def test_section_name(value, shown):
    assert section_name(value) == shown


def test_section_from_meta_and_from_url_agree(engine):
    art = parse_html(engine, page([LEAD, SECOND], section="money"), "https://contoh.co.id/money/a")
    assert art.section == "Money"


def test_filler_tags_are_dropped(engine):
    art = parse_html(engine, page([LEAD, SECOND], keywords="beasiswa, Berita Terkini, portal Indonesia, "
                                  "berita hari ini, info terkini, pendidikan, viral"),
                     "https://www.wartacontoh.co.id/berita/beasiswa")
    assert art.tags == ["beasiswa", "pendidikan", "viral"]


# -- the corpus (skipped without ../shared) --------------------------------------------------


@pytest.fixture(scope="module")
def mixed(shared, tmp_path_factory):
    """The mixed corpus (portal text dumps and saved HTML, with the corpus index) as records."""
    from typer.testing import CliRunner

    from warta.cli import app

    out = tmp_path_factory.mktemp("mixed")
    corpus = shared / "corpus"
    result = CliRunner().invoke(app, [
        "convert", str(corpus / "portals-text"), str(corpus / "html"), "--urls",
        str(corpus / "portals-text" / "index.jsonl"), "-o", str(out), "--limit", "0", "-f", "jsonl", "-q"])
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) > 100, result.output
    return records


BOILERPLATE = re.compile(
    r"^(?:copyright\b|©|editor\s*:|penulis\s*:|disclaimer\s*:|\[gambas:|load more\b)|all rights reserved",
    re.IGNORECASE)
OPENING = re.compile(r"^(?:[\w.]+\.(?:com|id)\s*[-,]|[A-Z][A-Za-z]+, (?:IDN Times|iNews[\w.]*|CNBC Indonesia|KOMPAS\.com)\s*[-–—])")


def test_mixed_corpus_bodies_hold_no_boilerplate_or_dateline(mixed):
    left = [(r["input"], b["text"][:60]) for r in mixed for b in r["body"] if BOILERPLATE.search(b["text"])]
    assert left == []
    openings = [(r["input"], r["body"][0]["text"][:60]) for r in mixed
                if r["body"] and OPENING.match(r["body"][0]["text"])]
    assert openings == []


def test_mixed_corpus_sections_have_one_form_and_tags_no_filler(mixed):
    sections = {r["section"] for r in mixed if r["section"]}
    assert sections and all(s == section_name(s) for s in sections)
    assert not {t.casefold() for r in mixed for t in r["tags"]} & defaults.FILLER_TAGS


def test_corpus_antara_html_editor_is_an_author(shared, engine):
    from warta.loaders import load_bytes

    path = shared / "corpus" / "html" / "antara" / "antara-2015-11-05-lombok.html"
    if not path.exists():
        pytest.skip("page not in this corpus")
    [art] = engine.parse_document(load_bytes(path.read_bytes(), path=str(path)))
    assert ("editor" in {a.role for a in art.authors})
    assert not any(BOILERPLATE.search(t) for t in texts(art))
