"""jsonout.indented writes json.dumps(..., ensure_ascii=False, indent=2)'s text, byte for byte
(NaN and the infinities, which JSON cannot hold, as null; a number under 0.0001 perhaps in another form)."""

from __future__ import annotations

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.output.jsonout import indented

FLOATS = st.floats(allow_nan=False, allow_infinity=False)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), FLOATS.filter(lambda x: x == 0 or abs(x) >= 1e-4),
                    st.text(max_size=8))
DOCS = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                                     st.dictionaries(st.text(max_size=4), inner, max_size=4)),
                    max_leaves=30)


@settings(max_examples=2000, deadline=None)
@given(DOCS)
def test_the_same_text_as_json_dumps(doc):
    assert indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_what_orjson_refuses_json_dumps_writes():
    from enum import Enum

    class Colour(str, Enum):
        red = "red"

    for doc in ({1: "a", "b": [2]}, [Colour.red], {"x": {2: None}}, [10 ** 30, -(10 ** 25)], ["\ud800 lone"],
                [[[[[]]]]] * 2, _nested(300)):
        assert indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


@settings(max_examples=500, deadline=None)
@given(st.lists(FLOATS, max_size=5))
def test_every_float_reads_back_as_itself(xs):
    assert json.loads(indented(xs)) == xs


def test_a_number_under_a_ten_thousandth_may_be_written_another_way():
    assert indented([5e-8, 1.5e-05, 1e-4, 1e16]) == "[\n  5e-8,\n  0.000015,\n  0.0001,\n  1e+16\n]"


def test_nan_and_infinities_are_null():
    assert indented([math.nan, math.inf, -math.inf, 1.5]) == "[\n  null,\n  null,\n  null,\n  1.5\n]"


def test_dates_and_dataclasses_are_refused_as_json_dumps_refuses_them():
    import dataclasses
    import datetime as dt

    import pytest

    @dataclasses.dataclass
    class Point:
        x: int

    for doc in ({"d": dt.date(2025, 10, 25)}, [Point(1)]):
        with pytest.raises(TypeError):
            indented(doc)


def test_a_conflicts_document():
    from claimcheck.claimset.load import load_claim_set
    from claimcheck.compare import compare_claim_set
    from claimcheck.output.document import conflicts_doc

    from conftest import CLAIMS

    doc = conflicts_doc(compare_claim_set(load_claim_set(CLAIMS)))
    assert indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def _nested(depth: int):
    doc: list = []
    for _ in range(depth):
        doc = [doc]
    return doc
