"""Points in time counted in a unit ("the minute of play in which ..."), and one counted on from
the point the article stated before it: "scored after 63 minutes ... added another 10 minutes later"
is the 73rd minute.

A topic is such a point when its codebook unit is a singular unit of time ("minute of play", "day
of the trial"); a plural one ("minutes") is a length of time, for which "10 minutes later" is no value.
"""

from __future__ import annotations

import re
from dataclasses import replace

from claimcheck.check.mentions import Mention, _fmt as _fmt_num, unit_of
from claimcheck.values.number import Quantity

#: "10 minutes later": a number of the unit, counted forward from what came before.
_LATER = re.compile(r"[\s-]*(?P<unit>minute|hour|day|week|month|year)s?\s+later\b", re.I)


def point_unit(unit: str | None) -> str | None:
    """The unit of time a topic counts positions in ("minute of play" -> "minute"), or None."""
    first = (unit or "").split()[:1]
    if not first or first[0].casefold().endswith("s"):
        return None
    return unit_of(first[0])


def counted_on(s: str, n: Mention, unit: str | None, last: dict) -> Mention | None:
    """The number `n` ("10 minutes later") as the point it names: the last point in the same unit
    the article stated (`last`: unit -> (Quantity, text)) plus it; None when it is not so written
    or there is no point before it."""
    own = point_unit(unit)
    m = _LATER.match(s, n.end)
    if own is None or m is None or m.group("unit").casefold() != own or own not in last:
        return None
    before, text = last[own]
    q = n.value
    if not (isinstance(q, Quantity) and q.exact and isinstance(before, Quantity) and before.exact):
        return None
    total = before.low + q.low
    how = f"'{n.text} {own}s later' counted on from the {_fmt_num(before.low)} stated before ('{text}'): " \
          f"{_fmt_num(before.low)} + {_fmt_num(q.low)} = {_fmt_num(total)}"
    return replace(n, value=Quantity(total, total), how=how, confidence=n.confidence * 0.9)
