"""WebSub (W3C, formerly PubSubHubbub): telling a hub that a feed changed.

With a hub configured (``--hub URL`` or ``hub = "..."`` in ``warta.toml``) each feed carries
``<link rel="hub">`` and ``<link rel="self">`` (JSON Feed: ``hubs`` and ``feed_url``), and
after every build that changed a feed file warta sends the hub a publish ping::

    POST HUB
    Content-Type: application/x-www-form-urlencoded

    hub.mode=publish&hub.url=<the feed file's self URL>

one request per changed file. The hub then fetches the feed and pushes it to subscribers.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from urllib.parse import urlencode

from .. import __version__
from ..errors import WartaError

#: Seconds to wait for the hub before giving up.
TIMEOUT = 10.0


def ping(hub: str, urls: Iterable[str], *, timeout: float = TIMEOUT) -> list[str]:
    """Send a publish ping to ``hub`` for each of ``urls``; return the URLs pinged.

    Raises WartaError naming the hub and the reason when the hub cannot be reached or
    answers with anything but a 2xx status.
    """
    if not hub.startswith(("http://", "https://")):
        raise WartaError(f"the WebSub hub must be an http(s) URL, not {hub!r}")
    done = []
    for url in urls:
        body = urlencode([("hub.mode", "publish"), ("hub.url", url)]).encode("ascii")
        request = urllib.request.Request(
            hub, data=body, method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded",
                     "User-Agent": f"warta/{__version__} (WebSub publisher)"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read(65536)
                status = response.status
        except urllib.error.HTTPError as exc:
            raise WartaError(f"WebSub hub {hub} refused the ping for {url}: "
                             f"{exc.code} {exc.reason}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise WartaError(f"cannot reach WebSub hub {hub}: {reason}") from None
        if not 200 <= status < 300:
            raise WartaError(f"WebSub hub {hub} answered {status} to the ping for {url}")
        done.append(url)
    return done
