"""The content model: what editors write in site.yaml, centre.yaml and offering front matter.

Every field's documentation is the docstring beneath it; the JSON Schema (``knz schema``) and
the editors' guide are generated from these classes, so they cannot drift apart.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .types import (
    LanguageCode,
    MonthlyDay,
    OnItem,
    Slug,
    Text,
    TimeRangeField,
    on_one_or_many,
    one_or_many,
)


class Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        use_attribute_docstrings=True,
        coerce_numbers_to_str=True,
        populate_by_name=True,
        frozen=True,
    )


def _date_order(start: date | None, end: date | None, at: str = "until") -> None:
    if start and end and end < start:
        raise PydanticCustomError(
            "until_before_from", "end before start", {"start": start.isoformat(), "end": end.isoformat(), "at": at}
        )


# --- shared pieces -------------------------------------------------------------------------


class Image(Model):
    """A picture with its text alternative."""

    src: str
    """Path of the image file, relative to the content folder, e.g. ``images/garten.jpg``."""
    alt: str = ""
    """What the picture shows, for people who cannot see it. Leave empty only for pure decoration."""


class Contact(Model):
    """A person or office to ask."""

    name: str | None = None
    """Name of the person or office, e.g. ``Anna Beispiel``."""
    role: Text | None = None
    """Role, e.g. ``Koordinatorin`` or ``Sozialberatung``."""
    phone: str | None = None
    """Phone number as residents dial it, e.g. ``0351 123 45 67``."""
    email: str | None = None
    """E-mail address."""
    hours: Text | None = None
    """When the contact can be reached, e.g. ``Di 10-12 Uhr, Do 14-17 Uhr``."""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        # No white space anywhere: a line break would break feeds and mailto links.
        if value is not None and ("@" not in value or any(c.isspace() for c in value.strip())):
            raise PydanticCustomError("email", "not an e-mail address", {"input": value})
        return value.strip() if value is not None else None


# --- site.yaml -----------------------------------------------------------------------------


class Programme(Model):
    """The period the published programme covers; rules without from/until span it."""

    from_: date = Field(alias="from")
    """First day of the programme, e.g. ``2027-01-01``."""
    until: date
    """Last day of the programme, e.g. ``2027-12-31``."""

    @model_validator(mode="after")
    def _order(self) -> Programme:
        _date_order(self.from_, self.until)
        return self


class SiteContact(Model):
    """Who answers residents' feedback on the website (needed for the accessibility statement)."""

    name: str
    """Office or person."""
    email: str
    """E-mail address for feedback."""
    phone: str | None = None
    """Phone number."""
    address: str | None = None
    """Postal address."""


class Site(Model):
    """``content/site.yaml``: the network of centres as a whole."""

    title: Text
    """Name of the website, e.g. ``Kultur- und Nachbarschaftszentren Dresden``."""
    description: Text | None = None
    """One or two sentences on what the centres are."""
    base_url: str
    """Address the site is published at, e.g. ``https://knz.dresden.example/``; used for feeds and canonical links."""
    languages: list[LanguageCode] = ["de", "en"]
    """Languages of the website; the first is the default."""
    timezone: str = "Europe/Berlin"
    """Time zone of all times in the content."""
    programme: Programme
    """The period the programme covers."""
    districts: dict[Slug, Text]
    """The districts (Stadtteile): a short key and the name, e.g. ``pieschen: Pieschen``."""
    categories: dict[Slug, Text]
    """Kinds of offering: a short key and the label, e.g. ``beratung: {de: Beratung, en: Counselling}``."""
    audiences: dict[Slug, Text]
    """Target groups: a short key and the label, e.g. ``senioren: {de: Seniorinnen und Senioren, en: Older people}``."""
    contact: SiteContact | None = None
    """Feedback contact for the website."""
    sign_language_video: str | None = None
    """Address of a video in German Sign Language (DGS) explaining the site, shown on the home page."""

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError("timezone", "unknown time zone", {"input": value}) from None
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise PydanticCustomError("base_url", "not an http(s) address", {"input": value})
        return value if value.endswith("/") else value + "/"


# --- closures/*.yaml -----------------------------------------------------------------------


class Period(Model):
    """A span of days, inclusive at both ends."""

    from_: date = Field(alias="from")
    """First day."""
    until: date | None = None
    """Last day (inclusive); leave out for a single day."""
    reason: Text | None = None
    """Why, e.g. ``Winterferien`` or ``Weihnachtspause``."""

    @model_validator(mode="after")
    def _order(self) -> Period:
        _date_order(self.from_, self.until)
        return self

    @property
    def last(self) -> date:
        return self.until or self.from_


class ComputedHolidays(Model):
    """Public holidays computed by the ``holidays`` library."""

    country: str = "DE"
    """Country code, e.g. ``DE``."""
    subdivision: str | None = "SN"
    """State code, e.g. ``SN`` for Saxony."""


class ClosureCalendar(Model):
    """``content/closures/<name>.yaml``: days that offerings can skip with ``skip: [<name>]``."""

    name: Text
    """Name shown to residents, e.g. ``Schulferien in Sachsen``."""
    holidays: ComputedHolidays | None = None
    """Compute public holidays instead of listing them."""
    periods: list[Period] = []
    """Listed periods, e.g. the school holidays."""


# --- centre.yaml ---------------------------------------------------------------------------


class Address(Model):
    """Postal address."""

    street: str
    """Street and number."""
    postcode: str = Field(pattern=r"^\d{5}$")
    """Five-digit postcode, e.g. ``01127``."""
    city: str = "Dresden"
    """City."""


class Geo(Model):
    """Coordinates (WGS 84), e.g. from OpenStreetMap."""

    lat: float = Field(ge=-90, le=90)
    """Latitude, e.g. ``51.0787``."""
    lon: float = Field(ge=-180, le=180)
    """Longitude, e.g. ``13.7176``."""


class Organisation(Model):
    """An organisation: the operator (Ankerträger) or a partner."""

    id: Slug
    """Short key offerings use in ``provider``, e.g. ``kinderschutzbund``."""
    name: str
    """Full name."""
    url: str | None = None
    """Website."""
    description: Text | None = None
    """What the organisation does in the house."""


class Funding(Model):
    """A source of money for the centre."""

    source: str
    """Who funds, e.g. ``Landeshauptstadt Dresden, FFRL Soziales`` or ``Eigenmittel``."""
    note: Text | None = None
    """What it pays for."""


class OpeningException(Model):
    """A day with other opening hours than usual."""

    date: date
    """The day."""
    hours: Annotated[list[TimeRangeField], BeforeValidator(one_or_many)] = []
    """Opening hours that day; leave out if the house is closed."""
    reason: Text | None = None
    """Why, e.g. ``Stadtteilfest``."""


_HoursList = Annotated[list[TimeRangeField], BeforeValidator(one_or_many)]


class OpeningHours(Model):
    """Regular opening hours per weekday; a day left out is closed."""

    monday: _HoursList = []
    tuesday: _HoursList = []
    wednesday: _HoursList = []
    thursday: _HoursList = []
    friday: _HoursList = []
    saturday: _HoursList = []
    sunday: _HoursList = []
    note: Text | None = None
    """Anything residents should know, e.g. ``Abends nach Vereinbarung``."""
    exceptions: list[OpeningException] = []
    """Days with other hours than usual (closures of the whole house go into ``closures``)."""


class Room(Model):
    """A room in the house."""

    id: Slug
    """Short key offerings use in ``room``, e.g. ``saal``."""
    name: Text
    """Name, e.g. ``Großer Saal``."""
    size_m2: float | None = Field(default=None, gt=0)
    """Floor area in square metres."""
    capacity: int | None = Field(default=None, gt=0)
    """How many people fit."""
    barrier_free: bool
    """Reachable and usable without steps (wheelchair accessible)."""
    bookable: bool = False
    """Residents and groups may use the room for their own initiatives."""
    booking: Text | None = None
    """How to book the room and on what terms, e.g. ``kostenfrei für Nachbarschaftsinitiativen, Anfrage per E-Mail``."""
    equipment: list[str] = []
    """Equipment, e.g. ``Küche``, ``Beamer``, ``Klavier``."""


class Stop(Model):
    """A public transport stop nearby."""

    name: str
    """Name of the stop."""
    lines: str | None = None
    """Tram and bus lines, e.g. ``Tram 4, 9; Bus 70``."""
    distance_m: int | None = Field(default=None, ge=0)
    """Walking distance in metres."""


class Accessibility(Model):
    """How accessible the house is."""

    step_free_entrance: bool
    """The entrance can be reached without steps."""
    lift: bool | None = None
    """There is a lift to the upper floors (leave out for a single-storey house)."""
    accessible_toilet: bool
    """There is a wheelchair-accessible toilet."""
    hearing_loop: bool = False
    """There is an induction loop for hearing aids."""
    parking: Text | None = None
    """Parking, e.g. disabled parking spaces."""
    stops: list[Stop] = []
    """Nearest tram and bus stops."""
    route: Text | None = None
    """Route description in words, from the stop to the door."""
    notes: Text | None = None
    """Anything else, e.g. ``Tür öffnet nicht automatisch, bitte klingeln``."""


class HouseRules(Model):
    """What is possible in the house and what is not."""

    possible: list[Text] = []
    """What residents may do, e.g. ``Räume für eigene Treffen nutzen``."""
    not_possible: list[Text] = []
    """What is not possible, e.g. ``private Feiern mit Gewinnabsicht``."""


class RoundTable(Model):
    """The district round table or advisory board."""

    name: Text
    """Name, e.g. ``Stadtteilrunde Pieschen``."""
    meets: Text
    """When and where it meets, e.g. ``jeden 1. Donnerstag im Monat, 18 Uhr``."""
    description: Text | None = None
    """What it does and who may join."""


class Participation(Model):
    """How residents take part."""

    volunteering: Text | None = None
    """How to volunteer."""
    own_offering: Text | None = None
    """How to propose an offering of one's own."""
    room_use: Text | None = None
    """How to use a room for one's own initiative."""
    round_table: RoundTable | None = None
    """The district round table or advisory board."""


class Centre(Model):
    """``content/centres/<slug>/centre.yaml``: the profile of one centre."""

    name: Text
    """Name of the centre."""
    district: Slug
    """District key from site.yaml, e.g. ``pieschen``."""
    description: Text | None = None
    """A few sentences about the house (Markdown allowed)."""
    address: Address
    """Postal address."""
    geo: Geo
    """Coordinates."""
    operator: Organisation
    """The operator (Ankerträger) who runs the house."""
    partners: list[Organisation] = []
    """Partner organisations that run offerings in the house."""
    funding: list[Funding]
    """How the centre is funded."""
    contact: Contact
    """The contact person on site."""
    opening_hours: OpeningHours
    """When the house is open."""
    rooms: list[Room]
    """The rooms."""
    accessibility: Accessibility
    """Accessibility of the house."""
    languages: list[LanguageCode] = ["de"]
    """Languages spoken by staff, e.g. ``[de, en, ar]``."""
    house_rules: HouseRules = HouseRules()
    """What is possible here and what is not."""
    participation: Participation = Participation()
    """How residents take part."""
    closures: list[Period] = []
    """Days the whole house is closed, e.g. over Christmas; offerings do not take place then."""
    image: Image | None = None
    """A picture of the house."""


# --- offering front matter -----------------------------------------------------------------


class AgeRange(Model):
    """Ages the offering is meant for."""

    min: int | None = Field(default=None, ge=0, le=120)
    """Youngest age."""
    max: int | None = Field(default=None, ge=0, le=120)
    """Oldest age."""

    @model_validator(mode="after")
    def _order(self) -> AgeRange:
        if self.min is not None and self.max is not None and self.max < self.min:
            raise PydanticCustomError("age_order", "max below min", {"start": self.min, "end": self.max, "at": "max"})
        return self


class ReducedPrice(Model):
    """A reduced price, e.g. with the Dresden-Pass."""

    label: str
    """Who pays it, e.g. ``Dresden-Pass``."""
    amount: float = Field(ge=0)
    """Price in euros."""


class Cost(Model):
    """What taking part costs."""

    amount: float = Field(ge=0)
    """Price in euros per date (0 for free)."""
    per: Text | None = None
    """What the price is for if not per date, e.g. ``Kurs mit 10 Terminen``."""
    reduced: list[ReducedPrice] = []
    """Reduced prices."""
    note: Text | None = None
    """Anything else, e.g. ``Spenden willkommen``."""


class Registration(Model):
    """Whether and how to register."""

    required: bool
    """Registration is needed."""
    how: Text | None = None
    """How to register, e.g. ``telefonisch unter 0351 …``."""
    deadline: date | None = None
    """Last day to register."""


class OfferingAccessibility(Model):
    """Accessibility of this offering."""

    step_free: bool | None = None
    """The offering can be reached and attended without steps."""
    notes: Text | None = None
    """E.g. ``Gebärdensprachdolmetschung auf Anfrage``."""


class Rule(Model):
    """One schedule rule: repeating weekly or monthly, or a list of single dates."""

    repeat: Literal["weekly", "monthly"] | None = None
    """``weekly`` or ``monthly``; leave out for single dates given in ``dates``."""
    every: int = Field(default=1, ge=1, le=12)
    """Every how many weeks (weekly) or months (monthly), e.g. ``2`` for every other week."""
    on: Annotated[list[OnItem] | None, BeforeValidator(on_one_or_many)] = None
    """Weekly: weekdays, e.g. ``[tuesday, thursday]``. Monthly: positions, e.g. ``[2nd wednesday, 4th wednesday]`` or ``last friday``."""
    dates: list[date] = []
    """Single dates, e.g. ``[2027-03-12, 2027-04-09]``; also added to a repeating rule."""
    time: TimeRangeField | None = None
    """Local time, e.g. ``14:00-16:00``; leave out for all-day offerings and set ``all_day: true``."""
    all_day: bool = False
    """The offering lasts the whole day."""
    from_: date | None = Field(default=None, alias="from")
    """First possible day; default: start of the programme."""
    until: date | None = None
    """Last possible day; default: end of the programme."""
    except_: list[date] = Field(default=[], alias="except")
    """Dates left out, e.g. ``[2027-05-25]``."""
    skip: list[Slug] = []
    """Closure calendars to leave out, e.g. ``[feiertage, schulferien]``."""

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.repeat is None:
            if not self.dates:
                raise PydanticCustomError("rule_kind", "no repeat and no dates")
            if self.on:
                raise PydanticCustomError("rule_on_without_repeat", "on without repeat", {"at": "on"})
        elif not self.on:
            raise PydanticCustomError("rule_on_missing", "on missing", {"repeat": self.repeat, "at": "on"})
        elif self.repeat == "weekly" and any(isinstance(d, MonthlyDay) for d in self.on):
            raise PydanticCustomError("rule_on_weekly", "weekly needs weekdays", {"at": "on"})
        elif self.repeat == "monthly" and any(not isinstance(d, MonthlyDay) for d in self.on):
            raise PydanticCustomError("rule_on_monthly", "monthly needs positions", {"at": "on"})
        if self.time is None and not self.all_day:
            raise PydanticCustomError("rule_time_missing", "time missing", {"at": "time"})
        if self.time is not None and self.all_day:
            raise PydanticCustomError("rule_time_and_all_day", "both time and all_day", {"at": "all_day"})
        _date_order(self.from_, self.until, at="until")
        return self


class Change(Model):
    """A change to one date: cancelled, moved, or held in another room."""

    date: date
    """The date as the schedule gives it."""
    cancelled: bool = False
    """The date does not take place."""
    moved_to: date | None = None
    """The new date, if the date is moved."""
    time: TimeRangeField | None = None
    """The new time, if it changes."""
    room: Slug | None = None
    """Another room, if it changes."""
    reason: Text | None = None
    """Why, e.g. ``Krankheit der Kursleiterin``; shown to residents."""

    @model_validator(mode="after")
    def _meaningful(self) -> Change:
        if self.cancelled and (self.moved_to or self.time or self.room):
            raise PydanticCustomError("change_cancelled_and_moved", "cancelled and moved", {"at": "cancelled"})
        if not (self.cancelled or self.moved_to or self.time or self.room):
            raise PydanticCustomError("change_empty", "nothing changes")
        return self


class Offering(Model):
    """Front matter of ``content/centres/<centre>/offerings/<slug>.md``; the Markdown below it describes the offering."""

    id: Slug | None = None
    """Stable key; keeps calendar entries and links when the file is renamed. Default: the file name."""
    title: Text
    """Title, e.g. ``Seniorencafé``."""
    summary: Text | None = None
    """One sentence for lists and calendars."""
    category: Slug
    """Category key from site.yaml, e.g. ``cafe``."""
    audiences: list[Slug] = Field(min_length=1)
    """Target group keys from site.yaml, e.g. ``[senioren]``; ``alle`` for everyone."""
    age: AgeRange | None = None
    """Ages, e.g. ``{min: 6, max: 12}``."""
    provider: Slug | None = None
    """Who runs it: the operator's or a partner's ``id`` from centre.yaml; default: the operator."""
    room: Slug | None = None
    """Room ``id`` from centre.yaml."""
    cost: Literal["free"] | Cost = "free"
    """``free``, or the price: ``{amount: 3.5, reduced: [{label: Dresden-Pass, amount: 1}]}``."""
    registration: Literal["none"] | Registration = "none"
    """``none``, or ``{required: true, how: …}``."""
    languages: list[LanguageCode] = ["de"]
    """Languages the offering is held in, e.g. ``[de, ar]``."""
    accessibility: OfferingAccessibility | None = None
    """Accessibility of this offering."""
    contact: Contact | None = None
    """Contact for this offering; default: the centre's contact person."""
    easy_language: Text | None = None
    """A short summary in easy language (Leichte Sprache)."""
    status: Literal["active", "cancelled"] = "active"
    """``cancelled`` if the whole offering is called off."""
    status_reason: Text | None = None
    """Why it is called off."""
    image: Image | None = None
    """A picture."""
    schedule: list[Rule] = Field(min_length=1)
    """When it takes place: one or more rules."""
    changes: list[Change] = []
    """Changes to single dates."""


class Page(Model):
    """Front matter of ``content/pages/<slug>.md``, an information page."""

    title: Text
    """Title of the page."""
    description: Text | None = None
    """One sentence for search engines and link previews."""
    order: int = 100
    """Position in the footer navigation (smaller first)."""
    lang: LanguageCode = "de"
    """Language of the page body."""
    translation_of: Slug | None = None
    """For an English version: the slug of the German page it translates."""
