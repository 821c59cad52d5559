"""Helpers for the browser and HTML checks: the built site, its page types, a local server,
headless Chromium and the Node/Java tools from tests/tools/."""
