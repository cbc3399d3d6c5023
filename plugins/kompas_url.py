"""Kompas.com article URLs: what ``/read/YYYY/MM/DD/NUMBER/slug`` encodes (the date, the
publication time in the id, the channel) and the stable id every Kompas parser gives."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from warta import WIB
from warta.dates import plausible
from warta.textkit import lazy_compile

SITE = "kompas.com"

# https://megapolitan.kompas.com/read/xml/2014/12/14/21474221/slug?page=all
_READ_URL = lazy_compile(
    r"^https?://(?P<host>[a-z0-9.-]*kompas\.com)/(?:amp/)?(?:(?P<channel>[a-z-]+)/)?read/(?:xml/)?"
    r"(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2})/(?P<number>\d{7,12})(?:/|$|\?)",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class KompasUrl:
    """What a Kompas article URL encodes: the date, the numeric id and the channel."""

    host: str
    day: date
    number: str
    #: The channel in the path (``www.kompas.com/global/read/...``), if any.
    path_channel: str | None = None

    @property
    def time(self) -> time | None:
        """Publication time: the id's first four digits are HH:MM WIB (true on every page checked)."""
        hour, minute = int(self.number[:2]), int(self.number[2:4])
        if hour < 24 and minute < 60:
            return time(hour, minute)
        return None

    @property
    def published(self) -> datetime | None:
        clock = self.time
        return plausible(datetime.combine(self.day, clock, WIB)) if clock else None

    @property
    def channel(self) -> str | None:
        """The subdomain ("megapolitan", "nasional"), or None for www / amp."""
        sub = self.host.lower().removesuffix("kompas.com").rstrip(".")
        return sub if sub and sub not in ("www", "amp", "m") else None

    @property
    def section(self) -> str | None:
        """The channel, from the path (``/global/read/``) or else the subdomain."""
        return self.path_channel or self.channel

    @property
    def article_id(self) -> str:
        """The stable id: the (date, number) pair, whatever the subdomain, slug or page."""
        return f"tag:{SITE},{self.day.isoformat()}:{self.number}"


def parse_kompas_url(url: str | None) -> KompasUrl | None:
    """Read a kompas.com article URL (``/read/YYYY/MM/DD/NUMBER/slug``), or None."""
    if not url:
        return None
    m = _READ_URL.match(url.strip())
    if not m:
        return None
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    channel = m["channel"].lower() if m["channel"] and m["channel"].lower() != "amp" else None
    return KompasUrl(host=m["host"].lower(), day=day, number=m["number"], path_channel=channel)
