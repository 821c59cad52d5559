"""Checks on the expanded programme that protect residents: warnings, not errors (``--strict``
makes them errors). Repeated findings are folded into one line per pair of offerings.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from .expand import Expanded, Occurrence
from .index import room_by_id
from .problems import ProblemList


def _overlap(a: Occurrence, b: Occurrence) -> bool:
    if a.all_day or b.all_day:
        return True  # an all-day event holds the room the whole day
    return a.start < b.end and b.start < a.end


def _span(o: Occurrence) -> str:
    return "ganztägig/all day" if o.all_day else f"{o.start:%H:%M}-{o.end:%H:%M}"


def check_rooms(expanded: Expanded, problems: ProblemList) -> None:
    """A room double-booked at overlapping times; reported once per pair of offerings."""
    content = expanded.content
    slots: dict[tuple[str, str, date], list[Occurrence]] = defaultdict(list)
    for occ in expanded.all_occurrences():
        if occ.room and not occ.is_cancelled:
            slots[(occ.centre, occ.room, occ.day)].append(occ)
    reported: dict[tuple, list[tuple[Occurrence, Occurrence]]] = defaultdict(list)
    for (_centre, _room, _day), items in sorted(slots.items()):
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if (a.offering, a.rule) != (b.offering, b.rule) and _overlap(a, b):
                    first, second = sorted((a, b), key=lambda o: o.offering)
                    reported[(first.centre, first.offering, second.offering, a.room)].append((first, second))
    for (centre_slug, first_id, second_id, room_id), pairs in sorted(reported.items()):
        centre = content.centres[centre_slug]
        later = centre.offerings[second_id]
        first, second = pairs[0]
        room = room_by_id(centre, room_id)
        mark = later.source.mark(("room",))
        problems.add(
            later.source.path, mark.line, mark.column, "room", "room_double_booked", "warning",
            room=str(room.name) if room else room_id, date=second.day.isoformat(), time=_span(second),
            other=str(centre.offerings[first_id].model.title), other_time=_span(first), count=len(pairs),
        )


def check_accessibility_claims(expanded: Expanded, problems: ProblemList) -> None:
    for centre in expanded.content.centres.values():
        for entry in centre.offerings.values():
            access = entry.model.accessibility
            room = room_by_id(centre, entry.model.room)
            if not (access and access.step_free):
                continue
            mark = entry.source.mark(("accessibility", "step_free"))
            if not centre.model.accessibility.step_free_entrance:
                problems.add(
                    entry.source.path, mark.line, mark.column, "accessibility.step_free", "step_free_entrance", "warning",
                )
            elif room is not None and not room.barrier_free:
                problems.add(
                    entry.source.path, mark.line, mark.column, "accessibility.step_free", "step_free_room", "warning",
                    room=str(room.name),
                )


def check_past(expanded: Expanded, today: date, problems: ProblemList) -> None:
    for exp in expanded.offerings.values():
        occurrences = exp.occurrences
        if occurrences and all(o.day < today for o in occurrences):
            source = exp.entry.source
            mark = source.mark(("schedule",))
            problems.add(
                source.path, mark.line, mark.column, "schedule", "all_past", "warning",
                input=occurrences[-1].day.isoformat(),
            )


def lint(expanded: Expanded, today: date, problems: ProblemList) -> None:
    check_rooms(expanded, problems)
    check_accessibility_claims(expanded, problems)
    check_past(expanded, today, problems)
