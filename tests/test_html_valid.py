"""The built HTML is valid and holds together: the Nu Html Checker (vnu.jar, run with Java) finds
no error on any page, and no internal link, asset or fragment anywhere in the site is broken."""

from __future__ import annotations

import json
import re
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from browser import site, tools
from browser.pages import parametrize_page_types

pytest_plugins = ["browser.fixtures"]

# Errors known while the theme is being written: a piece of the checker's message -> why it is
# accepted for now. A page type whose errors all match is xfailed with that reason.
KNOWN: dict[str, str] = {}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    parametrize_page_types(metafunc, samples=False)  # each type once: its test covers all its pages


# --- Nu Html Checker -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vnu_errors(site_out: Path) -> dict[str, list[dict]]:
    """One JVM run over every HTML file of the site: errors by output-relative path."""
    java = tools.require_command("java")
    jar = tools.require_file(tools.VNU, "vnu-jar (npm)")
    proc = subprocess.run(
        [java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout", "--skip-non-html", str(site_out)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        messages = json.loads(proc.stdout)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    errors: dict[str, list[dict]] = defaultdict(list)
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        rel = path.relative_to(site_out).as_posix() if path.is_relative_to(site_out) else str(path)
        errors[rel].append(message)
    return errors


def test_nu_html_checker_finds_no_error(vnu_errors, page_type: site.PageType) -> None:
    found = {rel: vnu_errors[rel] for rel in page_type.files if vnu_errors.get(rel)}
    if not found:
        return
    lines = []
    for rel, messages in sorted(found.items())[:5]:
        for m in messages[:10]:
            lines.append(f"{rel}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m['message']}"
                         f"\n    {m.get('extract', '').strip()!r}")
    report = f"{sum(map(len, found.values()))} errors in {len(found)} of {len(page_type.files)} pages like " \
             f"{page_type.shape}:\n" + "\n".join(lines)
    reasons = {KNOWN[k] for m in (m for ms in found.values() for m in ms) for k in KNOWN if k in m["message"]}
    if all(any(k in m["message"] for k in KNOWN) for ms in found.values() for m in ms):
        pytest.xfail("; ".join(sorted(reasons)) + "\n" + report)
    pytest.fail(report, pytrace=False)


# --- Internal links, assets and fragments -----------------------------------------------------

# Attributes that point at another resource (srcset is split separately).
LINK_ATTRS = {"href", "src", "poster", "data", "action", "xlink:href"}
ID_ATTRS = {"id"}


class Refs(HTMLParser):
    """The ids a page defines and the URLs it references, with line numbers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[int, str, str]] = []  # (line, attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in LINK_ATTRS:
                self.refs.append((line, name, value))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((line, name, candidate.split()[0]))

    handle_startendtag = handle_starttag


CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
ORIGIN = "http://site.invalid"


class SiteLinks:
    def __init__(self, out: Path) -> None:
        self.out = out
        config = yaml.safe_load((site.CONTENT / "site.yaml").read_text(encoding="utf-8")) or {}
        self.base_url = str(config.get("base_url") or "").rstrip("/") + "/" if config.get("base_url") else ""
        self.pages: dict[str, Refs] = {}
        for path in sorted(out.rglob("*.html")):
            refs = Refs()
            refs.feed(path.read_text(encoding="utf-8"))
            self.pages[path.relative_to(out).as_posix()] = refs

    def internal(self, url: str, from_path: str) -> tuple[str, str] | None:
        """(output-relative file, fragment) a URL points at, or None if it leaves the site."""
        url = url.strip()
        if self.base_url:
            # Absolute links to the site itself (canonical, sitemap, webcal:// feeds) are internal too.
            for scheme in ("https://", "http://", "webcal://"):
                own = scheme + self.base_url.split("://", 1)[1]
                if url.startswith(own):
                    url = "/" + url[len(own):]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            return None
        joined = urlsplit(urljoin(ORIGIN + from_path, url))
        rel = unquote(joined.path).lstrip("/")
        if rel == "" or rel.endswith("/"):
            rel += "index.html"
        elif (self.out / rel).is_dir():
            rel += "/index.html"
        return rel, unquote(joined.fragment)

    def problems(self) -> list[str]:
        found = []
        for rel, refs in self.pages.items():
            page_url = site.url_path(rel)
            for line, attr, url in refs.refs:
                if url.strip().lower().startswith("javascript:"):
                    found.append(f"{rel}:{line}: {attr}={url!r} is a javascript: URL")
                    continue
                target = self.internal(url, page_url)
                if target is None:
                    continue
                found.extend(f"{rel}:{line}: {attr}={url!r} {why}" for why in self.check(*target))
        for css in sorted(self.out.rglob("*.css")):
            rel = css.relative_to(self.out).as_posix()
            for match in CSS_URL.finditer(css.read_text(encoding="utf-8")):
                url = match.group(2) or match.group(4)
                if url.startswith("data:") or urlsplit(url).scheme:
                    continue
                target = self.internal(url, "/" + rel)
                if target:
                    found.extend(f"{rel}: url({url}) {why}" for why in self.check(*target))
        return found

    def check(self, rel: str, fragment: str) -> list[str]:
        path = self.out / rel
        if not path.resolve().is_relative_to(self.out.resolve()):
            return ["points outside the site"]
        if not path.is_file():
            return [f"→ {rel} does not exist"]
        if fragment and fragment != "top" and rel in self.pages and fragment not in self.pages[rel].ids:
            return [f"→ no id {fragment!r} in {rel}"]
        return []


@pytest.fixture(scope="module")
def links(site_out: Path) -> SiteLinks:
    return SiteLinks(site_out)


def report(problems: list[str], limit: int = 40) -> str:
    more = f"\n... and {len(problems) - limit} more" if len(problems) > limit else ""
    return f"{len(problems)} broken:\n" + "\n".join(problems[:limit]) + more


def test_no_broken_internal_link_asset_or_fragment(links: SiteLinks) -> None:
    assert links.pages, "no HTML pages were built"
    checked = sum(len(refs.refs) for refs in links.pages.values())
    assert checked, "no links found at all"
    problems = links.problems()
    if problems:
        pytest.fail(report(problems), pytrace=False)


def test_sitemap_lists_only_pages_that_exist(links: SiteLinks, site_out: Path) -> None:
    sitemap = site_out / "sitemap.xml"
    if not sitemap.is_file():
        pytest.skip("no sitemap.xml built yet")
    locs = re.findall(r"<loc>\s*([^<]+?)\s*</loc>", sitemap.read_text(encoding="utf-8"))
    assert locs, "sitemap.xml lists no pages"
    problems = []
    for loc in locs:
        target = links.internal(loc, "/")
        if target is None:
            problems.append(f"sitemap.xml: {loc} is not under base_url {links.base_url}")
        else:
            problems.extend(f"sitemap.xml: {loc} {why}" for why in links.check(*target))
    if problems:
        pytest.fail(report(problems), pytrace=False)


def test_not_found_page_links_work_from_any_address(links: SiteLinks) -> None:
    """The 404 page is served at whatever address was mistyped, so its links must be root-absolute."""
    pages = [rel for rel in links.pages if rel.rsplit("/", 1)[-1].startswith("404")]
    if not pages:
        pytest.skip("no 404 page built yet")
    relative = [
        f"{rel}:{line}: {attr}={url!r}"
        for rel in pages for line, attr, url in links.pages[rel].refs
        if not urlsplit(url).scheme and not url.startswith(("/", "#")) and url.strip()
    ]
    assert not relative, "relative links on the 404 page break at deeper addresses:\n" + "\n".join(relative)
