"""Feeds, purely: URL identity, feed entries, poll scheduling and OPML."""
