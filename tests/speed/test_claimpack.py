"""Claims as JSON columns come back equal, field by field, as the objects pickle would rebuild; anything else is refused."""

from __future__ import annotations

import pickle
import sys

import pytest

from claimcheck.speed import claimpack
from claimcheck.claimset.load import load_claim_set
from claimcheck.model import Claim, Where

from conftest import CLAIMS, ROOT


def test_the_bundled_claims_come_back_equal():
    claims = list(load_claim_set(CLAIMS).claims)
    back = claimpack.loads(claimpack.dumps(claims))
    assert back == claims
    assert [vars(c) for c in back] == [vars(c) for c in claims]  # every field, in the same order
    assert all(type(c) is Claim and type(c.where) is Where for c in back)
    assert back == pickle.loads(pickle.dumps(claims))


def test_a_generated_set_with_every_value_type_comes_back_equal(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    claims = list(load_claim_set(generate(tmp_path / "set", sources=30, claims_per_source=20, seed=5)).claims)
    back = claimpack.loads(claimpack.dumps(claims))
    assert back == claims and {type(c.value).__name__ for c in back} >= {"str", "tuple", "Quantity", "DateSpan"}
    # values shared by claims stay shared, as pickle keeps them
    assert len({id(c.value) for c in back}) <= len({id(c.value) for c in claims})
    assert hash(back[0].where) == hash(claims[0].where)  # frozen dataclasses: hashable as before


def test_a_bound_keeps_its_open_end():
    """'more than 200' excludes 200, 'at least 200' does not: a cached set must relate them as a fresh one does."""
    from claimcheck.values import TYPES

    number = TYPES["number"]
    values = [number.parse(t, None) for t in ("more than 200", "at least 200", "fewer than 10", "up to 36", "10-12", "7")]
    claims = [Claim(id=f"c{i}", source_id="s", topic="t.count", value=v, raw_value=str(i), quote="q", attributed_to="s")
              for i, v in enumerate(values)]
    back = claimpack.loads(claimpack.dumps(claims))
    assert [c.value for c in back] == values
    assert [(c.value.low_open, c.value.high_open) for c in back] == [(True, False), (False, False), (False, True),
                                                                     (False, False), (False, False), (False, False)]
    exact = number.parse("200", None)
    assert number.relate(back[0].value, exact, None).kind == "different"  # as before the round trip


def test_no_claims():
    assert claimpack.loads(claimpack.dumps([])) == []


@pytest.mark.parametrize("damage", ["format", "short", "fields", "a number for a quote", "an index past the table",
                                    "an unknown value tag", "a class name", "not json"])
def test_anything_else_is_refused(damage):
    import json

    claims = list(load_claim_set(CLAIMS).claims)[:3]
    doc = json.loads(claimpack.dumps(claims))
    cols = doc["columns"]
    if damage == "format":
        doc["format"] = "claims-columns-0"
    elif damage == "short":
        cols["quote"][-1] = cols["quote"][-1][:2]
    elif damage == "fields":
        del cols["quote"]
    elif damage == "a number for a quote":
        cols["quote"] = [0, [1, 2, 3]]
    elif damage == "an index past the table":
        cols["topic"] = [1, ["x"], [0, 0, 5]]
    elif damage == "an unknown value tag":
        cols["value"] = [1, [[9, "x"]], [0, 0, 0]]
    elif damage == "a class name":
        cols["value"] = [1, [{"py/object": "os.system"}], [0, 0, 0]]
    data = b"\x80\x04not json" if damage == "not json" else json.dumps(doc).encode()
    with pytest.raises(ValueError):
        claimpack.loads(data)


#: A value of every built-in type as a claim file writes it: each must survive the cache, or a claim
#: set using that type is never cached (its entry cannot be written) and every run reads it afresh.
EXAMPLES = {"date": "2025-10-19", "label": "charged", "list": ["Qatar", "Turkey"], "number": "more than 200",
            "person": "Laure Beccuau", "text": "open war", "time": "around 12:50 pm UTC"}


def test_a_value_of_every_built_in_type_comes_back_equal():
    from claimcheck.speed import codec
    from claimcheck.values import TYPES

    assert set(EXAMPLES) == set(TYPES)  # a new type needs an example here, and a way into the cache
    from types import SimpleNamespace

    ctx = SimpleNamespace(topic=SimpleNamespace(labels={"charged": "Charged with a crime."}))
    for name, raw in EXAMPLES.items():
        value = TYPES[name].parse(raw, ctx)
        back = codec.value_in(codec.value_out(value))
        assert back == value and type(back) is type(value), name


def test_a_claim_set_with_a_time_topic_is_cached(tmp_path):
    from claimcheck import api

    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "topics.yaml").write_text("topics:\n  quake.time:\n    type: time\n    description: When it struck.\n")
    for i in range(api.CACHE_MIN_FILES):
        (claims / f"s{i:03d}.yaml").write_text(f'id: s{i:03d}\noutlet: Outlet {i}\nclaims:\n  - topic: quake.time\n'
                                               f'    value: "12:50 pm"\n    quote: "It struck at 12:50 pm."\n')
    first = api.load_claim_set(claims, cache=tmp_path / "cache", ground_quotes=False)
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".entry"]
    again = api.load_claim_set(claims, cache=tmp_path / "cache", ground_quotes=False)
    assert again.claims == first.claims and api.last_entry is not None
