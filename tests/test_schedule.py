"""Every schedule form, checked against dates computed by hand from a printed 2027 calendar.

All cases are offerings of one small content tree, built once with ``knz build``; each case then
reads its own occurrences from ``daten/termine.json``. Expected instants carry their UTC offset:
Berlin switches to summer time on Sunday 28 March 2027 (+01:00 -> +02:00) and back on Sunday
31 October 2027. Saxon holidays used below: Neujahr 1 Jan, Karfreitag 26 Mar, Ostermontag 29 Mar,
1 May, Christi Himmelfahrt 6 May, Pfingstmontag 17 May, 3 Oct, Reformationstag 31 Oct,
Buß- und Bettag Wed 17 Nov, 25 and 26 Dec 2027.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import knz

CET, CEST = "+01:00", "+02:00"

SITE: dict[str, Any] = {
    "title": "Testnetz",
    "base_url": "https://knz.test/",
    "programme": {"from": "2027-01-01", "until": "2027-12-31"},
    "districts": {"pieschen": "Pieschen"},
    "categories": {"treffpunkt": "Treffpunkt"},
    "audiences": {"alle": "Alle"},
}

CLOSURES: dict[str, dict[str, Any]] = {
    "feiertage": {"name": "Feiertage", "holidays": {"country": "DE", "subdivision": "SN"}},
    "schulferien": {
        "name": "Schulferien",
        "periods": [
            {"from": "2027-02-08", "until": "2027-02-19", "reason": "Winterferien"},
            {"from": "2027-03-01", "reason": "Brückentag"},  # a single day: no until
            {"from": "2027-04-05", "until": "2027-04-09", "reason": "Osterferien"},
        ],
    },
}


def centre(closures: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "name": "Testhaus",
        "district": "pieschen",
        "address": {"street": "Teststraße 1", "postcode": "01127"},
        "geo": {"lat": 51.07, "lon": 13.72},
        "operator": {"id": "verein", "name": "Testverein e. V."},
        "funding": [{"source": "Eigenmittel"}],
        "contact": {"name": "Anna Test", "phone": "0351 000 00 00"},
        "opening_hours": {"monday": "10:00-18:00"},
        "rooms": [
            {"id": "cafe", "name": "Café", "barrier_free": True},
            {"id": "saal", "name": "Saal", "barrier_free": True},
        ],
        "accessibility": {"step_free_entrance": True, "accessible_toilet": True},
        "closures": closures or [],
    }


CENTRES = {
    "haus": centre(),
    # A house with its own closures: they cancel dates (and say why) rather than drop them.
    "zu": centre(
        [
            {"from": "2027-12-23", "until": "2028-01-02", "reason": {"de": "Weihnachtspause", "en": "Christmas break"}},
            {"from": "2027-06-02", "reason": "Wasserschaden"},
            {"from": "2027-08-02", "until": "2027-08-06"},
        ]
    ),
}


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def write_tree(
    root: Path,
    offerings: dict[tuple[str, str], dict[str, Any]],
    site: dict[str, Any] = SITE,
    closures: dict[str, dict[str, Any]] = CLOSURES,
    centres: dict[str, dict[str, Any]] = CENTRES,
) -> Path:
    """Write a content tree from plain dicts; ``offerings`` maps (centre, slug) to front matter."""
    content = root / "content"
    (content / "closures").mkdir(parents=True)
    (content / "site.yaml").write_text(dump(site), encoding="utf-8")
    for name, calendar in closures.items():
        (content / "closures" / f"{name}.yaml").write_text(dump(calendar), encoding="utf-8")
    for slug, data in centres.items():
        (content / "centres" / slug / "offerings").mkdir(parents=True)
        (content / "centres" / slug / "centre.yaml").write_text(dump(data), encoding="utf-8")
    for (centre_slug, slug), front in offerings.items():
        front = {"title": slug, "category": "treffpunkt", "audiences": ["alle"], **front}
        text = f"---\n{dump(front)}---\nBeschreibung.\n"
        (content / "centres" / centre_slug / "offerings" / f"{slug}.md").write_text(text, encoding="utf-8")
    return content


# --- expected occurrences, written out by hand ------------------------------------------------


def occ(
    slot: str,
    start: str,
    end: str,
    *,
    status: str = "scheduled",
    reason: dict[str, str] | None = None,
    closure: bool = False,
    room: str | None = None,
    rule: int = 0,
    all_day: bool = False,
) -> dict[str, Any]:
    return {
        "slot": slot, "start": start, "end": end, "status": status, "reason": reason,
        "closure": closure, "room": room, "rule": rule, "all_day": all_day,
    }


def at(day: str, begin: str, finish: str, offset: str, **kw: Any) -> dict[str, Any]:
    """A timed date on ``day`` from ``begin`` to ``finish`` local time at the given UTC offset."""
    return occ(day, f"{day}T{begin}:00{offset}", f"{day}T{finish}:00{offset}", **kw)


def allday(day: str, next_day: str, **kw: Any) -> dict[str, Any]:
    return occ(day, day, next_day, all_day=True, **kw)


@dataclass
class Case:
    name: str
    front: dict[str, Any]
    expected: list[dict[str, Any]]
    centre: str = "haus"
    utc: list[str] = field(default_factory=list)
    """Optional: the start instants in UTC, to show the DST change plainly."""


def weekly(on: list[str], time: str | None, start: str | None, until: str | None, **extra: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {"repeat": "weekly", "on": on}
    if time:
        rule["time"] = time
    if start:
        rule["from"] = start
    if until:
        rule["until"] = until
    rule.update(extra)
    return {"schedule": [rule]}


def monthly(on: list[str], time: str, start: str | None, until: str | None, **extra: Any) -> dict[str, Any]:
    rule: dict[str, Any] = {"repeat": "monthly", "on": on, "time": time}
    if start:
        rule["from"] = start
    if until:
        rule["until"] = until
    rule.update(extra)
    return {"schedule": [rule]}


def saturdays_2027() -> list[dict[str, Any]]:
    """Every Saturday of 2027: 2 Jan, then every 7 days to 25 Dec; summer time from the
    Saturday 3 Apr to the Saturday 30 Oct."""
    out = []
    day = date(2027, 1, 2)
    while day.year == 2027:
        offset = CEST if date(2027, 4, 3) <= day <= date(2027, 10, 30) else CET
        out.append(at(day.isoformat(), "11:00", "12:00", offset))
        day += timedelta(days=7)
    return out


CASES = [
    Case(
        "weekly-one-day",
        weekly(["tuesday"], "10:00-12:00", "2027-03-01", "2027-04-13"),
        [
            at("2027-03-02", "10:00", "12:00", CET),
            at("2027-03-09", "10:00", "12:00", CET),
            at("2027-03-16", "10:00", "12:00", CET),
            at("2027-03-23", "10:00", "12:00", CET),
            at("2027-03-30", "10:00", "12:00", CEST),
            at("2027-04-06", "10:00", "12:00", CEST),
            at("2027-04-13", "10:00", "12:00", CEST),
        ],
        utc=["2027-03-02T09:00", "2027-03-09T09:00", "2027-03-16T09:00", "2027-03-23T09:00",
             "2027-03-30T08:00", "2027-04-06T08:00", "2027-04-13T08:00"],
    ),
    Case(
        "weekly-several-days",
        weekly(["monday", "thursday"], "18:00-19:30", "2027-05-01", "2027-05-16"),
        [
            at("2027-05-03", "18:00", "19:30", CEST),
            at("2027-05-06", "18:00", "19:30", CEST),
            at("2027-05-10", "18:00", "19:30", CEST),
            at("2027-05-13", "18:00", "19:30", CEST),
        ],
    ),
    Case(
        "every-2-weeks",
        weekly(["wednesday"], "16:00-17:00", "2027-01-06", "2027-03-03", every=2),
        [
            at("2027-01-06", "16:00", "17:00", CET),
            at("2027-01-20", "16:00", "17:00", CET),
            at("2027-02-03", "16:00", "17:00", CET),
            at("2027-02-17", "16:00", "17:00", CET),
            at("2027-03-03", "16:00", "17:00", CET),
        ],
    ),
    Case(
        "every-2-weeks-two-days",
        weekly(["tuesday", "friday"], "09:00-10:00", "2027-06-01", "2027-06-30", every=2),
        [
            at("2027-06-01", "09:00", "10:00", CEST),
            at("2027-06-04", "09:00", "10:00", CEST),
            at("2027-06-15", "09:00", "10:00", CEST),
            at("2027-06-18", "09:00", "10:00", CEST),
            at("2027-06-29", "09:00", "10:00", CEST),
        ],
    ),
    Case(
        "monthly-1st-monday",
        monthly(["1st monday"], "10:00-11:00", "2027-01-01", "2027-06-30"),
        [
            at("2027-01-04", "10:00", "11:00", CET),
            at("2027-02-01", "10:00", "11:00", CET),
            at("2027-03-01", "10:00", "11:00", CET),
            at("2027-04-05", "10:00", "11:00", CEST),
            at("2027-05-03", "10:00", "11:00", CEST),
            at("2027-06-07", "10:00", "11:00", CEST),
        ],
    ),
    Case(
        "monthly-2nd-and-4th-wednesday",
        monthly(["2nd wednesday", "4th wednesday"], "19:00-21:00", "2027-01-01", "2027-04-30"),
        [
            at("2027-01-13", "19:00", "21:00", CET),
            at("2027-01-27", "19:00", "21:00", CET),
            at("2027-02-10", "19:00", "21:00", CET),
            at("2027-02-24", "19:00", "21:00", CET),
            at("2027-03-10", "19:00", "21:00", CET),
            at("2027-03-24", "19:00", "21:00", CET),
            at("2027-04-14", "19:00", "21:00", CEST),
            at("2027-04-28", "19:00", "21:00", CEST),
        ],
    ),
    Case(
        "monthly-3rd-thursday",
        monthly(["3rd thursday"], "15:00-16:00", "2027-01-01", "2027-03-31"),
        [
            at("2027-01-21", "15:00", "16:00", CET),
            at("2027-02-18", "15:00", "16:00", CET),
            at("2027-03-18", "15:00", "16:00", CET),
        ],
    ),
    Case(
        "monthly-4th-friday",
        monthly(["4th friday"], "15:00-16:00", "2027-01-01", "2027-03-31"),
        [
            at("2027-01-22", "15:00", "16:00", CET),
            at("2027-02-26", "15:00", "16:00", CET),
            at("2027-03-26", "15:00", "16:00", CET),
        ],
    ),
    Case(
        "monthly-last-friday",
        monthly(["last friday"], "15:00-16:00", "2027-01-01", "2027-04-30"),
        [
            at("2027-01-29", "15:00", "16:00", CET),
            at("2027-02-26", "15:00", "16:00", CET),
            at("2027-03-26", "15:00", "16:00", CET),
            at("2027-04-30", "15:00", "16:00", CEST),
        ],
    ),
    Case(
        # Only March, June, September and December 2027 have five Wednesdays.
        "monthly-5th-wednesday-whole-programme",
        monthly(["5th wednesday"], "18:00-19:00", None, None),
        [
            at("2027-03-31", "18:00", "19:00", CEST),
            at("2027-06-30", "18:00", "19:00", CEST),
            at("2027-09-29", "18:00", "19:00", CEST),
            at("2027-12-29", "18:00", "19:00", CET),
        ],
    ),
    Case(
        "every-2-months-1st-monday",
        monthly(["1st monday"], "10:00-11:00", "2027-01-01", "2027-06-30", every=2),
        [
            at("2027-01-04", "10:00", "11:00", CET),
            at("2027-03-01", "10:00", "11:00", CET),
            at("2027-05-03", "10:00", "11:00", CEST),
        ],
    ),
    Case(
        "date-list-unsorted",
        {"schedule": [{"dates": ["2027-04-11", "2027-02-14", "2027-03-07"], "time": "15:00-17:00"}]},
        [
            at("2027-02-14", "15:00", "17:00", CET),
            at("2027-03-07", "15:00", "17:00", CET),
            at("2027-04-11", "15:00", "17:00", CEST),
        ],
    ),
    Case(
        "weekly-plus-extra-date",
        weekly(["friday"], "17:00-18:00", "2027-09-01", "2027-09-15", dates=["2027-09-11"]),
        [
            at("2027-09-03", "17:00", "18:00", CEST),
            at("2027-09-10", "17:00", "18:00", CEST),
            at("2027-09-11", "17:00", "18:00", CEST),
        ],
    ),
    Case(
        "all-day-dates",
        {"schedule": [{"dates": ["2027-06-12", "2027-07-31"], "all_day": True}]},
        [allday("2027-06-12", "2027-06-13"), allday("2027-07-31", "2027-08-01")],
    ),
    Case(
        "all-day-weekly",
        weekly(["saturday"], None, "2027-07-01", "2027-07-17", all_day=True),
        [
            allday("2027-07-03", "2027-07-04"),
            allday("2027-07-10", "2027-07-11"),
            allday("2027-07-17", "2027-07-18"),
        ],
    ),
    Case(
        "except-one-date",
        weekly(["tuesday"], "10:00-11:00", "2027-09-01", "2027-09-30", **{"except": ["2027-09-14"]}),
        [
            at("2027-09-07", "10:00", "11:00", CEST),
            at("2027-09-21", "10:00", "11:00", CEST),
            at("2027-09-28", "10:00", "11:00", CEST),
        ],
    ),
    Case("programme-period-by-default", weekly(["saturday"], "11:00-12:00", None, None), saturdays_2027()),
    Case(
        "dst-spring-sundays",
        weekly(["sunday"], "14:00-15:00", "2027-03-21", "2027-04-04"),
        [
            at("2027-03-21", "14:00", "15:00", CET),
            at("2027-03-28", "14:00", "15:00", CEST),
            at("2027-04-04", "14:00", "15:00", CEST),
        ],
        utc=["2027-03-21T13:00", "2027-03-28T12:00", "2027-04-04T12:00"],
    ),
    Case(
        "dst-autumn-sundays",
        weekly(["sunday"], "14:00-15:00", "2027-10-24", "2027-11-07"),
        [
            at("2027-10-24", "14:00", "15:00", CEST),
            at("2027-10-31", "14:00", "15:00", CET),
            at("2027-11-07", "14:00", "15:00", CET),
        ],
        utc=["2027-10-24T12:00", "2027-10-31T13:00", "2027-11-07T13:00"],
    ),
    Case(
        # Through the night of the change: 01:00-04:00 lasts 2 hours in March, 4 in October.
        "dst-night",
        {"schedule": [{"dates": ["2027-03-28", "2027-10-31"], "time": "01:00-04:00"}]},
        [
            occ("2027-03-28", "2027-03-28T01:00:00+01:00", "2027-03-28T04:00:00+02:00"),
            occ("2027-10-31", "2027-10-31T01:00:00+02:00", "2027-10-31T04:00:00+01:00"),
        ],
        utc=["2027-03-28T00:00", "2027-10-30T23:00"],
    ),
    Case(
        "skip-feiertage-buss-und-bettag",
        weekly(["wednesday"], "10:00-11:00", "2027-11-01", "2027-11-30", skip=["feiertage"]),
        [
            at("2027-11-03", "10:00", "11:00", CET),
            at("2027-11-10", "10:00", "11:00", CET),
            at("2027-11-24", "10:00", "11:00", CET),
        ],
    ),
    Case(
        "skip-feiertage-easter-monday",
        weekly(["monday"], "10:00-11:00", "2027-03-22", "2027-04-12", skip=["feiertage"]),
        [
            at("2027-03-22", "10:00", "11:00", CET),
            at("2027-04-05", "10:00", "11:00", CEST),
            at("2027-04-12", "10:00", "11:00", CEST),
        ],
    ),
    Case(
        "skip-feiertage-october-sundays",
        weekly(["sunday"], "14:00-15:00", "2027-10-01", "2027-10-31", skip=["feiertage"]),
        [
            at("2027-10-10", "14:00", "15:00", CEST),
            at("2027-10-17", "14:00", "15:00", CEST),
            at("2027-10-24", "14:00", "15:00", CEST),
        ],
    ),
    Case(
        "skip-feiertage-date-list",
        {
            "schedule": [
                {
                    "dates": [
                        "2027-01-01", "2027-01-02", "2027-03-26", "2027-03-27", "2027-05-01",
                        "2027-05-06", "2027-05-07", "2027-05-17", "2027-05-18", "2027-10-03",
                        "2027-10-04", "2027-12-24", "2027-12-25", "2027-12-26", "2027-12-27",
                    ],
                    "all_day": True,
                    "skip": ["feiertage"],
                }
            ]
        },
        [
            allday("2027-01-02", "2027-01-03"),
            allday("2027-03-27", "2027-03-28"),
            allday("2027-05-07", "2027-05-08"),
            allday("2027-05-18", "2027-05-19"),
            allday("2027-10-04", "2027-10-05"),
            allday("2027-12-24", "2027-12-25"),
            allday("2027-12-27", "2027-12-28"),
        ],
    ),
    Case(
        "skip-listed-school-holidays",
        weekly(["monday"], "16:00-17:00", "2027-02-01", "2027-03-08", skip=["schulferien"]),
        [
            at("2027-02-01", "16:00", "17:00", CET),
            at("2027-02-22", "16:00", "17:00", CET),
            at("2027-03-08", "16:00", "17:00", CET),
        ],
    ),
    Case(
        "skip-holidays-and-school-holidays",
        weekly(["monday"], "16:00-17:00", "2027-03-22", "2027-04-12", skip=["feiertage", "schulferien"]),
        [
            at("2027-03-22", "16:00", "17:00", CET),
            at("2027-04-12", "16:00", "17:00", CEST),
        ],
    ),
    Case(
        "closure-christmas",
        weekly(["wednesday"], "10:00-11:00", "2027-12-01", "2027-12-31"),
        [
            at("2027-12-01", "10:00", "11:00", CET),
            at("2027-12-08", "10:00", "11:00", CET),
            at("2027-12-15", "10:00", "11:00", CET),
            at("2027-12-22", "10:00", "11:00", CET),
            at("2027-12-29", "10:00", "11:00", CET, status="cancelled", closure=True,
               reason={"de": "Weihnachtspause", "en": "Christmas break"}),
        ],
        centre="zu",
    ),
    Case(
        "closure-single-day",
        weekly(["wednesday"], "10:00-11:00", "2027-05-26", "2027-06-09"),
        [
            at("2027-05-26", "10:00", "11:00", CEST),
            at("2027-06-02", "10:00", "11:00", CEST, status="cancelled", closure=True, reason={"de": "Wasserschaden"}),
            at("2027-06-09", "10:00", "11:00", CEST),
        ],
        centre="zu",
    ),
    Case(
        "closure-without-reason",
        weekly(["tuesday"], "10:00-11:00", "2027-08-01", "2027-08-10"),
        [
            at("2027-08-03", "10:00", "11:00", CEST, status="cancelled", closure=True),
            at("2027-08-10", "10:00", "11:00", CEST),
        ],
        centre="zu",
    ),
    Case(
        "changes-cancel-move-time-room",
        {
            "room": "cafe",
            **weekly(["thursday"], "10:00-11:00", "2027-04-01", "2027-04-29"),
            "changes": [
                {"date": "2027-04-08", "room": "saal", "reason": "Großer Andrang"},
                {"date": "2027-04-15", "cancelled": True, "reason": "Krankheit"},
                {"date": "2027-04-22", "moved_to": "2027-04-23", "reason": "Saal belegt"},
                {"date": "2027-04-29", "time": "15:00-16:30"},
            ],
        },
        [
            at("2027-04-01", "10:00", "11:00", CEST, room="cafe"),
            at("2027-04-08", "10:00", "11:00", CEST, room="saal", status="changed", reason={"de": "Großer Andrang"}),
            at("2027-04-15", "10:00", "11:00", CEST, room="cafe", status="cancelled", reason={"de": "Krankheit"}),
            occ("2027-04-22", "2027-04-23T10:00:00+02:00", "2027-04-23T11:00:00+02:00", room="cafe",
                status="moved", reason={"de": "Saal belegt"}),
            occ("2027-04-29", "2027-04-29T15:00:00+02:00", "2027-04-29T16:30:00+02:00", room="cafe", status="moved"),
        ],
    ),
    Case(
        "moved-across-dst",
        {
            **weekly(["thursday"], "10:00-11:00", "2027-03-18", "2027-03-25"),
            "changes": [{"date": "2027-03-25", "moved_to": "2027-03-30", "reason": "Ostern"}],
        },
        [
            at("2027-03-18", "10:00", "11:00", CET),
            occ("2027-03-25", "2027-03-30T10:00:00+02:00", "2027-03-30T11:00:00+02:00",
                status="moved", reason={"de": "Ostern"}),
        ],
        utc=["2027-03-18T09:00", "2027-03-30T08:00"],
    ),
    Case(
        "moved-out-of-closure",
        {
            **weekly(["wednesday"], "10:00-11:00", "2027-12-22", "2027-12-29"),
            "changes": [{"date": "2027-12-29", "moved_to": "2027-12-21", "reason": "Vorgezogen"}],
        },
        [
            occ("2027-12-29", "2027-12-21T10:00:00+01:00", "2027-12-21T11:00:00+01:00",
                status="moved", reason={"de": "Vorgezogen"}),
            at("2027-12-22", "10:00", "11:00", CET),
        ],
        centre="zu",
    ),
    Case(
        "offering-cancelled-as-a-whole",
        {
            "status": "cancelled",
            "status_reason": "Kursleitung fehlt",
            **weekly(["friday"], "10:00-11:00", "2027-01-01", "2027-01-31"),
        },
        [
            at(day, "10:00", "11:00", CET, status="cancelled", reason={"de": "Kursleitung fehlt"})
            for day in ("2027-01-01", "2027-01-08", "2027-01-15", "2027-01-22", "2027-01-29")
        ],
    ),
    Case(
        "two-rules",
        {
            "schedule": [
                {"repeat": "weekly", "on": "monday", "time": "10:00-11:00", "from": "2027-01-04", "until": "2027-01-11"},
                {"dates": ["2027-01-16"], "all_day": True},
            ]
        },
        [
            at("2027-01-04", "10:00", "11:00", CET),
            at("2027-01-11", "10:00", "11:00", CET),
            allday("2027-01-16", "2027-01-17", rule=1),
        ],
    ),
]

# Cases that once failed because of bugs in the core, each with what went wrong; they now pass
# and guard against the bug coming back.
REGRESSIONS: list[tuple[Case, str]] = [
    (
        # A date moved into a closure of the house cannot take place: it must read as cancelled
        # by the closure (closure true, the closure's reason), not "cancelled because moved".
        Case(
            "moved-into-closure",
            {
                **weekly(["wednesday"], "10:00-11:00", "2027-05-19", "2027-05-26"),
                "changes": [{"date": "2027-05-26", "moved_to": "2027-06-02", "reason": "Umzug"}],
            },
            [
                at("2027-05-19", "10:00", "11:00", CEST),
                occ("2027-05-26", "2027-06-02T10:00:00+02:00", "2027-06-02T11:00:00+02:00",
                    status="cancelled", closure=True, reason={"de": "Wasserschaden"}),
            ],
            centre="zu",
        ),
        "core bug (expand._apply_changes): a date moved into a house closure is cancelled with "
        "closure=false and the move's reason instead of the closure's",
    ),
    (
        # The house is closed on 2 June: moving the group to another room does not open it.
        Case(
            "room-change-on-closure-day",
            {
                "room": "cafe",
                **weekly(["wednesday"], "10:00-11:00", "2027-05-26", "2027-06-09"),
                "changes": [{"date": "2027-06-02", "room": "saal", "reason": "Mehr Platz"}],
            },
            [
                at("2027-05-26", "10:00", "11:00", CEST, room="cafe"),
                at("2027-06-02", "10:00", "11:00", CEST, room="saal", status="cancelled", closure=True,
                   reason={"de": "Wasserschaden"}),
                at("2027-06-09", "10:00", "11:00", CEST, room="cafe"),
            ],
            centre="zu",
        ),
        "core bug (expand._apply_changes): a room change on a day the house is closed turns the "
        "closure's cancellation into status 'changed' (closure=false): residents are sent to a closed house",
    ),
    (
        Case(
            "time-change-on-closure-day",
            {
                **weekly(["wednesday"], "10:00-11:00", "2027-05-26", "2027-06-09"),
                "changes": [{"date": "2027-06-02", "time": "12:00-13:00"}],
            },
            [
                at("2027-05-26", "10:00", "11:00", CEST),
                at("2027-06-02", "12:00", "13:00", CEST, status="cancelled", closure=True, reason={"de": "Wasserschaden"}),
                at("2027-06-09", "10:00", "11:00", CEST),
            ],
            centre="zu",
        ),
        "core bug (expand._apply_changes): a time change on a day the house is closed turns the "
        "closure's cancellation into status 'moved' (closure=false)",
    ),
    (
        # "bis 24 Uhr" ends at midnight, the start of the next day, not a minute before.
        Case(
            "until-midnight",
            {"schedule": [{"dates": ["2027-07-03"], "time": "18:00-24:00"}]},
            [occ("2027-07-03", "2027-07-03T18:00:00+02:00", "2027-07-04T00:00:00+02:00")],
        ),
        "core bug (types._parse_time_range): 24:00 is stored as 23:59, so the date ends at "
        "2027-07-03T23:59 in termine.json and the feeds",
    ),
    (
        # A rule may run past the programme; the holidays it skips must still be known there.
        # Easter 2029 is Sunday 1 April, so Easter Monday is 2 April 2029.
        Case(
            "skip-feiertage-two-years-ahead",
            weekly(["monday"], "10:00-11:00", "2029-03-26", "2029-04-09", skip=["feiertage"]),
            [
                at("2029-03-26", "10:00", "11:00", CEST),
                at("2029-04-09", "10:00", "11:00", CEST),
            ],
        ),
        "core bug (expand.expand_content computes closure calendars only for the programme's years "
        "plus one either side): Easter Monday 2029-04-02 is not skipped by a rule running in 2029",
    ),
]

# Cases that fail today because of bugs in the core, each with the reason; xfail(strict=True),
# so they turn red once fixed and can move up into REGRESSIONS.
KNOWN_BUGS: list[tuple[Case, str]] = []

ALL_CASES = [*CASES, *(case for case, _ in REGRESSIONS), *(case for case, _ in KNOWN_BUGS)]


@pytest.fixture(scope="module")
def termine(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Build all cases once; return the occurrences of termine.json per (centre, offering)."""
    root = tmp_path_factory.mktemp("schedule")
    content = write_tree(root, {(case.centre, case.name): case.front for case in ALL_CASES})
    out = root / "output"
    run = knz("build", "--content", str(content), "--output", str(out), "--today", "2027-01-01")
    assert run.returncode == 0, run.stderr
    records = json.loads((out / "daten" / "termine.json").read_text(encoding="utf-8"))
    by_offering: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in records:
        by_offering.setdefault((record["centre"], record["offering"]), []).append(record)
    return by_offering


def _params() -> list[Any]:
    out = [pytest.param(case, id=case.name) for case in [*CASES, *(case for case, _ in REGRESSIONS)]]
    for case, reason in KNOWN_BUGS:
        out.append(pytest.param(case, id=case.name, marks=pytest.mark.xfail(strict=True, reason=reason)))
    return out


@pytest.mark.parametrize("case", _params())
def test_occurrences(case: Case, termine: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
    got = termine.get((case.centre, case.name), [])
    for record in got:
        assert record["centre"] == case.centre and record["offering"] == case.name
    projected = [{key: record[key] for key in case.expected[0]} for record in got]
    assert projected == case.expected


@pytest.mark.parametrize("case", [c for c in CASES if c.utc], ids=lambda c: c.name)
def test_utc_instants(case: Case, termine: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
    got = termine[(case.centre, case.name)]
    instants = [
        datetime.fromisoformat(r["start"]).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M") for r in got
    ]
    assert instants == case.utc


def test_every_offering_is_a_case(termine: dict[tuple[str, str], list[dict[str, Any]]]) -> None:
    # Nothing turns up in termine.json that no case expects (e.g. from a stray rule).
    assert sorted(termine) == sorted((c.centre, c.name) for c in ALL_CASES)
