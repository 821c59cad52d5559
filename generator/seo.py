"""What machines read: schema.org JSON-LD for centres and offerings, and ``sitemap.xml``.

JSON-LD is embedded in a ``<script>`` element, so ``<``, ``>`` and ``&`` are written as JSON
escapes: content cannot close the element.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape

from markupsafe import Markup

from .expand import Occurrence
from .index import CentreView, OfferingView, SiteIndex
from .model import Centre
from .validate import CentreEntry
from .types import WEEKDAYS
from .views import localise

JSONLD_DATES = 12
"""Upcoming dates given as Events on an offering page (all dates are on the page itself)."""

_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "changed": "https://schema.org/EventScheduled",
    "moved": "https://schema.org/EventRescheduled",
    "cancelled": "https://schema.org/EventCancelled",
}


def script(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _place(index: SiteIndex, centre: CentreView | CentreEntry, lang: str, full: bool = False) -> dict[str, Any]:
    model: Centre = centre.model
    place: dict[str, Any] = {
        "@type": ["Place", "CivicStructure"] if full else "Place",
        "name": localise(model.name, lang),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": model.address.street,
            "postalCode": model.address.postcode,
            "addressLocality": model.address.city,
            "addressCountry": "DE",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": model.geo.lat, "longitude": model.geo.lon},
        "url": index.urls.absolute(index.site.base_url, index.urls.centre(centre.slug, lang)),
    }
    return place


def centre_jsonld(index: SiteIndex, centre: CentreView, lang: str) -> Markup:
    model = centre.model
    data = _place(index, centre, lang, full=True)
    data["@context"] = "https://schema.org"
    if model.description:
        data["description"] = localise(model.description, lang)
    if model.contact.phone:
        data["telephone"] = model.contact.phone
    if model.contact.email:
        data["email"] = model.contact.email
    hours = []
    for name in WEEKDAYS:
        for span in getattr(model.opening_hours, name):
            hours.append({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{name.capitalize()}",
                "opens": f"{span.start:%H:%M}",
                "closes": f"{span.end:%H:%M}",
            })
    if hours:
        data["openingHoursSpecification"] = hours
    data["isAccessibleForFree"] = True
    return script(data)


def _event(index: SiteIndex, offering: OfferingView, occ: Occurrence, lang: str) -> dict[str, Any]:
    model = offering.model
    event: dict[str, Any] = {
        "@type": "Event",
        "name": localise(model.title, lang),
        "startDate": occ.start.isoformat(),
        "eventStatus": _STATUS[occ.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _place(index, offering.centre, lang),
        "organizer": {"@type": "Organization", "name": offering.provider.name},
        "url": index.urls.absolute(index.site.base_url, index.urls.offering(offering.centre.slug, offering.id, lang)),
        "inLanguage": list(model.languages),
    }
    if not occ.all_day:
        event["endDate"] = occ.end.isoformat()
    if model.summary:
        event["description"] = localise(model.summary, lang)
    if occ.status == "moved":
        event["previousStartDate"] = occ.slot.isoformat()
    cost = model.cost
    price = 0 if cost == "free" else cost.amount
    event["isAccessibleForFree"] = price == 0
    event["offers"] = {"@type": "Offer", "price": price, "priceCurrency": "EUR"}
    return event


def offering_jsonld(index: SiteIndex, offering: OfferingView, lang: str) -> Markup:
    upcoming = offering.upcoming[:JSONLD_DATES]
    if not upcoming:
        upcoming = offering.occurrences[-1:]
    events = [_event(index, offering, occ, lang) for occ in upcoming]
    return script({"@context": "https://schema.org", "@graph": events})


def sitemap(index: SiteIndex, paths: list[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(set(paths)):
        lines.append(f"<url><loc>{escape(index.urls.absolute(index.site.base_url, path))}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
