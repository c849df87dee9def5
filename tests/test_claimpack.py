"""Claims pickled as columns come back equal, field by field, as the objects pickle would rebuild."""

from __future__ import annotations

import pickle
import sys

import pytest

from claimcheck import claimpack
from claimcheck.load import load_claim_set
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


def test_no_claims():
    assert claimpack.loads(claimpack.dumps([])) == []


@pytest.mark.parametrize("damage", ["format", "short", "fields"])
def test_anything_else_is_refused(damage):
    claims = list(load_claim_set(CLAIMS).claims)[:3]
    fmt, n, columns, wheres = pickle.loads(claimpack.dumps(claims))
    if damage == "format":
        fmt = "claims-columns-0"
    elif damage == "short":
        columns[4] = columns[4][:2]
    else:
        columns = columns[:-1]
    with pytest.raises(ValueError):
        claimpack.loads(pickle.dumps((fmt, n, columns, wheres)))
