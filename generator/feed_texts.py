"""The words feeds use, in German and English, kept here rather than in the page catalogue:
calendar apps show them verbatim and the "Abgesagt:" prefix is part of the feed contract.
Other languages fall back to English.
"""

from __future__ import annotations

from babel.numbers import format_currency

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "cancelled": "Abgesagt",
        "closed": "Das Haus ist an diesem Tag geschlossen",
        "offering_cancelled": "Dieses Angebot findet nicht mehr statt",
        "moved": "Verlegt",
        "moved_from": "Verlegt, eigentlich am {when}",
        "changed": "Geändert",
        "cost": "Kosten",
        "free": "kostenlos",
        "registration": "Anmeldung",
        "registration_required": "nötig",
        "registration_none": "nicht nötig",
        "more": "Mehr Informationen",
        "room": "Raum",
        "phone": "Tel.",
        "feed_all": "{site}: alle Termine",
        "feed_centre": "{label}: alle Termine",
        "feed_category": "{label}: alle Termine ({site})",
        "feed_audience": "Für {label}: alle Termine ({site})",
        "feed_district": "Stadtteil {label}: alle Termine ({site})",
        "feed_note": "Wird jede Nacht aktualisiert. Abgesagte Termine bleiben sichtbar und beginnen mit „Abgesagt:“.",
    },
    "en": {
        "cancelled": "Cancelled",
        "closed": "The centre is closed that day",
        "offering_cancelled": "This offering no longer takes place",
        "moved": "Moved",
        "moved_from": "Moved, originally on {when}",
        "changed": "Changed",
        "cost": "Cost",
        "free": "free",
        "registration": "Registration",
        "registration_required": "required",
        "registration_none": "not needed",
        "more": "More information",
        "room": "Room",
        "phone": "Phone",
        "feed_all": "{site}: all dates",
        "feed_centre": "{label}: all dates",
        "feed_category": "{label}: all dates ({site})",
        "feed_audience": "For {label}: all dates ({site})",
        "feed_district": "{label} district: all dates ({site})",
        "feed_note": "Updated every night. Cancelled dates stay visible and start with “Cancelled:”.",
    },
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["en"])


def money(amount: float, lang: str) -> str:
    locale = {"de": "de_DE", "en": "en_GB"}.get(lang, "en_GB")
    return format_currency(amount, "EUR", locale=locale)
