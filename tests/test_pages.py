"""The built HTML pages, read without a browser (so without JavaScript): content present,
schedules in words, changed dates marked in words, hostile Markdown removed, links that resolve,
unique titles, sitemap, canonical URLs and JSON-LD."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from conftest import CONTENT, ROOT, knz

TODAY = "2027-03-01"


# --- a small HTML reader ----------------------------------------------------------------------


class Doc(HTMLParser):
    """Links, ids, headings, title, JSON-LD and visible text of one page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, dict]] = []  # (tag, url, attrs)
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.title = ""
        self.jsonld: list = []
        self.text_parts: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._in: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if key in a:
                self.links.append((tag, a[key], a))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag not in ("meta", "link", "br", "img", "input", "hr", "source"):
            self._in.append(tag if not (tag == "script" and a.get("type") == "application/ld+json") else "ld")

    def handle_endtag(self, tag: str) -> None:
        if self._in:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        where = self._in[-1] if self._in else ""
        if where == "title":
            self.title += data
        elif where == "ld":
            self.jsonld.append(json.loads(data))
        elif where not in ("script", "style"):
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))


def read(site: Path, rel: str) -> Doc:
    return Doc((site / rel).read_text(encoding="utf-8"))


def html_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# --- a small content tree whose pages the tests know -------------------------------------------

CENTRE = """\
name: Testhaus Mitte
district: pieschen
description: Ein Haus zum Testen.
address: {street: Teststraße 1, postcode: "01127"}
geo: {lat: 51.07, lon: 13.72}
operator: {id: traeger, name: Trägerverein e. V.}
partners: [{id: partner, name: Partner gGmbH}]
funding: [{source: Landeshauptstadt Dresden}]
contact: {name: Anna Test, phone: 0351 111, email: anna@test.example}
opening_hours:
  tuesday: 10:00-20:00
  saturday: 14:00-18:00
rooms:
  - {id: cafe, name: Café, barrier_free: true}
  - {id: saal, name: Saal, barrier_free: true, bookable: true, booking: Anfrage per E-Mail}
accessibility: {step_free_entrance: true, accessible_toilet: true, route: Vom Tor geradeaus.}
languages: [de, ar]
house_rules: {possible: [Kaffee trinken], not_possible: [Rauchen]}
"""

CAFE = """\
---
title: {de: Seniorencafé, en: Café for older people}
category: treffpunkt
audiences: [senioren]
provider: partner
room: cafe
cost: {amount: 2.5, reduced: [{label: Dresden-Pass, amount: 1}]}
languages: [de, ar]
summary: {de: Kaffee und Kuchen., en: Coffee and cake., ar: قهوة وكعك.}
schedule:
  - repeat: weekly
    on: [tuesday]
    time: 14:00-16:00
    skip: [feiertage]
changes:
  - {date: 2027-03-16, cancelled: true, reason: Die Leiterin ist krank.}
  - {date: 2027-05-04, moved_to: 2027-05-06, time: 15:00-17:00, reason: Wahl im Saal.}
---
Jeden Dienstag gibt es Kaffee.
"""

MONTHLY = """\
---
title: Repair-Café
category: engagement
audiences: [alle]
schedule:
  - repeat: monthly
    on: [2nd wednesday, 4th wednesday]
    time: 17:00-19:30
  - dates: [2027-06-12]
    time: 10:00-14:00
---
Reparieren statt wegwerfen.
"""

CHOIR = """\
---
title: {de: Chor, en: Choir}
category: kultur
audiences: [alle]
schedule:
  - repeat: weekly
    every: 2
    on: [thursday]
    time: 18:00-20:00
    from: 2027-03-04
    until: 2027-06-30
  - repeat: monthly
    on: [last friday]
    all_day: true
---
Wir singen.
"""

HOSTILE = """\
---
title: Böses Markdown
category: kultur
audiences: [alle]
schedule:
  - dates: [2027-04-01]
    time: 10:00-11:00
---
# Überschrift eins

<script>alert("xss")</script>
<img src="https://evil.example/x.png" onerror="alert('img')" alt="">
[Klick](javascript:alert('link'))
<iframe src="https://evil.example/"></iframe>
<a href="https://ok.example/" onclick="steal()">gut</a>
<p style="background:url(javascript:alert(1))" onmouseover="alert(2)">Text</p>
<svg onload="alert(3)"></svg>
"""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pages")
    content = root / "content"
    content.mkdir()
    site = (CONTENT / "site.yaml").read_text(encoding="utf-8")
    (content / "site.yaml").write_text(site + "\nsign_language_video: https://video.example/dgs\n", encoding="utf-8")
    shutil.copytree(CONTENT / "closures", content / "closures")
    offerings = content / "centres" / "testhaus" / "offerings"
    offerings.mkdir(parents=True)
    (content / "centres" / "testhaus" / "centre.yaml").write_text(CENTRE, encoding="utf-8")
    (offerings / "cafe.md").write_text(CAFE, encoding="utf-8")
    (offerings / "repair.md").write_text(MONTHLY, encoding="utf-8")
    (offerings / "hostile.md").write_text(HOSTILE, encoding="utf-8")
    (offerings / "chor.md").write_text(CHOIR, encoding="utf-8")
    out = root / "out"
    run = knz("build", "--content", str(content), "--output", str(out), "--today", TODAY)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "out"
    run = knz("build", "--content", str(CONTENT), "--output", str(out), "--today", TODAY)
    assert run.returncode == 0, run.stdout + run.stderr
    return out


# --- schedules in words, dates marked in words ---------------------------------------------------


def test_centre_programme_is_said_in_words_in_both_languages(small_site: Path) -> None:
    de = read(small_site, "zentren/testhaus/index.html").text
    assert "Jeden Dienstag, 14 bis 16 Uhr: Seniorencafé" in de
    assert "Jeden 2. und 4. Mittwoch im Monat, 17 bis 19:30 Uhr: Repair-Café" in de
    assert "Am 12. Juni, 10 bis 14 Uhr: Repair-Café" in de
    en = read(small_site, "en/centres/testhaus/index.html").text
    assert "Every Tuesday, 2 pm to 4 pm: Café for older people" in en
    assert "On the 2nd and 4th Wednesday of the month, 5 pm to 7:30 pm: Repair-Café" in en


def test_intervals_periods_and_last_weekdays_are_said_in_words(small_site: Path) -> None:
    de = read(small_site, "zentren/testhaus/index.html").text
    assert "Jeden zweiten Donnerstag, vom 4. März bis 30. Juni, 18 bis 20 Uhr: Chor" in de
    assert "Jeden letzten Freitag im Monat, ganztägig: Chor" in de
    en = read(small_site, "en/centres/testhaus/index.html").text
    assert "Every other Thursday, from 4 March to 30 June, 6 pm to 8 pm: Choir" in en
    assert "On the last Friday of the month, all day: Choir" in en


def test_past_months_are_folded_away_but_present(small_site: Path) -> None:
    html = (small_site / "zentren/testhaus/cafe/index.html").read_text(encoding="utf-8")
    past, _, current = html.partition("</details>")
    assert "Vergangene Termine: Januar 2027 bis Februar 2027" in past
    assert "Dienstag, 5. Januar 2027" in past  # still in the page, without JavaScript
    assert "Dienstag, 2. März 2027" in current


def test_category_audience_and_district_pages_name_their_topic(small_site: Path) -> None:
    for rel, title in [
        ("kategorien/treffpunkt/index.html", "Café und Treffpunkt"),
        ("en/categories/treffpunkt/index.html", "Café and meeting place"),
        ("zielgruppen/senioren/index.html", "Seniorinnen und Senioren"),
        ("en/audiences/senioren/index.html", "Older people"),
        ("stadtteile/pieschen/index.html", "Stadtteil Pieschen"),
    ]:
        doc = read(small_site, rel)
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", (small_site / rel).read_text(encoding="utf-8"), re.S).group(1)
        assert re.sub(r"<[^>]+>", "", h1).strip() == title, rel
        assert doc.title.startswith(title), rel
    assert "Seniorencafé" in read(small_site, "zielgruppen/senioren/index.html").text
    assert "Testhaus Mitte" in read(small_site, "stadtteile/pieschen/index.html").text


def test_centre_page_shows_evenings_weekends_rooms_rules_and_contact(small_site: Path) -> None:
    text = read(small_site, "zentren/testhaus/index.html").text
    assert "Abends geöffnet (nach 18 Uhr): Dienstag" in text
    assert "Am Wochenende geöffnet: Samstag" in text
    assert "Anfrage per E-Mail" in text  # who may use the bookable room
    assert "Rauchen" in text and "Kaffee trinken" in text
    assert "Vom Tor geradeaus." in text
    assert "Partner gGmbH" in text and "Trägerverein e. V." in text
    assert "Anna Test" in text


def test_offering_lists_every_date_and_marks_changes_in_words(small_site: Path) -> None:
    doc = read(small_site, "zentren/testhaus/cafe/index.html")
    text = doc.text
    assert "Abgesagt Dienstag, 16. März 2027, 14 bis 16 Uhr" in text
    assert "Die Leiterin ist krank." in text
    assert "Verschoben Donnerstag, 6. Mai 2027, 15 bis 17 Uhr" in text
    assert "statt am 4. Mai" in text
    # A public holiday the rule skips stays listed, in words (Easter Monday is not a Tuesday,
    # but 2027-12-28 is a Tuesday in the house's own list only when a holiday falls on it).
    assert "Fällt aus" in text or "Abgesagt" in text
    assert "2,50 €" in text and "ermäßigt mit Dresden-Pass: 1 €" in text
    times = [a.get("datetime") for tag, a in doc.tags if tag == "time"]
    assert "2027-03-16T14:00:00+01:00" in times
    en = read(small_site, "en/centres/testhaus/cafe/index.html").text
    assert "Cancelled Tuesday, 16 March 2027, 2 pm to 4 pm" in en
    assert "€2.50" in en


def test_passages_in_other_languages_carry_lang_and_direction(small_site: Path) -> None:
    html = (small_site / "zentren/testhaus/cafe/index.html").read_text(encoding="utf-8")
    assert re.search(r'<p lang="ar" dir="rtl">قهوة وكعك.</p>', html)
    # English page, German-only text: the passage says it is German.
    en = (small_site / "en/centres/testhaus/repair/index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 lang="de">Repair-Café</h1>', en)
    assert re.search(r'<html lang="en" dir="ltr">', en)


def test_home_shows_today_the_week_districts_and_the_sign_language_video(small_site: Path) -> None:
    doc = read(small_site, "index.html")
    text = doc.text
    assert "Heute, Montag, 1. März 2027" in text
    assert "Dienstag, 2. März 2027" in text and "Seniorencafé" in text  # this week
    assert "Testhaus Mitte" in text and "Teststraße 1, 01127 Dresden" in text
    hrefs = [url for _, url, _ in doc.links]
    assert any(u.startswith("https://www.openstreetmap.org/?mlat=51.07&mlon=13.72") for u in hrefs)
    assert "https://video.example/dgs" in hrefs
    assert "Deutsche Gebärdensprache" in text
    # The easy-language page is linked from the header of every page.
    header = (small_site / "zentren/testhaus/cafe/index.html").read_text(encoding="utf-8").split("</header>")[0]
    assert "Leichte Sprache</a>" in header


# --- untrusted content ------------------------------------------------------------------------


def test_hostile_markdown_is_sanitised(small_site: Path) -> None:
    for rel in ("zentren/testhaus/hostile/index.html", "en/centres/testhaus/hostile/index.html"):
        html = (small_site / rel).read_text(encoding="utf-8")
        lowered = html.lower()
        assert "alert(" not in lowered
        assert "<iframe" not in lowered and "evil.example" not in lowered
        assert "javascript:" not in lowered
        assert not re.search(r"\son[a-z]+\s*=", lowered)
        assert "<svg onload" not in lowered
        doc = Doc(html)
        assert doc.headings.count(1) == 1  # the editor's "# " heading was shifted below the h1
        scripts = [a for tag, a in doc.tags if tag == "script"]
        assert all(a.get("type") == "application/ld+json" for a in scripts)
        assert "gut" in doc.text  # harmless content stays


def test_jsonld_cannot_be_closed_by_content(small_site: Path, tmp_path: Path) -> None:
    html = (small_site / "zentren/testhaus/cafe/index.html").read_text(encoding="utf-8")
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
        assert "<" not in block


# --- structure over the whole example site ------------------------------------------------------


def test_every_page_has_one_h1_landmarks_and_a_skip_link(example_site: Path) -> None:
    for rel in html_files(example_site):
        doc = read(example_site, rel)
        assert doc.headings.count(1) == 1, rel
        assert doc.headings[0] == 1, rel
        for earlier, later in zip(doc.headings, doc.headings[1:]):
            assert later <= earlier + 1, f"{rel}: heading h{later} after h{earlier}"
        tags = [t for t, _ in doc.tags]
        for landmark in ("header", "nav", "main", "footer"):
            assert landmark in tags, f"{rel}: no <{landmark}>"
        first_link = next(a for t, a in doc.tags if t == "a")
        assert first_link.get("href") == "#main", rel
        assert "main" in doc.ids, rel


def test_titles_are_unique(example_site: Path) -> None:
    seen: dict[str, str] = {}
    for rel in html_files(example_site):
        title = read(example_site, rel).title.strip()
        assert title, rel
        assert title not in seen, f"{rel} and {seen.get(title)} share the title {title!r}"
        seen[title] = rel


def _target(site: Path, rel: str, url: str) -> tuple[Path | None, str]:
    base = "http://site/" + rel
    parts = urlsplit(urljoin(base, url))
    if parts.scheme != "http" or parts.netloc != "site":
        return None, ""
    path = parts.path.lstrip("/")
    file = site / path
    if path == "" or path.endswith("/"):
        file = site / path / "index.html"
    return file, parts.fragment


@pytest.mark.parametrize("which", ["example_site", "small_site"])
def test_every_internal_link_and_asset_resolves(which: str, request: pytest.FixtureRequest) -> None:
    example_site = request.getfixturevalue(which)
    docs = {rel: read(example_site, rel) for rel in html_files(example_site)}
    broken = []
    for rel, doc in docs.items():
        if rel.endswith("404.html"):
            continue  # links from the site root; checked below
        for tag, url, attrs in doc.links:
            if tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                continue  # absolute, on base_url
            file, fragment = _target(example_site, rel, url)
            if file is None:
                continue
            if not file.is_file():
                broken.append(f"{rel}: {url}")
            elif fragment and file.suffix == ".html":
                target = docs.get(file.relative_to(example_site).as_posix())
                if target is not None and fragment not in target.ids:
                    broken.append(f"{rel}: {url} (no id {fragment!r})")
    assert not broken, "\n".join(broken[:30])


def test_404_links_resolve_from_any_path(example_site: Path) -> None:
    doc = read(example_site, "404.html")
    for tag, url, attrs in doc.links:
        if attrs.get("rel") in ("canonical", "alternate") or urlsplit(url).scheme or url.startswith("#"):
            continue
        assert url.startswith("/"), url
        file, _ = _target(example_site, "deep/a/b/c", url)
        assert file is not None and file.is_file(), url


def test_no_request_leaves_the_site(example_site: Path) -> None:
    for rel in html_files(example_site):
        doc = read(example_site, rel)
        for tag, a in doc.tags:
            assert tag not in ("iframe", "object", "embed"), rel
            if tag == "script":
                assert a.get("type") == "application/ld+json" and "src" not in a, rel
            if tag in ("img", "video", "audio", "source") and a.get("src"):
                assert not urlsplit(a["src"]).scheme, f"{rel}: {a['src']}"
            if tag == "link" and a.get("rel") not in ("canonical", "alternate"):
                assert not urlsplit(a.get("href", "")).scheme, f"{rel}: {a}"
    css = "\n".join(p.read_text(encoding="utf-8") for p in example_site.rglob("*.css"))
    assert "@import" not in css and "url(" not in css


def test_language_switch_leads_to_the_same_page_in_the_other_language(example_site: Path) -> None:
    for rel in html_files(example_site):
        doc = read(example_site, rel)
        switch = [a for t, a in doc.tags if t == "a" and a.get("hreflang")]
        assert switch, rel
        for a in switch:
            file, _ = _target(example_site, rel, a["href"])
            assert file is not None and file.is_file(), f"{rel}: {a['href']}"
            back = read(example_site, file.relative_to(example_site).as_posix())
            returns = [b for t, b in back.tags if t == "a" and b.get("hreflang")]
            assert any(_target(example_site, file.relative_to(example_site).as_posix(), b["href"])[0]
                       == example_site / rel for b in returns), f"{rel} ↔ {file}"


def test_sitemap_and_canonical_urls_agree(example_site: Path) -> None:
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locs) == len(set(locs))
    base = "https://knz.dresden.example"
    canonicals = set()
    for rel in html_files(example_site):
        html = (example_site / rel).read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
        path = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        assert canonical == base + path, rel
        canonicals.add(canonical)
    assert set(locs) <= canonicals
    assert base + "/" in locs and base + "/en/" in locs
    assert not any(loc.endswith("404.html") for loc in locs)
    assert (example_site / "robots.txt").read_text(encoding="utf-8").strip() == f"Sitemap: {base}/sitemap.xml"


def test_jsonld_events_and_places(small_site: Path) -> None:
    offering = read(small_site, "zentren/testhaus/cafe/index.html").jsonld
    events = offering[0]["@graph"]
    assert all(e["@type"] == "Event" for e in events)
    assert all(e["location"]["@type"] == "Place" for e in events)
    by_start = {e["startDate"]: e for e in events}
    assert by_start["2027-03-16T14:00:00+01:00"]["eventStatus"] == "https://schema.org/EventCancelled"
    assert by_start["2027-05-06T15:00:00+02:00"]["eventStatus"] == "https://schema.org/EventRescheduled"
    assert by_start["2027-03-02T14:00:00+01:00"]["eventStatus"] == "https://schema.org/EventScheduled"
    assert by_start["2027-03-02T14:00:00+01:00"]["offers"]["price"] == 2.5
    centre = read(small_site, "zentren/testhaus/index.html").jsonld[0]
    assert "CivicStructure" in centre["@type"] and "Place" in centre["@type"]
    assert centre["address"]["streetAddress"] == "Teststraße 1"
    assert {"Tuesday", "Saturday"} == {s["dayOfWeek"].rsplit("/", 1)[1] for s in centre["openingHoursSpecification"]}


def test_annual_programme_has_qr_codes_as_inline_svg(small_site: Path) -> None:
    html = (small_site / "jahresprogramm/testhaus/index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg [^>]*role=\"img\"[^>]*>", html)
    assert len(svgs) == 2
    assert "https://knz.dresden.example/zentren/testhaus/" in html
    assert "https://knz.dresden.example/feeds/zentren/testhaus.ics" in html
    assert "print.css" in html


def test_every_ui_string_has_a_german_translation() -> None:
    po = ROOT / "generator" / "locale" / "de" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="de")
    missing = []
    for template in sorted((ROOT / "themes" / "default" / "templates").rglob("*.html")):
        if template.name == "subscribe.html":
            continue  # the feeds' partial keeps its own strings
        for _, message, _, _ in extract_from_file(
            "jinja2", str(template), options={"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}
        ):
            entry = catalog.get(message)
            if entry is None or not entry.string or (isinstance(entry.string, tuple) and not all(entry.string)):
                missing.append(f"{template.name}: {message!r}")
    assert not missing, "\n".join(missing)
