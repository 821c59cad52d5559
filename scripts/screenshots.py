#!/usr/bin/env python3
"""Screenshots of every page type of a built site, at phone and desktop width, in the same
headless Debian Chromium the tests use.

    .venv/bin/knz build --output output
    .venv/bin/python scripts/screenshots.py output docs/screenshots [--widths 390,1280] [--full-page]
        [--only /,/zentren/*/*/]

One PNG per page type and width, named after the language and kind of page
(``de-offering-390.png``). By default each shot is the first screen (what a visitor sees first),
which keeps the files small; ``--full-page`` captures whole pages, cut at ``--max-height``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import site, tools  # noqa: E402  (the page-type discovery the tests use)

HEIGHTS = {390: 844, 1280: 900}  # a common phone, a laptop screen


def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 (absolute links like /static/site.css must work)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def names(types: list[site.PageType]) -> dict[str, str]:
    """A readable file name stem per page type: language and kind, plus the path's fixed words
    where a kind has several types (information pages)."""
    count: dict[tuple[str, str], int] = {}
    for t in types:
        count[(t.lang, t.kind)] = count.get((t.lang, t.kind), 0) + 1
    out = {}
    for t in types:
        stem = f"{t.lang}-{t.kind}"
        if count[(t.lang, t.kind)] > 1:
            words = [w for w in t.shape.strip("/").split("/") if w not in ("*", t.lang)]
            stem += "-" + "-".join(words[1:] or words)
        out[t.shape] = stem.replace(".html", "")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", type=Path, help="a built site (knz build --output ...)")
    parser.add_argument("dest", type=Path, help="folder for the PNG files")
    parser.add_argument("--widths", default="390,1280", help="viewport widths in px (default 390,1280)")
    parser.add_argument("--only", default="", help="comma-separated page-type shapes, e.g. /,/zentren/*/*/")
    parser.add_argument("--full-page", action="store_true", help="whole pages instead of the first screen")
    parser.add_argument("--max-height", type=int, default=3000, help="cut full pages at this height (px)")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    types = site.page_types(args.output)
    if args.only:
        wanted = {s.strip() for s in args.only.split(",")}
        types = [t for t in types if t.shape in wanted]
    stems = names(site.page_types(args.output))
    widths = [int(w) for w in args.widths.split(",")]
    args.dest.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.output)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=tools.CHROMIUM, args=tools.CHROMIUM_ARGS)
            for width in widths:
                height = HEIGHTS.get(width, 900)
                context = browser.new_context(viewport={"width": width, "height": height})
                # Nothing may leave the site, not even from a screenshot run.
                context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page = context.new_page()
                for t in types:
                    page.goto(base + t.url_path(), wait_until="load")
                    target = args.dest / f"{stems[t.shape]}-{width}.png"
                    if args.full_page:
                        full = min(page.evaluate("document.documentElement.scrollHeight"), args.max_height)
                        page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": width, "height": full},
                                        full_page=True)
                    else:
                        page.screenshot(path=str(target))
                    print(f"{target}  {t.url_path()}  {target.stat().st_size // 1024} KB")
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
