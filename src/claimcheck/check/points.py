"""Points in time counted in a unit ("the minute of play in which ..."), and one counted on from
the point the article stated before it: "scored after 63 minutes ... added another 10 minutes later"
is the 73rd minute.

A topic is such a point when its codebook unit is a singular unit of time ("minute of play", "day
of the trial"); a plural one ("minutes") is a length of time, for which "10 minutes later" is no value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.check.mentions import Mention, _fmt as _fmt_num
from claimcheck.check.units import TIME_UNITS, unit_of
from claimcheck.values import parse_quantity
from claimcheck.values.number import Quantity

#: "10 minutes later": a number of the unit, counted forward from what came before.
_LATER = re.compile(r"[\s-]*(?P<unit>" + "|".join(TIME_UNITS) + r")s?\s+later\b", re.I)  # the units mentions reads


def point_unit(unit: str | None) -> str | None:
    """The unit of time a topic counts positions in ("minute of play" -> "minute"), or None."""
    first = (unit or "").split()[:1]
    if not first or first[0].casefold().endswith("s"):
        return None
    return unit_of(first[0])


def counted_on(s: str, n: Mention, unit: str | None, last: dict, here=()) -> Mention | None:
    """The number `n` ("10 minutes later") as the point it names: the last point in the same unit
    the article stated (`last`: unit -> (Quantity, text)) plus it, or one the sentence itself states
    before it as an ordinal of that unit ("a 12th-minute opener and a goal eight minutes later",
    `here`: the sentence's numbers); None when it is not so written or there is no point before it."""
    own = point_unit(unit)
    m = _LATER.match(s, n.end)
    if own is None or m is None or m.group("unit").casefold() != own:
        return None
    said = [o for o in here if o.end <= n.start and o.ordinal and unit_of(o.unit) == own and isinstance(o.value, Quantity)]
    if said:
        last = {own: (said[-1].value, said[-1].text)}
    if own not in last:
        return None
    before, text = last[own]
    q = n.value
    if not (isinstance(q, Quantity) and q.exact and isinstance(before, Quantity) and before.exact):
        return None
    total = before.low + q.low
    how = f"'{n.text} {own}s later' counted on from the {_fmt_num(before.low)} stated before ('{text}'): " \
          f"{_fmt_num(before.low)} + {_fmt_num(q.low)} = {_fmt_num(total)}"
    return replace(n, value=Quantity(total, total), how=how, confidence=n.confidence * 0.9)


#: "just after the hour mark", "before the half-hour mark": a point written as a share of an hour.
_MARK = re.compile(r"(?<![\w-])(?:(?P<just>just|shortly|soon)\s+)?(?:(?P<rel>after|past|beyond|before|around|about|near|at)\s+)?"
                   r"the\s+(?P<half>half[-\s]?)?(?P<hour>hour)\s+mark(?![\w-])", re.I)

_MARK_BOUND = {"after": "over", "past": "over", "beyond": "over", "before": "under", "around": "about", "about": "about",
               "near": "about"}


def marks(s: str) -> list[Mention]:
    """The hour marks the sentence names, as numbers of minutes: "just after the hour mark" is just
    over 60 minutes, "the half-hour mark" 30."""
    out = []
    for m in _MARK.finditer(s):
        minutes = 30 if m.group("half") else 60
        rel = (m.group("rel") or "").casefold()
        bound = _MARK_BOUND.get(rel, "")
        text = f"{'just ' if m.group('just') and bound in ('over', 'under') else ''}{bound} {minutes}".strip()
        q = parse_quantity(text) or Quantity(minutes, minutes)
        # the span stops before "hour mark", the unit it is counted in, as "60" stops before "minutes"
        said = s[m.start():m.start("hour")].rstrip()
        out.append(Mention("number", m.start(), m.start() + len(said), said, q,
                           f"'{m.group(0)}' read as {text} minutes", 0.85, "minutes"))
    return out
