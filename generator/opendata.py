"""Open data: the programme as JSON, for the city's overview and anyone who builds on it.

``/daten/zentren.json`` lists each centre with the framework's criteria; ``/daten/termine.json``
lists every occurrence (cancelled and moved ones included, with their reason).
"""

from __future__ import annotations

import json
from datetime import date, datetime, time

from .expand import Occurrence
from .index import CentreView, SiteIndex
from .types import LocalText
from .write import Artifacts

EVENING = time(18, 0)


def _text(value: LocalText | None) -> dict[str, str] | None:
    return dict(sorted(value.items())) if value else None


def _when(value: date | datetime) -> str:
    return value.isoformat()


def occurrence_record(occ: Occurrence) -> dict:
    return {
        "centre": occ.centre,
        "offering": occ.offering,
        "rule": occ.rule,
        "slot": occ.slot.isoformat(),
        "start": _when(occ.start),
        "end": _when(occ.end),
        "all_day": occ.all_day,
        "status": occ.status,
        "reason": _text(occ.reason),
        "closure": occ.closure,
        "room": occ.room,
    }


def framework_criteria(centre: CentreView) -> dict[str, bool]:
    """The city's framework criteria, derived from the centre's own data."""
    model = centre.model
    hours = model.opening_hours
    evening = any(r.end > EVENING for day in (hours.monday, hours.tuesday, hours.wednesday, hours.thursday,
                                               hours.friday, hours.saturday, hours.sunday) for r in day)
    weekend = bool(hours.saturday or hours.sunday)
    return {
        "barrier_free_rooms": any(room.barrier_free for room in model.rooms),
        "step_free_entrance": model.accessibility.step_free_entrance,
        "open_evenings": evening,
        "open_weekends": weekend,
        "contact_person_on_site": bool(model.contact.name and (model.contact.phone or model.contact.email)),
        "rooms_for_residents": any(room.bookable for room in model.rooms),
    }


def centre_record(index: SiteIndex, centre: CentreView) -> dict:
    model = centre.model
    return {
        "slug": centre.slug,
        "name": _text(model.name),
        "district": model.district,
        "address": model.address.model_dump(),
        "geo": model.geo.model_dump(),
        "operator": model.operator.name,
        "partners": [p.name for p in model.partners],
        "funding": [f.source for f in model.funding],
        "criteria": framework_criteria(centre),
        "offerings": [o.id for o in centre.offerings],
        "url": index.urls.absolute(index.site.base_url, index.urls.centre(centre.slug, index.languages[0])),
    }


def render_opendata(index: SiteIndex, artifacts: Artifacts) -> None:
    def dump(data: object) -> str:
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    artifacts.add("daten/zentren.json", dump([centre_record(index, c) for c in index.centres]), origin="opendata")
    artifacts.add("daten/termine.json", dump([occurrence_record(o) for o in index.occurrences]), origin="opendata")
