"""The shared Indonesian date reader."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from warta.dates import WIB, WIT, WITA, parse_date, parse_iso, search_date, to_zone


def at(y, mo, d, h=0, mi=0, s=0, tz=WIB):
    return datetime(y, mo, d, h, mi, s, tzinfo=tz)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senin, 28 Des 2020 19:16 WIB", at(2020, 12, 28, 19, 16)),
        ("Rabu 16 Dec 2020 16:55 WIB", at(2020, 12, 16, 16, 55)),
        ("24 Des 2013, 17:54 WIB", at(2013, 12, 24, 17, 54)),
        ("Selasa, 24 Maret 2020 – 13:38 WIB", at(2020, 3, 24, 13, 38)),
        ("Senin, 10 Oktober 2022 | 00:10 WIB", at(2022, 10, 10, 0, 10)),
        ("Sabtu, 01 Januari 2022 - 02:20:00 WIB", at(2022, 1, 1, 2, 20)),
        ("21 November 2022 14:32", at(2022, 11, 21, 14, 32)),
        ("Kompas.com - 29/12/2020, 19:16 WIB", at(2020, 12, 29, 19, 16)),
        ("Kompas.com - 29/12/2020, 19.16 WIB", at(2020, 12, 29, 19, 16)),
        ("Jum'at, 10 Juli 2020 - 18:19 WIB", at(2020, 7, 10, 18, 19)),
        ("Jumat, 10 Juli 2020 18:19", at(2020, 7, 10, 18, 19)),
        ("Senin, 23/10/2017 15:33 WIB", at(2017, 10, 23, 15, 33)),
        ("Kamis, 5 Agu 2021 08:00 WITA", at(2021, 8, 5, 8, 0, tz=WITA)),
        ("Kamis, 5 Aug 2021 08:00 WIT", at(2021, 8, 5, 8, 0, tz=WIT)),
        ("12 Mei 2021", at(2021, 5, 12)),
        ("12 May 2021 10:00", at(2021, 5, 12, 10, 0)),
        ("Tue, May 16, 2017", at(2017, 5, 16)),
        ("Sat, October 16, 2021", at(2021, 10, 16)),
        ("October 16, 2021 4:05 pm", at(2021, 10, 16, 16, 5)),
        ("2020-12-29T12:16:00Z", at(2020, 12, 29, 12, 16, tz=timezone.utc)),
        ("Dipublikasikan pada 3 Nopember 2019 pukul 07.30 WIB", at(2019, 11, 3, 7, 30)),
    ],
)
def test_reads_the_forms_portals_print(text, expected):
    value = parse_date(text)
    assert value == expected
    assert value.utcoffset() == expected.utcoffset()


def test_default_zone_is_the_callers():
    assert parse_date("21 November 2022 14:32", default_tz=WITA).utcoffset() == timedelta(hours=8)


def test_day_first_for_numeric_dates():
    # The measured general-purpose guessers read this as March 1st.
    assert parse_date("03/01/2021") == at(2021, 1, 3)


@pytest.mark.parametrize(
    "text",
    ["", "tidak ada tanggal di sini", "31/02/2021", "Kamis, 28 Des 2020", "45 Foo 2020", "2 jam yang lalu"],
)
def test_unreadable_or_contradictory_gives_none(text):
    # A wrong date is worse than none: a weekday that contradicts the date is refused too.
    assert parse_date(text) is None


def test_relative_dates_need_a_reference():
    reference = at(2021, 1, 1, 12, 0)
    assert parse_date("2 jam yang lalu", reference=reference) == at(2021, 1, 1, 10, 0)
    assert parse_date("30 menit lalu", reference=reference) == at(2021, 1, 1, 11, 30)
    assert parse_date("3 days ago", reference=reference) == at(2020, 12, 29, 12, 0)


def test_search_reports_the_span():
    text = "Kompas.com - 29/12/2020, 19:16 WIB"
    value, (start, end) = search_date(text)
    assert text[start:end].startswith("29/12/2020")
    assert value == at(2020, 12, 29, 19, 16)


def test_iso_and_conversion_keep_the_instant():
    utc = parse_iso("2023-11-02T03:15:00+00:00")
    assert to_zone(utc) == at(2023, 11, 2, 10, 15)
    assert to_zone(utc).utcoffset() == timedelta(hours=7)
    assert parse_iso("2023-11-02 10:15:00") == at(2023, 11, 2, 10, 15)
    assert parse_iso("2023-11-02T10:15:00+0700") == at(2023, 11, 2, 10, 15)


# -- a weekday and date in the opening ("Selasa (30/12)") --------------------------------------


def test_opening_date_takes_its_year_from_the_reference():
    from warta.dates import opening_date

    crawl = at(2026, 1, 1)
    assert opening_date("ditangkap polisi, Selasa (30/12) dini hari.", reference=crawl) == (
        at(2025, 12, 30), "Selasa (30/12)")
    # The latest year in which that day is that weekday, never after the reference.
    assert opening_date("Jumat (5/3)", reference=at(2026, 1, 1))[0] == at(2021, 3, 5)
    assert opening_date("Kamis (1/1)", reference=at(2026, 1, 1))[0] == at(2026, 1, 1)
    assert opening_date("Jumat (2/1)", reference=at(2026, 1, 5))[0] == at(2026, 1, 2)
    # Only after the reference, too far back (2015: more than OPENING_YEARS before it) or
    # never that weekday: none.
    assert opening_date("Jumat (2/1)", reference=at(2026, 1, 1)) is None
    assert opening_date("Senin (31/2)", reference=crawl) is None
    assert opening_date("Selasa (30/12)") is None  # no year and nothing to take it from


def test_opening_date_with_a_printed_year_needs_its_weekday_to_agree():
    from warta.dates import opening_date

    assert opening_date("Jakarta - Selasa (24/12/2013) malam")[0] == at(2013, 12, 24)
    assert opening_date("Jakarta - Senin (24/12/2013) malam") is None
    assert opening_date("Senin (13/1/25)")[0] == at(2025, 1, 13)
    # A printed day after the page was crawled is not the day of its events.
    assert opening_date("Selasa (24/12/2013)", reference=at(2013, 12, 23)) is None
    assert opening_date("Selasa 24 Desember 2013") is None  # only the "(d/m)" form
