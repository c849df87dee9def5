"""Days, ranges and months, and the `date` type."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from claimcheck.model import Relation
from claimcheck.values.base import COMPATIBLE, DIFFERENT, SAME, ValueError_, ValueType

#: The days of the week, Monday first (date.weekday() indexes it): every reader of weekdays takes them from here.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date

    def __str__(self) -> str:
        return self.start.isoformat() if self.start == self.end else f"{self.start.isoformat()}/{self.end.isoformat()}"


def parse_date_value(raw: Any) -> DateSpan:
    """A day (2025-10-19), a range ('2025-10-18/2025-10-19') or a month ('2025-10')."""
    if isinstance(raw, dt.datetime):
        return DateSpan(raw.date(), raw.date())
    if isinstance(raw, dt.date):
        return DateSpan(raw, raw)
    if isinstance(raw, str):
        s = raw.strip()
        parts = [p.strip() for p in re.split(r"/|\.\.", s)]
        try:
            if len(parts) == 2:
                a, b = _day_or_month(parts[0]), _day_or_month(parts[1])
                if a.start <= b.end:
                    return DateSpan(a.start, b.end)
                raise ValueError_(f"the range {s!r} ends before it starts")
            if len(parts) == 1:
                return _day_or_month(parts[0])
        except ValueError as exc:
            if isinstance(exc, ValueError_):
                raise
    raise ValueError_("an ISO date (2025-10-19), a range ('2025-10-18/2025-10-19') or a month ('2025-10')")


def _day_or_month(s: str) -> DateSpan:
    if re.fullmatch(r"\d{4}-\d{2}", s):
        y, m = map(int, s.split("-"))
        return DateSpan(dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1]))
    d = dt.date.fromisoformat(s)
    return DateSpan(d, d)


class DateType(ValueType):
    name = "date"
    help = "2025-10-19, a range '2025-10-18/2025-10-19', a month '2025-10'"
    example = "2025-10-19 or '2025-10-18/2025-10-19'"

    def parse(self, raw, ctx):
        return parse_date_value(raw)

    def display(self, v):
        if v.start == v.end:
            return v.start.isoformat()
        if (v.start.day == 1 and v.start.month == v.end.month and v.start.year == v.end.year
                and v.end.day == calendar.monthrange(v.end.year, v.end.month)[1]):
            return v.start.strftime("%Y-%m")
        return f"{v.start.isoformat()} to {v.end.isoformat()}"

    def key(self, v, ctx):
        return (v.start, v.end)

    def relate(self, a, b, ctx):
        if a == b:
            return Relation(SAME, "same day" if a.start == a.end else "same range")
        if a.start <= b.start and b.end <= a.end or b.start <= a.start and a.end <= b.end:
            return Relation(COMPATIBLE, "one lies inside the other")
        if a.start <= b.end and b.start <= a.end:
            return Relation(COMPATIBLE, "the ranges overlap")
        gap = min(abs((a.start - b.end).days), abs((b.start - a.end).days))
        return Relation(DIFFERENT, f"{gap} day{'s' if gap != 1 else ''} apart")

    def to_raw(self, v):  # a day as YAML's date, as curators write it; a range as a string
        return v.start if v.start == v.end else f"{v.start.isoformat()}/{v.end.isoformat()}"

    def to_json(self, v):
        if v.start == v.end:
            return v.start.isoformat()
        return {"start": v.start.isoformat(), "end": v.end.isoformat()}
