"""Lists of names (who mediated, who attended), and the `list` type: a subset is compatible."""

from __future__ import annotations

import datetime as dt

from claimcheck.model import Relation
from claimcheck.values.base import COMPATIBLE, DIFFERENT, SAME, ValueError_, ValueType, _keys_once


class ListType(ValueType):
    name = "list"
    help = '[Qatar, Turkey]'
    example = "[Qatar, Turkey]"

    def parse(self, raw, ctx):
        if isinstance(raw, (str, dt.date)):
            raw = [raw]
        if not isinstance(raw, list) or not raw:
            raise ValueError_("a non-empty list, e.g. [Qatar, Turkey]")
        items = []
        for item in raw:
            if isinstance(item, (dict, list, bool)) or item is None:
                raise ValueError_("a list of names or dates, one per item")
            items.append(item.isoformat() if isinstance(item, dt.date) else " ".join(str(item).split()))
        return tuple(items)

    def display(self, v):
        return ", ".join(v)

    def to_raw(self, v):
        return list(v)

    def key(self, v, ctx):
        return frozenset(ctx.names.key(x) for x in v)

    def keys(self, values, ctx):
        return _keys_once(self, values, ctx)

    def relate(self, a, b, ctx):
        return self.relate_keyed(a, b, self.key(a, ctx), self.key(b, ctx), ctx)

    def relate_keyed(self, a, b, ka, kb, ctx):
        if ka == kb:
            return Relation(SAME, "same members" + ("" if sorted(a) == sorted(b) else " (aliases or spelling)"))

        def shown(keys) -> str:  # the members as folded, not as their keys (romanisation folded) read
            written = {ctx.names.key(x): ctx.names._plain(x) for x in (*a, *b)}
            return ", ".join(sorted(written.get(k, k) for k in keys))

        if ka < kb:
            return Relation(COMPATIBLE, f"subset; the longer list adds {shown(kb - ka)}")
        if kb < ka:
            return Relation(COMPATIBLE, f"subset; the longer list adds {shown(ka - kb)}")
        return Relation(DIFFERENT, f"members differ: {shown(ka ^ kb)}")
