"""Feeds: where articles leave. The feed and its gate (feed, feeditem, copies), the writers
(feedxml: RSS 2.0 and Atom 1.0; jsonfeed: JSON Feed 1.1 and JSON Lines), files written whole
(output, publish) and WebSub pings (websub)."""
