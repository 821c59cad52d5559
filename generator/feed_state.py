"""What feeds need to know beyond the content itself: when each file last changed (for DTSTAMP
and LAST-MODIFIED) and how often each event's schedule changed (for SEQUENCE).

Both are inputs of the build, never the wall clock, so that two builds of the same commit give
the same bytes:

- **Last change** of a content file: its last git commit (one ``git log`` for the whole content
  folder), else ``SOURCE_DATE_EPOCH``, else 1980-01-01 00:00 UTC (the "unknown" date of
  reproducible builds).
- **Sequence**: ``content/.feed-state.json`` maps each event UID to a fingerprint of its dates,
  times, place and status and the SEQUENCE that fingerprint was published with. A build that
  finds a different fingerprint raises the sequence by one and records it. The file is written
  only when something changed, with sorted keys, so an unchanged build leaves it untouched; it is
  committed together with the content change that caused it (see docs/feeds.md). A build only
  ever updates a record that exists: a content folder without one (a test fixture, a scratch
  copy) is never written to, and its events keep SEQUENCE 0.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

STATE_FILE = ".feed-state.json"
UNKNOWN = datetime(1980, 1, 1, tzinfo=timezone.utc)
_COMMENT = (
    "Written by `knz build`: the SEQUENCE each calendar event was last published with and a "
    "fingerprint of its dates, times, place and status. Commit this file with your content "
    "change; never edit it by hand. See docs/feeds.md."
)


def git_change_times(root: Path) -> dict[str, datetime]:
    """Last commit time of every file under ``root`` (paths relative to it); {} outside git."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), "log", "--format=%x00%ct", "--name-only", "--relative", "--no-renames",
             "--", "."],
            capture_output=True, text=True, check=False, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    times: dict[str, datetime] = {}
    stamp: datetime | None = None
    for line in proc.stdout.splitlines():
        if line.startswith("\x00"):
            stamp = datetime.fromtimestamp(int(line[1:]), tz=timezone.utc)
        elif line and stamp is not None:
            times.setdefault(line, stamp)  # newest first: the first time seen is the last change
    return times


def fallback_time() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return UNKNOWN


@dataclass
class ChangeTimes:
    """Answers "when did these files last change?" for a content folder."""

    root: Path
    known: dict[str, datetime]
    fallback: datetime

    @classmethod
    def read(cls, root: Path) -> ChangeTimes:
        return cls(root.resolve(), git_change_times(root), fallback_time())

    def of(self, paths: list[Path]) -> datetime:
        found = []
        for path in paths:
            try:
                rel = path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                rel = path.as_posix()
            found.append(self.known.get(rel, self.fallback))
        return max(found, default=self.fallback)


_ENTRY = re.compile(r'"([^"\s]+)": \{\s*"fingerprint": "([^"]*)",\s*"sequence": (\d+)\s*\}')


def _salvage(text: str) -> dict[str, dict]:
    """Entries from a record that is not valid JSON, typically after a git merge conflict when
    two branches changed schedules. For each UID the highest sequence wins; where the sides
    disagree on the fingerprint it is blanked, so the next build raises the sequence above both."""
    events: dict[str, dict] = {}
    for uid, fingerprint, sequence in _ENTRY.findall(text):
        entry = {"fingerprint": fingerprint, "sequence": int(sequence)}
        known = events.get(uid)
        if known is None:
            events[uid] = entry
        elif known != entry:
            events[uid] = {"fingerprint": "", "sequence": max(known["sequence"], entry["sequence"])}
    return events


@dataclass
class SequenceState:
    """The committed record of published fingerprints and sequences, keyed by UID."""

    path: Path
    events: dict[str, dict] = field(default_factory=dict)
    original: str | None = None
    """The file's text as read; None when there is no record, which then is never created."""

    @classmethod
    def read(cls, root: Path) -> SequenceState:
        path = root / STATE_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            return cls(path)
        try:
            data = json.loads(text)
        except ValueError:
            return cls(path, _salvage(text), text)
        events = data.get("events", {}) if isinstance(data, dict) else {}
        if not isinstance(events, dict):
            events = {}
        clean = {
            uid: {"fingerprint": str(entry["fingerprint"]), "sequence": int(entry["sequence"])}
            for uid, entry in events.items()
            if isinstance(entry, dict) and "fingerprint" in entry and isinstance(entry.get("sequence"), int)
        }
        return cls(path, clean, text)

    def sequence(self, uid: str, fingerprint: str) -> int:
        """The SEQUENCE for ``uid`` now: unchanged if the fingerprint is, else one more."""
        entry = self.events.get(uid)
        if entry is None:
            self.events[uid] = {"fingerprint": fingerprint, "sequence": 0}
        elif entry["fingerprint"] != fingerprint:
            self.events[uid] = {"fingerprint": fingerprint, "sequence": entry["sequence"] + 1}
        return self.events[uid]["sequence"]

    def dumps(self) -> str:
        # Entries of removed events stay: should the UID come back, its sequence keeps rising.
        data = {"comment": _COMMENT, "events": dict(sorted(self.events.items()))}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    def save(self) -> bool:
        """Write the record if it exists and changed (atomically); False if it could not be written."""
        text = self.dumps()
        if self.original is None or text == self.original:
            return True
        tmp = None
        try:
            handle, tmp = tempfile.mkstemp(prefix=".feed-state.", dir=self.path.parent)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.path)
        except OSError:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)
            return False
        self.original = text
        return True
