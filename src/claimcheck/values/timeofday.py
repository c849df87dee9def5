"""The `time` value type: a time of day, exact or approximate, with an optional zone, as claims and articles write it.

One module holds all of it: reading a claim value ('13:39', '1:39 p.m.', 'around 2:00 p.m.',
'shortly after 1:30 pm', '13:39 UTC'), comparing two times (minutes apart is a conflict, an
approximate time is partial within its tolerance), and finding times in an article's sentence for
`check` (find_times, through TimeType.find: check/extract.py binds each to the nearest cue).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from claimcheck.model import Relation
from claimcheck.values.base import COMPATIBLE, DIFFERENT, SAME, ValueError_, ValueType, register

DAY = 24 * 60

#: How far an approximate time may lie from the time written, in minutes: (before, after).
QUALIFIERS = {
    "around": (15, 15), "about": (15, 15), "approximately": (15, 15), "roughly": (15, 15), "circa": (15, 15),
    "some time around": (30, 30), "~": (15, 15),
    "shortly after": (0, 15), "just after": (0, 10), "soon after": (0, 15), "a little after": (0, 15),
    "shortly before": (15, 0), "just before": (10, 0), "a little before": (15, 0),
}
#: Zones news text names, with their offset from UTC in minutes. Ambiguous abbreviations (CST,
#: IST outside South Asia) are read as the one a news story about South or Central Asia means.
ZONES = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180, "msk": 180,
    "gst": 240, "irst": 210, "aft": 270, "pkt": 300, "ist": 330, "npt": 345, "mmt": 390,
    "ict": 420, "wib": 420, "sgt": 480, "hkt": 480, "pht": 480, "jst": 540, "kst": 540, "aest": 600,
    "est": -300, "edt": -240, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
}
_ZONE_WORDS = "|".join(sorted((re.escape(z) for z in ZONES if z.isalpha() and len(z) > 1), key=len, reverse=True))
_OFFSET = r"(?:utc|gmt)\s?[+\-−]\s?\d{1,2}(?::?\d\d)?"
_QUAL_RE = "|".join(sorted((re.escape(q).replace(r"\ ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
_AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
_TIME = re.compile(
    rf"(?<![\w.:])(?:(?P<qual>{_QUAL_RE})\s*(?:(?:at|on)\s+)?)?"
    rf"(?:(?P<h>[01]?\d|2[0-3])(?:(?P<sep>[:.])(?P<m>[0-5]\d))?\s*{_AMPM}?"
    rf"|(?P<h4>[01]\d|2[0-3])(?P<m4>[0-5]\d)(?=\s*(?:hrs\b|hours\b|gmt\b|utc\b))(?:\s*(?:hrs|hours)\b)?"
    rf"|(?P<word>noon|midday|midnight))"
    rf"(?:\s*(?P<zone>{_OFFSET}|(?:{_ZONE_WORDS})\b)|\s+(?P<local>local\s+time))?(?![\w:])",
    re.I)


@dataclass(frozen=True)
class TimeOfDay:
    """A time of day: minutes after midnight, a span when approximate; `text` keeps how an approximate one was written."""

    earliest: int
    latest: int
    zone: str | None = None  # as written, upper case: 'UTC', 'PKT', 'UTC+5'
    text: str | None = None

    @property
    def exact(self) -> bool:
        return self.text is None and self.earliest == self.latest

    def offset(self) -> int | None:
        """The zone's offset from UTC in minutes, when the zone is one this module knows."""
        if self.zone is None:
            return None
        z = self.zone.casefold().replace("−", "-").replace(" ", "")
        if z in ZONES:
            return ZONES[z]
        m = re.fullmatch(r"(?:utc|gmt)([+-])(\d{1,2})(?::?(\d\d))?", z)
        if m:
            sign = 1 if m.group(1) == "+" else -1
            return sign * (int(m.group(2)) * 60 + int(m.group(3) or 0))
        return None


def clock(minutes: int) -> str:
    """Minutes after midnight as a 24-hour clock: 819 -> '13:39'."""
    minutes %= DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(h: int, m: int, ampm: str | None) -> int | None:
    if ampm:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ampm.casefold().startswith("p") else 0)
    return h * 60 + m


def _from_match(g: dict) -> TimeOfDay | None:
    """A TimeOfDay from a match of _TIME's groups, or None when the words are no time."""
    if g["word"]:
        at = 0 if g["word"].casefold() == "midnight" else 12 * 60
    elif g["h4"]:
        at = int(g["h4"]) * 60 + int(g["m4"])  # '0620 GMT', '1339 hrs'
    else:
        if not g["ampm"] and g["sep"] != ":":
            return None  # '1.39' or '2' alone is a number, not a time
        at = _minutes(int(g["h"]), int(g["m"] or 0), g["ampm"])
        if at is None:
            return None
    zone = g["zone"].upper().replace(" ", "").replace("−", "-") if g["zone"] else None
    qual = " ".join(g["qual"].casefold().split()) if g["qual"] else None
    if qual:
        before, after = QUALIFIERS[qual]
        return TimeOfDay(at - before, at + after, zone, None)
    return TimeOfDay(at, at, zone)


def parse_time(raw: str) -> TimeOfDay | None:
    """A claim value: '13:39', '1.39 pm', '1:39 p.m.', 'around 2:00 p.m.', 'shortly after 1:30 pm', '13:39 UTC'."""
    t = " ".join(raw.strip().split())
    m = _TIME.fullmatch(t)
    if m is None:
        return None
    value = _from_match(m.groupdict())
    if value is not None and m.group("qual"):
        value = TimeOfDay(value.earliest, value.latest, value.zone, t)
    return value


def _gap(a: TimeOfDay, b: TimeOfDay, shift: int) -> int:
    """Minutes between the two spans (0 when they meet), b moved by `shift`, around the clock."""
    lo_a, hi_a, lo_b, hi_b = a.earliest, a.latest, b.earliest + shift, b.latest + shift
    best = DAY
    for turn in (-DAY, 0, DAY):
        d = max(lo_b + turn - hi_a, lo_a - hi_b - turn, 0)
        best = min(best, d)
    return best


def _minutes_words(n: int) -> str:
    if n >= 60 and n % 60 == 0:
        h = n // 60
        return f"{h} hour{'s' if h != 1 else ''}"
    if n >= 60:
        return f"{n // 60} h {n % 60:02d} min"
    return f"{n} minute{'s' if n != 1 else ''}"


class TimeType(ValueType):
    name = "time"
    example = "'13:39', '1:39 p.m.', 'around 2:00 p.m.'"
    help = "a time of day: '13:39', '1:39 p.m.', 'around 2:00 p.m.'"

    reach = 6  # words between a time and its cue
    stops = r"[;!?]|\.\s"  # "1.39 pm" holds a dot

    def to_raw(self, value):  # '13:39', '13:39 UTC' or 'around 2:00 p.m.', as parse reads them
        return self.display(value)

    def find(self, text, taken=()):
        return [(m.start, m.end, m.value, f"{m.how} '{m.text}'", m.confidence) for m in find_times(text, taken)]

    def parse(self, raw: Any, ctx) -> TimeOfDay:
        if isinstance(raw, str):
            value = parse_time(raw)
            if value is not None:
                return value
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            raise ValueError_(f"a time of day as text, e.g. '13:39' or '1:39 p.m.'; YAML read {raw!r} as a number, "
                              "so quote the time: value: \"13:39\"")
        raise ValueError_("a time of day: '13:39', '1:39 p.m.', 'around 2:00 p.m.' or 'shortly after 1:30 pm', "
                          "optionally with a zone ('13:39 UTC')")

    def display(self, v: TimeOfDay) -> str:
        if v.text:
            return v.text
        return clock(v.earliest) + (f" {v.zone}" if v.zone else "")

    def key(self, v: TimeOfDay, ctx) -> tuple:
        return (v.earliest, v.latest, v.zone, v.text)

    def relate(self, a: TimeOfDay, b: TimeOfDay, ctx) -> Relation:
        if a == b:
            return Relation(SAME, "same time" if a.exact else f"both say '{self.display(a)}'")
        oa, ob = a.offset(), b.offset()
        shift, note = 0, ""
        if a.zone != b.zone:
            if oa is not None and ob is not None:
                shift = oa - ob  # b's clock in a's zone
                note = f" (compared in one zone: {self.display(b)} is {clock(b.earliest + shift)} {a.zone})"
            else:
                unknown = [z for z, o in ((a.zone, oa), (b.zone, ob)) if z and o is None]
                note = (f" (zone {unknown[0]} unknown: compared as written)" if unknown
                        else " (one gives no zone: compared as written)")
        gap = _gap(a, b, shift)
        if a.exact and b.exact:
            if gap == 0 and (shift or a.zone == b.zone):
                return Relation(SAME, "same time" + note)
            if gap == 0:  # one zone unknown or missing: the clocks agree, the times may not
                return Relation(COMPATIBLE, f"the same clock time{note}; name the zone in both to be sure")
            return Relation(DIFFERENT, f"{_minutes_words(gap)} apart{note}")
        if gap == 0:
            if a.exact or b.exact:
                exact, other = (a, b) if a.exact else (b, a)
                return Relation(COMPATIBLE, f"{self.display(exact)} lies within '{self.display(other)}' "
                                            f"({clock(other.earliest)}-{clock(other.latest)}){note}; approximate, never an exact match")
            return Relation(COMPATIBLE, f"'{self.display(a)}' and '{self.display(b)}' overlap{note}; approximate, never an exact match")
        if a.exact or b.exact:
            exact, other = (a, b) if a.exact else (b, a)
            return Relation(DIFFERENT, f"{self.display(exact)} is {_minutes_words(gap)} outside '{self.display(other)}' "
                                       f"({clock(other.earliest)}-{clock(other.latest)}){note}")
        return Relation(DIFFERENT, f"{_minutes_words(gap)} apart at their closest{note}")

    def to_json(self, v: TimeOfDay) -> Any:
        if v.exact:
            return self.display(v)
        return {"text": self.display(v), "earliest": clock(v.earliest), "latest": clock(v.latest), "zone": v.zone}


register(TimeType())  # values/__init__.py imports this module, so the registry always has it


# --------------------------------------------------------------------------- in an article


@dataclass(frozen=True)
class TimeMention:
    """A time of day as written in a sentence: its span, the typed value, and how it was read."""

    start: int
    end: int
    text: str
    value: TimeOfDay
    how: str
    confidence: float


def find_times(s: str, skip=()) -> list[TimeMention]:
    """Times of day written in the (folded) sentence `s`, outside the spans in `skip` (its dates)."""
    out = []
    for m in _TIME.finditer(s):
        if any(a < m.end() and m.start() < b for a, b in skip):
            continue
        g = m.groupdict()
        value = _from_match(g)
        if value is None:
            continue
        text = m.group(0)
        if g["qual"]:
            value = TimeOfDay(value.earliest, value.latest, value.zone, " ".join(text.split()))
        how = "time as written"
        if g["sep"] == ":" and not g["ampm"] and int(g["h"]) <= 12 and not g["word"]:
            how += " (no a.m. or p.m.: read on the 24-hour clock)"
        if g["local"]:
            how += "; local time, zone not named"
        conf = 0.9 if (g["ampm"] or g["zone"] or g["word"] or g["h4"] or int(g["h"] or 0) > 12) else 0.8
        out.append(TimeMention(m.start(), m.end(), text, value, how, conf))
    return out
