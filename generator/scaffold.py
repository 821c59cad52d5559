"""``knz new``: commented starter files that pass ``knz check`` as they are."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .types import SLUG_PATTERN

CENTRE_TEMPLATE = """\
# Profil des Zentrums „{slug}“. Alle Felder erklärt docs/redaktion.md.
# Nach dem Ausfüllen prüfen mit: knz check
name: Neues Nachbarschaftszentrum          # Name des Hauses
district: {district}                        # Stadtteil-Schlüssel aus content/site.yaml
description: >-
  Ein paar Sätze über das Haus: für wen es da ist und was man hier machen kann.
address:
  street: Musterstraße 1
  postcode: "01067"                         # in Anführungszeichen, sonst geht die 0 verloren
  city: Dresden
geo:                                        # Koordinaten, z. B. von openstreetmap.org
  lat: 51.0504
  lon: 13.7373
operator:                                   # der Träger (Ankerträger)
  id: traeger
  name: Name des Trägervereins e. V.
partners: []                                # Partner: - id: kurzname  name: Voller Name
funding:
  - source: Landeshauptstadt Dresden, Förderrichtlinie Soziales (FFRL Soziales)
contact:                                    # Ansprechperson vor Ort
  name: Vorname Nachname
  role: Koordination
  phone: 0351 000 00 00
  email: kontakt@example.org
  hours: Di 10-12 Uhr
opening_hours:                              # Tage ohne Eintrag: geschlossen
  monday: 10:00-18:00
  tuesday: 10:00-18:00
  wednesday: 10:00-18:00
  thursday: 10:00-20:00
  friday: 10:00-16:00
rooms:
  - id: saal                                # Schlüssel, den Angebote unter "room" nennen
    name: Saal
    size_m2: 50
    barrier_free: true
    bookable: true
    booking: Anfrage im Büro
accessibility:
  step_free_entrance: true
  accessible_toilet: true
  route: Beschreibung des Wegs von der Haltestelle bis zur Tür.
languages: [de]
"""

OFFERING_TEMPLATE = """\
---
# Ein Angebot des Zentrums „{centre}“. Alle Felder erklärt docs/redaktion.md.
title: Neues Angebot                        # Titel, oder je Sprache: {{de: …, en: …}}
category: {category}                        # Kategorie-Schlüssel aus content/site.yaml
audiences: [{audience}]                     # Zielgruppen-Schlüssel aus content/site.yaml
{room_line}cost: free                                  # oder: {{amount: 3.5, reduced: [{{label: Dresden-Pass, amount: 1}}]}}
registration: none                          # oder: {{required: true, how: "telefonisch unter …"}}
languages: [de]
schedule:
  - repeat: weekly                          # weekly, monthly, oder ohne repeat mit dates: [...]
    on: [tuesday]                           # monthly: [2nd wednesday] oder [last friday]
    time: 14:00-16:00
    skip: [{skip}]                      # an Feiertagen nicht
changes: []                                 # - date: 2027-03-16
                                            #   cancelled: true
                                            #   reason: Krankheit
---
Beschreiben Sie hier in einfachen Worten, was die Besucherinnen und Besucher erwartet.
"""


def _first_key(content: Path, section: str, fallback: str) -> str:
    try:
        data = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8-sig")) or {}
        keys = list((data.get(section) or {}).keys())
        return str(keys[0]) if keys else fallback
    except (OSError, yaml.YAMLError, AttributeError):
        return fallback


def _check_slug(slug: str) -> None:
    if not re.fullmatch(SLUG_PATTERN, slug):
        raise ValueError(f"„{slug}“: nur Kleinbuchstaben a-z, Ziffern und Bindestriche / only a-z, digits and hyphens")


def new_centre(content: Path, slug: str) -> list[Path]:
    _check_slug(slug)
    folder = content / "centres" / slug
    path = folder / "centre.yaml"
    if path.exists():
        raise FileExistsError(f"{path} gibt es schon / already exists")
    (folder / "offerings").mkdir(parents=True, exist_ok=True)
    path.write_text(CENTRE_TEMPLATE.format(slug=slug, district=_first_key(content, "districts", "innenstadt")), encoding="utf-8")
    return [path]


def new_offering(content: Path, centre: str, slug: str) -> list[Path]:
    _check_slug(slug)
    centre_file = content / "centres" / centre / "centre.yaml"
    if not centre_file.is_file():
        raise FileNotFoundError(f"Zentrum „{centre}“ nicht gefunden / centre not found: {centre_file}")
    path = content / "centres" / centre / "offerings" / f"{slug}.md"
    if path.exists():
        raise FileExistsError(f"{path} gibt es schon / already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    room = ""
    try:
        rooms = (yaml.safe_load(centre_file.read_text(encoding="utf-8-sig")) or {}).get("rooms") or []
        if rooms and isinstance(rooms[0], dict) and rooms[0].get("id"):
            room = f"room: {rooms[0]['id']}".ljust(44) + "# Raum-Schlüssel aus centre.yaml\n"
    except (OSError, yaml.YAMLError, AttributeError):
        pass
    closures = sorted(p.stem for p in (content / "closures").glob("*.yaml"))
    skip = "feiertage" if "feiertage" in closures else ""
    text = OFFERING_TEMPLATE.format(
        centre=centre,
        category=_first_key(content, "categories", "treffpunkt"),
        audience=_first_key(content, "audiences", "alle"),
        room_line=room,
        skip=skip,
    )
    path.write_text(text, encoding="utf-8")
    return [path]
