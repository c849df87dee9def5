"""One of a topic's declared labels, and the `label` type: declared-compatible labels partly agree."""

from __future__ import annotations

import difflib

from claimcheck.model import Relation
from claimcheck.values.base import COMPATIBLE, DIFFERENT, SAME, ValueError_, ValueType


class LabelType(ValueType):
    name = "label"
    help = 'one of `labels`'
    example = "a label from the topic's list"

    def parse(self, raw, ctx):
        labels = ctx.topic.labels
        if not isinstance(raw, str) or raw not in labels:
            near = difflib.get_close_matches(str(raw), list(labels), n=1)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise ValueError_(f"one of the labels {', '.join(labels)}{hint}")
        return raw

    def relate(self, a, b, ctx):
        if a == b:
            return Relation(SAME, "same label")
        if frozenset((a, b)) in ctx.topic.compatible:
            return Relation(COMPATIBLE, f"'{a}' and '{b}' are declared compatible in the codebook")
        return Relation(DIFFERENT, f"'{a}' and '{b}' are incompatible labels")
