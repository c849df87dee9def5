"""fastjson.dumps_indented is json.dumps(..., ensure_ascii=False, indent=2), byte for byte."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.output.fastjson import dumps_indented

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=8))
DOCS = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                                     st.dictionaries(st.text(max_size=4), inner, max_size=4)),
                    max_leaves=30)


@settings(max_examples=2000, deadline=None)
@given(DOCS)
def test_the_same_text_as_json_dumps(doc):
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_what_it_does_not_handle_goes_to_json_dumps():
    from enum import Enum

    class Colour(str, Enum):
        red = "red"

    for doc in ({1: "a", "b": [2]}, [Colour.red], {"x": {2: None}}):
        assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_a_conflicts_document(run):
    from claimcheck.compare import compare_claim_set
    from claimcheck.output.document import conflicts_doc
    from claimcheck.claimset.load import load_claim_set

    from conftest import CLAIMS

    doc = conflicts_doc(compare_claim_set(load_claim_set(CLAIMS)))
    assert dumps_indented(doc) == json.dumps(doc, ensure_ascii=False, indent=2)
