"""iCalendar feeds of the example content, checked from the outside.

The example content is built once (a copy, so the committed ``.feed-state.json`` is never
touched by a test run). Then:

- every feed is expanded for 2027 by three independent parsers: ical.js (Thunderbird, run with
  node), ``ical`` (Home Assistant) and ``icalendar`` + ``recurring_ical_events``; each must list
  exactly the occurrences (UTC start instants, and which are cancelled) that knz's own schedule
  expansion published in ``daten/termine.json``;
- our own structural checks on the raw bytes (CRLF, 75 octets, properties, UIDs, TZIDs);
- change tests on a small offering added to a copy of the content: edit, rebuild, compare.

Which offerings belong in which feed is read from the content files themselves (front matter
and centre.yaml), so the tests follow the content as it grows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import CONTENT, ROOT, TODAY, knz

YEAR = 2027
NODE = shutil.which("node")
ICALJS = ROOT / "tests" / "tools" / "node_modules" / "ical.js"
SCRIPT = ROOT / "tests" / "js" / "occurrences.mjs"

Occ = tuple[str, bool]  # (start: UTC instant "…Z" or the date of an all-day event, cancelled)


# --- building ----------------------------------------------------------------------------------


def build(content: Path, output: Path, env: dict | None = None, today: str = TODAY) -> None:
    run = knz("build", "--content", str(content), "--output", str(output), "--today", today, env=env)
    assert run.returncode == 0, run.stderr


def feeds_of(output: Path) -> dict[str, bytes]:
    return {p.relative_to(output).as_posix(): p.read_bytes() for p in sorted(output.rglob("*.ics"))}


@pytest.fixture(scope="session", params=["example", "forms"])
def site(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(content, output), built once: a copy of the example content, and a small tree of our
    own with every schedule form at its edges (``write_forms``), whatever the example holds."""
    base = tmp_path_factory.mktemp(request.param)
    content = base / "content"
    if request.param == "example":
        shutil.copytree(CONTENT, content)
    else:
        write_forms(content)
    output = base / "output"
    build(content, output)
    return content, output


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


FORMS_SITE = {
    "title": {"de": "Testnetz", "en": "Test network"}, "base_url": "https://knz.test/",
    "programme": {"from": "2027-01-01", "until": "2027-12-31"},
    "districts": {"pieschen": "Pieschen", "leer": "Ohne Zentrum"},
    "categories": {"treffpunkt": {"de": "Treffpunkt", "en": "Meeting place"}, "kurs": "Kurs"},
    "audiences": {"alle": {"de": "Alle", "en": "Everyone"}, "senioren": "Senioren"},
}
FORMS_CENTRE = {
    "name": "Testhaus", "district": "pieschen",
    "address": {"street": "Teststraße 1", "postcode": "01127"}, "geo": {"lat": 51.07, "lon": 13.72},
    "operator": {"id": "verein", "name": "Testverein e. V."}, "funding": [{"source": "Eigenmittel"}],
    "contact": {"name": "Anna Test", "phone": "0351 000 00 00", "email": "anna@knz.test"},
    "opening_hours": {"monday": "08:00-22:00"},
    "rooms": [{"id": "cafe", "name": "Café", "barrier_free": True}, {"id": "saal", "name": "Saal", "barrier_free": True}],
    "accessibility": {"step_free_entrance": True, "accessible_toilet": True},
    "closures": [{"from": "2027-12-23", "until": "2028-01-02", "reason": {"de": "Weihnachtspause", "en": "Christmas break"}},
                 {"from": "2027-06-02", "reason": "Wasserschaden"},
                 # Closes the first date of "feindlich": an instance on DTSTART itself.
                 {"from": "2027-01-04", "until": "2027-01-07", "reason": "Inventur"}],
}
FORMS_OFFERINGS = {
    # Every other week on two days, across the spring DST change, one date moved across it.
    "zweiwoechentlich": {"room": "cafe", "schedule": [
        {"repeat": "weekly", "every": 2, "on": ["tuesday", "thursday"], "time": "18:00-19:30", "skip": ["feiertage"]}],
        "changes": [{"date": "2027-03-25", "moved_to": "2027-03-30", "time": "19:00-20:30", "reason": "Saal belegt"}]},
    # Monthly positions, school holidays skipped, one date cancelled, one in another room.
    "monatlich": {"category": "kurs", "audiences": ["senioren"], "room": "cafe", "schedule": [
        {"repeat": "monthly", "on": ["2nd wednesday", "last friday"], "time": "15:00-17:00", "skip": ["schulferien"]}],
        "changes": [{"date": "2027-10-29", "cancelled": True, "reason": "Krank"},
                    {"date": "2027-11-10", "room": "saal", "reason": "Mehr Platz"}]},
    # All-day, with its own period, an excepted date and a cancelled one.
    "ganztags": {"schedule": [{"repeat": "weekly", "on": ["saturday"], "all_day": True, "from": "2027-05-01",
                               "until": "2027-09-30", "except": ["2027-07-03"]}],
                 "changes": [{"date": "2027-08-14", "cancelled": True}]},
    # Single dates on both DST days and around them; one cancelled, one moved.
    "einzeltermine": {"schedule": [{"dates": ["2027-03-27", "2027-03-28", "2027-10-30", "2027-10-31"],
                                    "time": "10:00-12:00"}],
                      "changes": [{"date": "2027-03-27", "cancelled": True, "reason": "Regen"},
                                  {"date": "2027-10-30", "moved_to": "2027-11-06"}]},
    # A weekly rule with an extra date that is not a Monday.
    "zusatztermin": {"schedule": [{"repeat": "weekly", "on": ["monday"], "time": "09:00-10:00", "dates": ["2027-06-05"],
                                   "skip": ["feiertage"]}]},
    # Hostile text: line breaks and iCalendar syntax in every field that reaches a feed.
    "feindlich": {"title": {"de": "Café\r\nEND:VEVENT\r\nBEGIN:VEVENT", "en": "x;y,z\\n"},
                  "summary": "Zeile 1\nUID:evil@example\n", "schedule": [
                      {"repeat": "weekly", "on": ["thursday"], "time": "12:00-13:00", "until": "2027-02-28"}],
                  "contact": {"name": "Eve\r\nORGANIZER:mailto:evil@example", "email": "eve;X-EVIL=1:x,y@knz.test",
                              "phone": "0351; 1"}},
    # Called off as a whole.
    "abgesagt": {"status": "cancelled", "status_reason": "Die Gruppe hat sich aufgelöst.", "schedule": [
        {"repeat": "weekly", "on": ["wednesday"], "time": "10:00-11:00", "from": "2027-02-01", "until": "2027-04-30"}]},
}


def write_forms(content: Path) -> None:
    (content / "closures").mkdir(parents=True)
    (content / "site.yaml").write_text(_yaml(FORMS_SITE), encoding="utf-8")
    (content / "closures" / "feiertage.yaml").write_text(_yaml(
        {"name": "Feiertage", "holidays": {"country": "DE", "subdivision": "SN"}}), encoding="utf-8")
    (content / "closures" / "schulferien.yaml").write_text(_yaml({"name": "Schulferien", "periods": [
        {"from": "2027-02-08", "until": "2027-02-19", "reason": "Winterferien"},
        {"from": "2027-10-11", "until": "2027-10-23", "reason": "Herbstferien"}]}), encoding="utf-8")
    offerings = content / "centres" / "haus" / "offerings"
    offerings.mkdir(parents=True)
    (content / "centres" / "haus" / "centre.yaml").write_text(_yaml(FORMS_CENTRE), encoding="utf-8")
    for slug, front in FORMS_OFFERINGS.items():
        front = {"title": {"de": slug.capitalize(), "en": slug}, "category": "treffpunkt", "audiences": ["alle"], **front}
        (offerings / f"{slug}.md").write_text(f"---\n{_yaml(front)}---\nText mit **Markdown**, Komma, Semikolon; "
                                             f"und einem [Link](https://knz.test/).\n", encoding="utf-8")
    # Two rules, and a file name that differs from the explicit id.
    front = {"id": "zwei-regeln", "title": "Zwei Regeln", "category": "treffpunkt", "audiences": ["alle"], "schedule": [
        # Its first Friday is New Year's Day, skipped: an EXDATE on DTSTART itself.
        {"repeat": "weekly", "on": ["friday"], "time": "16:00-18:00", "until": "2027-06-30", "skip": ["feiertage"]},
        {"repeat": "weekly", "on": ["friday"], "time": "17:00-19:00", "from": "2027-07-01"}]}
    (offerings / "anderer-dateiname.md").write_text(f"---\n{_yaml(front)}---\nZwei Zeiten.\n", encoding="utf-8")
    (content / ".feed-state.json").write_text("{}\n", encoding="utf-8")


@pytest.fixture(scope="session")
def feeds(site) -> dict[str, bytes]:
    found = feeds_of(site[1])
    assert found, "the build wrote no feeds"
    return found


@pytest.fixture(scope="session")
def parsed(feeds) -> dict[str, list]:
    """Every feed split into components by our own reader (after the CRLF / 75-octet checks)."""
    return {feed: components(content_lines(data)) for feed, data in feeds.items()}


def python_parsed_feeds(feeds: dict[str, bytes]) -> dict[str, bytes]:
    """The feeds the two (slow) Python parsers expand: every offering's download on its own, and
    the feed of all centres, in which every event meets all the others. The other group feeds
    consist of the very same VEVENT blocks (checked byte for byte below) and are expanded by
    ical.js, so this covers every event in every parser without expanding it ten times."""
    return {f: d for f, d in feeds.items() if f.endswith("feeds/alle.ics")
            or f.startswith("feeds/angebote/") or b"BEGIN:VEVENT" not in d}


# --- what knz says: termine.json, and which offerings each feed holds --------------------------


def _utc(value: str) -> str:
    if "T" not in value:
        return value
    return datetime.fromisoformat(value).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _norm(value: datetime | date) -> str:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value}: the TZID was not understood"
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---")) or {}


@pytest.fixture(scope="session")
def membership(site) -> dict[str, set[tuple[str, str]]]:
    """Feed path (without the language prefix) -> the (centre, offering) pairs it must hold."""
    content, output = site
    groups: dict[str, set[tuple[str, str]]] = {}
    everything: set[tuple[str, str]] = set()
    for centre_dir in sorted((content / "centres").iterdir()):
        centre = yaml.safe_load((centre_dir / "centre.yaml").read_text(encoding="utf-8"))
        for path in sorted((centre_dir / "offerings").glob("*.md")):
            front = _front_matter(path)
            key = (centre_dir.name, str(front.get("id") or path.stem))
            everything.add(key)
            wanted = [f"feeds/zentren/{key[0]}.ics", f"feeds/angebote/{key[0]}/{key[1]}.ics",
                      f"feeds/kategorien/{front['category']}.ics", f"feeds/stadtteile/{centre['district']}.ics"]
            wanted += [f"feeds/zielgruppen/{a}.ics" for a in front["audiences"]]
            for feed in wanted:
                groups.setdefault(feed, set()).add(key)
    groups["feeds/alle.ics"] = everything
    return groups


@pytest.fixture(scope="session")
def expected(site) -> dict[tuple[str, str], list[Occ]]:
    """knz's own expansion, per offering: (UTC start, cancelled) of every occurrence in 2027."""
    records = json.loads((site[1] / "daten" / "termine.json").read_text(encoding="utf-8"))
    out: dict[tuple[str, str], list[Occ]] = {}
    for r in records:
        start = _utc(r["start"])
        if start.startswith(str(YEAR)):
            out.setdefault((r["centre"], r["offering"]), []).append((start, r["status"] == "cancelled"))
    return out


def expected_for(feed: str, membership, expected) -> list[Occ]:
    bare = feed.removeprefix("en/")
    keys = membership.get(bare, set())
    return sorted(o for key in keys for o in expected.get(key, []))


# --- the three parsers -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def icaljs(site, feeds) -> dict[str, list[dict]]:
    if NODE is None or not (ICALJS / "package.json").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("node and ical.js are needed in CI: run bash tests/tools/install.sh")
        pytest.skip("node or ical.js missing (bash tests/tools/install.sh installs them)")
    output = site[1]
    proc = subprocess.run([NODE, str(SCRIPT), str(YEAR), *[str(output / f) for f in feeds]],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return {Path(k).relative_to(output).as_posix(): v for k, v in json.loads(proc.stdout).items()}


def ha_ical(data: bytes) -> list[tuple[str, str, bool]]:
    from ical.calendar_stream import IcsCalendarStream
    from ical.event import EventStatus

    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    out = []
    for event in calendar.timeline_tz(ZoneInfo("Europe/Berlin")):
        start = _norm(event.dtstart)
        if start.startswith(str(YEAR)):
            out.append((event.uid, start, event.status == EventStatus.CANCELLED))
    return out


def recurring(data: bytes) -> list[tuple[str, str, bool]]:
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar.from_ical(data)
    errors = [(c.name, c.errors) for c in calendar.walk() if c.errors]
    assert not errors, f"icalendar could not read: {errors[:3]}"
    for event in calendar.walk("VEVENT"):  # texts play no part in recurrence; copying them is slow
        for name in [n for n in event if n not in _RECURRENCE]:
            del event[name]
    out = []
    for event in recurring_ical_events.of(calendar).between((YEAR, 1, 1), (YEAR + 1, 1, 1)):
        start = _norm(event.decoded("dtstart"))
        out.append((str(event["uid"]), start, str(event.get("status", "")).upper() == "CANCELLED"))
    return out


_RECURRENCE = {"UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "STATUS",
               "SEQUENCE", "DTSTAMP"}


def _occ(items) -> list[Occ]:
    return sorted((start, cancelled) for _, start, cancelled in items)


def same(got: list, wanted: list) -> str:
    """'' when equal, else a short report of what is missing and what is extra."""
    missing, extra = Counter(wanted) - Counter(got), Counter(got) - Counter(wanted)
    if not missing and not extra:
        return ""
    return f"missing {sorted(missing.elements())[:6]}, extra {sorted(extra.elements())[:6]}"


def test_ical_js_lists_what_knz_expanded(feeds, icaljs, membership, expected) -> None:
    for feed in feeds:
        got = _occ((o["uid"], o["start"], o["cancelled"]) for o in icaljs[feed])
        assert not (diff := same(got, expected_for(feed, membership, expected))), f"ical.js: {feed}: {diff}"


@pytest.fixture(scope="session")
def home_assistant(feeds) -> dict[str, list[tuple[str, str, bool]]]:
    return {feed: sorted(ha_ical(data)) for feed, data in python_parsed_feeds(feeds).items()}


@pytest.fixture(scope="session")
def recurring_events(feeds) -> dict[str, list[tuple[str, str, bool]]]:
    return {feed: sorted(recurring(data)) for feed, data in python_parsed_feeds(feeds).items()}


def test_home_assistant_ical_lists_what_knz_expanded(home_assistant, membership, expected) -> None:
    for feed, got in home_assistant.items():
        diff = same(_occ(got), expected_for(feed, membership, expected))
        assert not diff, f"ical (Home Assistant): {feed}: {diff}"


def test_recurring_ical_events_lists_what_knz_expanded(recurring_events, membership, expected) -> None:
    for feed, got in recurring_events.items():
        diff = same(_occ(got), expected_for(feed, membership, expected))
        assert not diff, f"recurring_ical_events: {feed}: {diff}"


def test_the_three_parsers_agree_event_by_event(icaljs, home_assistant, recurring_events) -> None:
    """Not only the same instants: each under the same UID in all three."""
    for feed, got in home_assistant.items():
        js = sorted((o["uid"], o["start"], o["cancelled"]) for o in icaljs[feed])
        assert not (diff := same(got, js)), f"ical vs ical.js: {feed}: {diff}"
        assert not (diff := same(recurring_events[feed], js)), f"recurring_ical_events vs ical.js: {feed}: {diff}"


def test_every_offering_and_group_has_a_feed_in_every_language(feeds, membership) -> None:
    for bare in membership:
        assert bare in feeds, bare
        assert f"en/{bare}" in feeds, f"en/{bare}"


def test_the_committed_sequence_record_is_up_to_date(site) -> None:
    """A schedule change must be committed with its record, or a second change on top would be
    published with the same SEQUENCE (docs/feeds.md). The example content shows the way."""
    content = site[0]
    if content.parent.name.startswith("forms"):
        pytest.skip("only the example content has a committed record")
    committed = (CONTENT / ".feed-state.json").read_text(encoding="utf-8")
    assert (content / ".feed-state.json").read_text(encoding="utf-8") == committed, (
        "content/.feed-state.json is out of date: run `knz build` and commit it with the content change")


def test_every_key_of_site_yaml_has_a_feed(site, feeds) -> None:
    """Also keys no offering uses yet: a subscription must never hit a missing file."""
    config = yaml.safe_load((site[0] / "site.yaml").read_text(encoding="utf-8"))
    for section, folder in (("categories", "kategorien"), ("audiences", "zielgruppen"), ("districts", "stadtteile")):
        for key in config[section]:
            for lang in ("", "en/"):
                assert f"{lang}feeds/{folder}/{key}.ics" in feeds, f"{lang}feeds/{folder}/{key}.ics"


def test_the_example_covers_both_dst_changes_and_cancellations(expected) -> None:
    """Guards the comparison itself: it must see winter and summer time and cancelled dates."""
    starts = [s for occs in expected.values() for s, _ in occs]
    assert any(s.startswith(f"{YEAR}-01") and s.endswith("Z") for s in starts)
    assert any(s.startswith(f"{YEAR}-07") and s.endswith("Z") for s in starts)
    assert any(s.startswith(f"{YEAR}-11") and s.endswith("Z") for s in starts)
    assert any(c for occs in expected.values() for _, c in occs)


# --- structure, on the raw bytes ---------------------------------------------------------------


def content_lines(data: bytes) -> list[str]:
    """Unfold (RFC 5545 3.1) after checking CRLF and the 75-octet limit on every physical line."""
    assert data.endswith(b"\r\n"), "the last line must end with CRLF"
    physical = data[:-2].split(b"\r\n")
    for number, line in enumerate(physical, 1):
        assert b"\n" not in line and b"\r" not in line, f"line {number}: bare LF or CR"
        assert len(line) <= 75, f"line {number} has {len(line)} octets"
        line.decode("utf-8")  # raises if a fold split a UTF-8 character
    lines: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text.startswith((" ", "\t")):
            lines[-1] += text[1:]
        else:
            lines.append(text)
    return lines


_PARAM = re.compile(r';([A-Za-z0-9-]+)=("[^"]*"|[^;:]*)')


def parse_line(line: str) -> tuple[str, dict[str, str], str]:
    head = re.match(r'^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^;:]*))*):(.*)$', line)
    assert head, f"not a content line: {line!r}"
    params = {k.upper(): v.strip('"') for k, v in _PARAM.findall(head.group(2))}
    return head.group(1).upper(), params, head.group(3)


def components(lines: list[str]) -> list[tuple[str, list[tuple[str, dict, str]]]]:
    """The VEVENTs and VTIMEZONEs (with their properties, sub-components flattened) and the calendar."""
    out, stack = [], []
    for line in lines:
        name, params, value = parse_line(line)
        if name == "BEGIN":
            stack.append((value.upper(), []))
        elif name == "END":
            kind, props = stack.pop()
            assert kind == value.upper(), f"END:{value} closes {kind}"
            if stack and kind not in ("VEVENT", "VTIMEZONE"):
                stack[-1][1].extend(props)  # STANDARD/DAYLIGHT into their VTIMEZONE
            else:
                out.append((kind, props))
        else:
            stack[-1][1].append((name, params, value))
    assert not stack, "unclosed component"
    return out


def first(props, name) -> tuple[dict, str] | None:
    return next(((p, v) for n, p, v in props if n == name), None)


CALENDAR_REQUIRED = ("VERSION", "PRODID", "CALSCALE", "METHOD", "DESCRIPTION", "X-WR-CALDESC", "URL",
                     "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "X-WR-TIMEZONE")
EVENT_REQUIRED = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "LAST-MODIFIED", "SUMMARY", "DESCRIPTION",
                  "STATUS", "LOCATION", "GEO", "URL", "CATEGORIES")


def test_every_feed_is_well_formed(parsed) -> None:
    for feed, comps in parsed.items():
        assert comps[-1][0] == "VCALENDAR", feed
        calendar = comps[-1][1]
        values = {n: v for n, _, v in calendar}
        for name in CALENDAR_REQUIRED:
            assert name in values, f"{feed}: calendar without {name}"
        assert (values["VERSION"], values["CALSCALE"], values["METHOD"]) == ("2.0", "GREGORIAN", "PUBLISH"), feed
        assert first(calendar, "REFRESH-INTERVAL")[0].get("VALUE") == "DURATION", feed
        download = "/angebote/" in feed
        for name in ("NAME", "X-WR-CALNAME"):
            assert (name in values) != download, f"{feed}: {name} {'in a download' if download else 'missing'}"
        zones = {v for kind, props in comps if kind == "VTIMEZONE" for n, _, v in props if n == "TZID"}
        assert zones, f"{feed}: no VTIMEZONE"
        by_uid: dict[str, list] = {}
        for kind, props in comps:
            if kind == "VEVENT":
                by_uid.setdefault(first(props, "UID")[1], []).append(props)
        cancelled_word = "Cancelled:" if feed.startswith("en/") else "Abgesagt:"
        for uid, events in by_uid.items():
            rids = [first(p, "RECURRENCE-ID") for p in events]
            keys = [r[1] if r else "" for r in rids]
            assert len(keys) == len(set(keys)), f"{feed}: UID {uid} given twice for the same date"
            assert keys.count("") == 1, f"{feed}: UID {uid} has no master or more than one"
            for props in events:
                check_event(feed, uid, props, zones, cancelled_word)
            check_recurrence(feed, uid, events)


def check_event(feed: str, uid: str, props, zones: set[str], cancelled_word: str) -> None:
    names = {n for n, _, _ in props}
    for name in EVENT_REQUIRED:
        assert name in names, f"{feed}: {uid} without {name}"
    assert first(props, "DTSTAMP")[1].endswith("Z"), f"{feed}: {uid} DTSTAMP not in UTC"
    for _, params, _ in props:
        if "TZID" in params:
            assert params["TZID"] in zones, f"{feed}: TZID {params['TZID']} without VTIMEZONE"
    status, summary = first(props, "STATUS")[1], first(props, "SUMMARY")[1]
    assert status in ("CONFIRMED", "CANCELLED"), f"{feed}: {uid} STATUS:{status}"
    assert (status == "CANCELLED") == summary.startswith(cancelled_word), f"{feed}: {uid} {summary}"
    start_params, start = first(props, "DTSTART")
    end_params, end = first(props, "DTEND")
    assert start_params.get("VALUE") == end_params.get("VALUE"), f"{feed}: {uid} DTSTART/DTEND types differ"
    assert end > start, f"{feed}: {uid} ends before it starts"  # same form, so text order is time order


def check_recurrence(feed: str, uid: str, events) -> None:
    """UNTIL in UTC for timed rules; every EXDATE and RECURRENCE-ID is a real date of the rule,
    with the value type and TZID of DTSTART (RFC 5545 3.8.5.1, 3.8.4.4)."""
    from dateutil.rrule import rrulestr

    master = next(p for p in events if first(p, "RECURRENCE-ID") is None)
    rrule = first(master, "RRULE")
    if rrule is None:
        assert len(events) == 1, f"{feed}: {uid} has instances but no RRULE"
        return
    start_params, start = first(master, "DTSTART")
    timed = start_params.get("VALUE") != "DATE"
    until = re.search(r"UNTIL=([0-9TZ]+)", rrule[1])
    assert until, f"{feed}: {uid} RRULE without UNTIL"
    assert until.group(1).endswith("Z") == timed, f"{feed}: {uid} UNTIL={until.group(1)}"
    zone = ZoneInfo(start_params["TZID"]) if timed else None
    if timed:
        rule = rrulestr(rrule[1], dtstart=_value(start, zone))
    else:  # dateutil wants datetimes: compare all-day dates at midnight
        text = rrule[1].replace(f"UNTIL={until.group(1)}", f"UNTIL={until.group(1)}T000000")
        rule = rrulestr(text, dtstart=datetime.combine(_value(start, None), datetime.min.time()))
    for props in events:
        for name, params, value in props:
            if name not in ("EXDATE", "RECURRENCE-ID"):
                continue
            assert params.get("TZID") == start_params.get("TZID"), f"{feed}: {uid} {name} TZID"
            assert params.get("VALUE") == start_params.get("VALUE"), f"{feed}: {uid} {name} VALUE"
            for single in value.split(","):
                moment = _value(single, zone)
                if not timed:
                    moment = datetime.combine(moment, datetime.min.time())
                assert moment in rule, f"{feed}: {uid} {name}:{single} is not a date of the rule"


def _value(text: str, zone: ZoneInfo | None) -> datetime | date:
    if "T" not in text:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    moment = datetime.strptime(text.rstrip("Z"), "%Y%m%dT%H%M%S")
    return moment.replace(tzinfo=timezone.utc) if text.endswith("Z") else moment.replace(tzinfo=zone)


def _blocks(data: bytes) -> dict[str, bytes]:
    """Raw VEVENT blocks by UID and RECURRENCE-ID line."""
    out = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S):
        unfolded = block.replace(b"\r\n ", b"")
        uid = re.search(rb"\r\nUID:([^\r]*)", unfolded).group(1)
        rid = re.search(rb"\r\nRECURRENCE-ID[^\r]*", unfolded)
        out[(uid + (rid.group(0) if rid else b"")).decode()] = block
    return out


def test_group_feeds_hold_the_right_events_byte_for_byte(feeds, membership) -> None:
    """Every feed holds the events of exactly its offerings, each the same bytes as in the feed of
    all centres (and so parsed there by all three parsers), with UIDs that match across feeds."""
    for lang in ("", "en/"):
        everything = _blocks(feeds[f"{lang}feeds/alle.ics"])
        owners: dict[str, set[str]] = {}
        for key, block in everything.items():
            url = re.search(rb"\r\nURL[^:]*:([^\r]*)", block.replace(b"\r\n ", b"")).group(1).decode()
            owners.setdefault(url, set()).add(key)
        for feed, data in feeds.items():
            if not feed.startswith(lang) or (lang == "" and feed.startswith("en/")):
                continue
            blocks = _blocks(data)
            for key, block in blocks.items():
                assert everything.get(key) == block, f"{feed}: {key} differs from its block in alle.ics"
            offerings = membership.get(feed.removeprefix("en/"), set())
            wanted = set()
            for centre, offering in offerings:
                page = [u for u in owners if u.rstrip("/").endswith(f"/{centre}/{offering}")]
                assert len(page) == 1, f"{feed}: no single page for {centre}/{offering}: {page}"
                wanted |= owners[page[0]]
            assert set(blocks) == wanted, f"{feed}: events {sorted(set(blocks) ^ wanted)[:4]}"


def test_the_same_uid_has_the_same_sequence_and_stamp_everywhere(parsed) -> None:
    seen: dict[str, set[tuple[str, str]]] = {}
    for comps in parsed.values():
        for kind, props in comps:
            if kind == "VEVENT":
                seen.setdefault(first(props, "UID")[1], set()).add(
                    (first(props, "SEQUENCE")[1], first(props, "DTSTAMP")[1]))
    for uid, pairs in seen.items():
        assert len(pairs) == 1, f"{uid}: SEQUENCE or DTSTAMP differ between feeds or instances: {pairs}"


# --- change tests ------------------------------------------------------------------------------

OFFERING = """---
id: {id}
title: {{de: Feed-Testcafé, en: Feed test café}}
category: {category}
audiences: [{audience}]
schedule:
  - repeat: weekly
    on: [wednesday]
    time: {time}
    except: [2027-03-03]
changes:
{changes}
---
Ein Angebot, das nur die Tests der Feeds verwenden.
"""
NO_CHANGES = "  []"


@pytest.fixture
def playground(tmp_path: Path) -> dict:
    """The example content's site, closures and first centre, with one offering of our own in
    place of the centre's offerings: quick to rebuild, and independent of the example texts."""
    content = tmp_path / "content"
    centre = sorted(p.name for p in (CONTENT / "centres").iterdir() if (p / "centre.yaml").is_file())[0]

    def ignore(folder: str, names: list[str]) -> list[str]:
        if Path(folder) == CONTENT / "centres":
            return [n for n in names if n != centre]
        return names if Path(folder).name == "offerings" else []

    shutil.copytree(CONTENT, content, ignore=ignore)
    # Only the keys this centre and our offering use: fewer pages and feeds, a quicker rebuild.
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8"))
    district = yaml.safe_load((content / "centres" / centre / "centre.yaml").read_text(encoding="utf-8"))["district"]
    for section, key in (("districts", district), ("categories", next(iter(site["categories"]))),
                         ("audiences", next(iter(site["audiences"])))):
        site[section] = {key: site[section][key]}
    (content / "site.yaml").write_text(_yaml(site), encoding="utf-8")
    state = {
        "content": content, "centre": centre, "output": tmp_path / "out",
        "fields": {"id": "feed-test", "category": next(iter(site["categories"])),
                   "audience": next(iter(site["audiences"])), "time": "10:00-11:00", "changes": NO_CHANGES},
        "file": content / "centres" / centre / "offerings" / "feed-test.md",
    }
    write_offering(state)
    record = content / ".feed-state.json"
    if not record.is_file():  # the example content commits one; a site without it keeps SEQUENCE 0
        record.write_text("{}\n", encoding="utf-8")
    return state


def write_offering(state: dict, **fields) -> None:
    state["fields"].update(fields)
    state["file"].write_text(OFFERING.format(**state["fields"]), encoding="utf-8")


def rebuild(state: dict, env: dict | None = None, today: str = TODAY) -> dict[str, list[tuple[str, dict, str]]]:
    """Build and return the events of our offering's download, keyed by RECURRENCE-ID ('' = rule)."""
    shutil.rmtree(state["output"], ignore_errors=True)
    build(state["content"], state["output"], env, today)
    state["bytes"] = feeds_of(state["output"])
    events = {}
    for kind, props in components(content_lines(state["bytes"][download(state)])):
        if kind == "VEVENT":
            rid = first(props, "RECURRENCE-ID")
            events[rid[1] if rid else ""] = props
    return events


def download(state: dict, lang: str = "") -> str:
    return f"{lang}feeds/angebote/{state['centre']}/{state['fields']['id']}.ics"


def value(props, name) -> str:
    return first(props, name)[1]


def test_changing_the_time_keeps_the_uid_and_raises_the_sequence(playground) -> None:
    before = rebuild(playground)[""]
    write_offering(playground, time="10:30-12:00")
    after = rebuild(playground)[""]
    assert value(after, "UID") == value(before, "UID")
    assert value(after, "DTSTART") != value(before, "DTSTART")
    assert int(value(after, "SEQUENCE")) > int(value(before, "SEQUENCE"))
    # Rebuilding unchanged content changes no byte of any feed, nor the sequence record.
    state_file = playground["content"] / ".feed-state.json"
    feeds_before, state_before = playground["bytes"], state_file.read_bytes()
    rebuild(playground)
    assert playground["bytes"] == feeds_before
    assert state_file.read_bytes() == state_before
    # Changing it back is a change too: the sequence never goes down.
    write_offering(playground, time="10:00-11:00")
    again = rebuild(playground)[""]
    assert int(value(again, "SEQUENCE")) > int(value(after, "SEQUENCE"))


def test_a_content_folder_without_a_sequence_record_is_never_written_to(playground) -> None:
    record = playground["content"] / ".feed-state.json"
    record.unlink()
    events = rebuild(playground)
    assert not record.exists()
    assert value(events[""], "SEQUENCE") == "0"


def test_renaming_with_an_explicit_id_or_editing_the_text_keeps_uid_and_sequence(playground) -> None:
    before = rebuild(playground)[""]
    renamed = playground["file"].with_name("ganz-anderer-name.md")
    playground["file"].rename(renamed)
    playground["file"] = renamed
    after = rebuild(playground)[""]
    assert value(after, "UID") == value(before, "UID")
    assert value(after, "SEQUENCE") == value(before, "SEQUENCE")
    # A new description is no reason for calendar apps to re-ask: SEQUENCE stays.
    text = renamed.read_text(encoding="utf-8")
    renamed.write_text(text.replace("Ein Angebot,", "Ein kleines Angebot,"), encoding="utf-8")
    edited = rebuild(playground)[""]
    assert value(edited, "DESCRIPTION") != value(after, "DESCRIPTION")
    assert value(edited, "SEQUENCE") == value(after, "SEQUENCE")


def test_cancelled_and_closed_dates_stay_visible_while_excepted_dates_are_left_out(playground) -> None:
    events = rebuild(playground)
    assert not [rid for rid in events if rid.startswith(("20270310", "20270414"))]
    sequence = int(value(events[""], "SEQUENCE"))
    # Cancel one date in the programme, and close the whole house on another.
    write_offering(playground, changes="  - date: 2027-03-10\n    cancelled: true\n    reason: Die Leiterin ist krank.")
    centre_file = playground["content"] / "centres" / playground["centre"] / "centre.yaml"
    text = centre_file.read_text(encoding="utf-8")
    addition = "  - from: 2027-04-14\n    reason: {de: Wasserschaden, en: Water damage}\n"
    if "\nclosures:\n" in text:
        text = text.replace("\nclosures:\n", "\nclosures:\n" + addition, 1)
    else:
        text = text.rstrip("\n") + "\nclosures:\n" + addition
    centre_file.write_text(text, encoding="utf-8")
    events = rebuild(playground)

    cancelled = next(props for rid, props in events.items() if rid.startswith("20270310"))
    assert value(cancelled, "STATUS") == "CANCELLED"
    assert value(cancelled, "SUMMARY").startswith("Abgesagt: ")
    assert "Die Leiterin ist krank." in value(cancelled, "DESCRIPTION")
    assert int(value(cancelled, "SEQUENCE")) > sequence
    closed = next(props for rid, props in events.items() if rid.startswith("20270414"))
    assert value(closed, "STATUS") == "CANCELLED"
    assert value(closed, "SUMMARY").startswith("Abgesagt: ")
    assert "Wasserschaden" in value(closed, "DESCRIPTION")
    assert any(n == "EXDATE" and v.startswith("20270303") for n, _, v in events[""])

    listed = {start: c for _, start, c in recurring(playground["bytes"][download(playground)])}
    assert listed[_utc("2027-03-10T10:00:00+01:00")] is True  # listed, cancelled
    assert listed[_utc("2027-04-14T10:00:00+02:00")] is True  # listed, cancelled
    assert listed[_utc("2027-03-17T10:00:00+01:00")] is False
    assert _utc("2027-03-03T10:00:00+01:00") not in listed  # excepted: never planned
    english = playground["bytes"][download(playground, "en/")].decode("utf-8")
    assert "SUMMARY:Cancelled: Feed test café" in english


# --- subscribe links on the pages --------------------------------------------------------------

# Page folder -> feed path, per language, as documented in docs/feeds.md.
PAGE_FEEDS = {
    "": [("zentren/{c}/", "feeds/zentren/{c}.ics"), ("zentren/{c}/{o}/", "feeds/angebote/{c}/{o}.ics"),
         ("kategorien/{k}/", "feeds/kategorien/{k}.ics"), ("zielgruppen/{k}/", "feeds/zielgruppen/{k}.ics"),
         ("stadtteile/{k}/", "feeds/stadtteile/{k}.ics"), ("", "feeds/alle.ics")],
    "en/": [("centres/{c}/", "feeds/zentren/{c}.ics"), ("centres/{c}/{o}/", "feeds/angebote/{c}/{o}.ics"),
            ("categories/{k}/", "feeds/kategorien/{k}.ics"), ("audiences/{k}/", "feeds/zielgruppen/{k}.ics"),
            ("districts/{k}/", "feeds/stadtteile/{k}.ics"), ("", "feeds/alle.ics")],
}


def _pages_with_feeds(membership) -> list[tuple[str, str]]:
    """(page folder, feed) for every feed the content calls for, in both languages."""
    pairs = []
    for feed in membership:
        for lang, table in PAGE_FEEDS.items():
            for page, target in table:
                pattern = re.escape(target)
                for name in "cok":
                    pattern = pattern.replace(re.escape("{%s}" % name), f"(?P<{name}>[^/]+)")
                match = re.fullmatch(pattern, feed)
                if match:
                    pairs.append((lang + page.format(**match.groupdict()), lang + feed))
    return sorted(set(pairs))


def test_pages_offer_subscription_and_download_links(site, membership) -> None:
    from html.parser import HTMLParser
    from urllib.parse import parse_qs, urljoin, urlsplit

    output = site[1]
    site_yaml = yaml.safe_load((site[0] / "site.yaml").read_text(encoding="utf-8"))
    base = site_yaml["base_url"].rstrip("/") + "/"

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.hrefs: list[str] = []
            self.inputs: list[str] = []

        def handle_starttag(self, tag, attrs) -> None:
            attrs = dict(attrs)
            if tag == "a" and attrs.get("href"):
                self.hrefs.append(attrs["href"])
            if tag == "input" and attrs.get("value"):
                self.inputs.append(attrs["value"])

    pairs = _pages_with_feeds(membership)
    assert any("/angebote/" in feed for _, feed in pairs) and any("alle" in feed for _, feed in pairs)
    for page, feed in pairs:
        html_file = output / page / "index.html"
        assert html_file.is_file(), f"no page {page}"
        assert (output / feed).is_file(), f"{page} links to a feed that was not written: {feed}"
        parser = Links()
        parser.feed(html_file.read_text(encoding="utf-8"))
        https = base + feed
        if "/angebote/" in feed:
            # A single offering is a download over https, not a subscription.
            resolved = {urljoin(base + page, h) for h in parser.hrefs}
            assert https in resolved, f"{page}: no download link to {feed}"
            assert not any(h.startswith("webcal:") for h in parser.hrefs), f"{page}: webcal on a download"
            continue
        webcal = "webcal://" + https.split("://", 1)[1]
        assert webcal in parser.hrefs, f"{page}: no webcal link to {feed}"
        assert https in parser.inputs, f"{page}: no https address to copy"
        google = [h for h in parser.hrefs if h.startswith("https://calendar.google.com/")]
        assert google and parse_qs(urlsplit(google[0]).query)["cid"] == [webcal], f"{page}: Google link"
        outlook = [h for h in parser.hrefs if "/calendar/0/addfromweb" in h]
        assert {urlsplit(h).netloc for h in outlook} == {"outlook.live.com", "outlook.office.com"}, page
        assert all(parse_qs(urlsplit(h).query)["url"] == [https] for h in outlook), f"{page}: Outlook link"


@pytest.mark.skipif(shutil.which("git") is None, reason="git missing")
def test_stamps_come_from_the_last_commit_else_source_date_epoch(playground) -> None:
    content = playground["content"]

    def git(*args: str, when: str = "2026-10-01T12:00:00Z") -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
               "GIT_AUTHOR_EMAIL": "t@knz.test", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@knz.test"}
        subprocess.run(["git", *args], cwd=content, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "content")
    events = rebuild(playground, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert value(events[""], "DTSTAMP") == value(events[""], "LAST-MODIFIED") == "20261001T120000Z"
    # A later commit of the offering file moves its stamp; the wall clock never does.
    write_offering(playground, time="10:30-12:00")
    git("commit", "-q", "-am", "later", when="2026-11-02T08:30:00Z")
    events = rebuild(playground)
    assert value(events[""], "DTSTAMP") == "20261102T083000Z"
    # Outside git: SOURCE_DATE_EPOCH.
    shutil.rmtree(content / ".git")
    events = rebuild(playground, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert value(events[""], "DTSTAMP") == "20231114T221320Z"


def test_a_cancelled_offering_stays_in_the_feeds_until_its_dates_are_past(playground) -> None:
    text = playground["file"].read_text(encoding="utf-8")
    text = text.replace("schedule:\n", "status: cancelled\nstatus_reason: Die Gruppe macht Pause.\nschedule:\n", 1)
    playground["file"].write_text(text.replace("    except: [2027-03-03]\n", "    until: 2027-03-31\n"),
                                  encoding="utf-8")
    events = rebuild(playground, today="2027-03-31")
    assert value(events[""], "STATUS") == "CANCELLED"
    assert value(events[""], "SUMMARY").startswith("Abgesagt: ")
    assert value(events[""], "DESCRIPTION").startswith("Abgesagt: Die Gruppe macht Pause.")
    assert rebuild(playground, today="2027-04-01") == {}
