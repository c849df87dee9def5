"""Property-based tests: the loader only ever fails with our own errors; comparison obeys its laws."""

import datetime as dt
import random

import yaml
from hypothesis import given
from hypothesis import strategies as st

from claimcheck.compare import compare_topic
from claimcheck.errors import ClaimcheckError, ValidationFailed
from claimcheck.claimset.load import load_claim_set, load_codebook
from claimcheck.model import Claim, Topic, Where
from claimcheck.values import TYPES, Context, Names
from claimcheck.claimset import yamlread

from conftest import CLAIMS

BOOK = load_codebook(CLAIMS / "topics.yaml")
NAMES = Names(BOOK)


@given(st.text(max_size=300))
def test_yaml_text_parses_or_raises_our_error(text):
    try:
        yamlread.parse(text, "x.yaml")
    except ClaimcheckError:
        pass


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                    st.dates())
documents = st.recursive(scalars, lambda kids: st.one_of(
    st.lists(kids, max_size=4), st.dictionaries(st.sampled_from(
        ["id", "outlet", "title", "published", "text", "claims", "topic", "value", "quote", "attributed_to", "x"]),
        kids, max_size=6)), max_leaves=20)


@given(documents)
def test_random_yaml_documents_load_or_raise_our_errors(tmp_path_factory, doc):
    root = tmp_path_factory.mktemp("set")
    claims = root / "claims"
    claims.mkdir()
    (claims / "topics.yaml").write_bytes((CLAIMS / "topics.yaml").read_bytes())
    (claims / "a.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        load_claim_set(claims)
    except (ClaimcheckError, ValidationFailed):
        pass


@given(st.binary(max_size=400))
def test_random_bytes_load_or_raise_our_errors(tmp_path_factory, data):
    root = tmp_path_factory.mktemp("set")
    claims = root / "claims"
    claims.mkdir()
    (claims / "topics.yaml").write_bytes((CLAIMS / "topics.yaml").read_bytes())
    (claims / "a.yaml").write_bytes(data)
    try:
        load_claim_set(claims)
    except (ClaimcheckError, ValidationFailed):
        pass


# ---------------------------------------------------------------- comparison laws

POOLS = {
    "afghan_delegation.leader": ["Haji Najib", "Najib", "Rahmatullah Mujib", "Rahmatullah Najib", "Anas Haqqani",
                                 "Haji Najeeb", "Maria Delgado", "Mario Delgado", "Vishwash Kumar Ramesh",
                                 "Vishwashkumar Ramesh", "Muammar Gaddafi", "Moammar Kadafi"],
    "pakistan_delegation.size": [2, 7, "seven", "dozens", "nearly 7", 30, "as many as 36", "up to 7", "more than 7",
                                 "at least 7", "three dozen", "10-12", "10 to 12", "fewer than 7", "about 36"],
    "ceasefire.doha_date": [dt.date(2025, 10, 19), "2025-10-18/2025-10-19", "2025-10-15", "2025-10"],
    "istanbul_talks.mediators": [["Turkey"], ["Türkiye", "Qatar"], ["Qatar", "Turkey"], ["Saudi Arabia"]],
    "talks.outcome": ["in_progress", "deadlock", "no_agreement", "agreement"],
    "asif.open_war_quote": ["If these talks fail, it will be an open war", "failure means open war"],
    "quake.time": ["13:39", "1:39 p.m.", "1.39 pm", "13:38", "around 2:00 p.m.", "shortly after 1:30 pm",
                   "13:39 UTC", "19:09 IST", "noon", "23:55", "00:05"],
}
#: Topics the bundled codebook lacks: a time of day.
EXTRA_TOPICS = {"quake.time": Topic("quake.time", "time", "When the quake struck.")}


def make_claims(topic, picks):
    t = EXTRA_TOPICS.get(topic) or BOOK.topics[topic]
    ctx = Context(t, NAMES)
    out = []
    for i, (source, value_index) in enumerate(picks):
        raw = POOLS[topic][value_index % len(POOLS[topic])]
        out.append(Claim(id=f"s{source}#{i}", source_id=f"s{source}", topic=topic, value=TYPES[t.type].parse(raw, ctx),
                         raw_value=raw, quote="q", attributed_to="Khawaja Asif", as_of=dt.date(2025, 10, 25),
                         where=Where("x")))
    return t, out


topics = st.sampled_from(sorted(POOLS))
picks = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 14)), min_size=1, max_size=8)


@given(topics, picks, st.randoms())
def test_status_does_not_depend_on_order(topic, chosen, rnd):
    t, claims = make_claims(topic, chosen)
    shuffled = claims[:]
    rnd.shuffle(shuffled)
    a, b = compare_topic(t, claims, NAMES), compare_topic(t, shuffled, NAMES)
    assert a.status == b.status
    assert a.self_contradictions == b.self_contradictions
    assert sorted(map(sorted, (c.sources for c in a.clusters))) == sorted(map(sorted, (c.sources for c in b.clusters)))


@given(topics, st.integers(0, 14))
def test_a_value_agrees_with_itself(topic, i):
    t, (claim,) = make_claims(topic, [(0, i)])
    ctx = Context(t, NAMES)
    assert TYPES[t.type].relate(claim.value, claim.value, ctx).kind == "same"


@given(topics, st.integers(0, 14), st.integers(0, 14))
def test_relations_are_symmetric(topic, i, j):
    t, (x, y) = make_claims(topic, [(0, i), (1, j)])
    ctx = Context(t, NAMES)
    vt = TYPES[t.type]
    assert vt.relate(x.value, y.value, ctx).kind == vt.relate(y.value, x.value, ctx).kind


@given(topics, st.integers(0, 14), st.integers(0, 14))
def test_values_of_one_key_are_the_same(topic, i, j):
    # compare.py buckets values by key before relating them: equal keys must never hide a difference
    t, (x, y) = make_claims(topic, [(0, i), (1, j)])
    ctx = Context(t, NAMES)
    vt = TYPES[t.type]
    if vt.key(x.value, ctx) == vt.key(y.value, ctx):
        assert vt.relate(x.value, y.value, ctx).kind == "same"


TOLL = Topic("quake.deaths", "number", "Deaths.", changes_over_time=True, direction="rising")
TOLLS = [144, 1002, 1644, 694, "at least 144", "more than 1000", "up to 2000"]
DATES = [None, dt.date(2025, 3, 28), dt.date(2025, 3, 29), dt.date(2025, 4, 1)]


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 6), st.integers(0, 3)), min_size=1, max_size=8), st.randoms())
def test_a_changing_fact_with_undated_claims_and_a_direction_does_not_depend_on_order(chosen, rnd):
    ctx = Context(TOLL, NAMES)
    claims = [Claim(id=f"s{s}#{i}", source_id=f"s{s}", topic=TOLL.name, value=TYPES["number"].parse(TOLLS[v], ctx),
                    raw_value=TOLLS[v], quote="q", attributed_to="x", as_of=DATES[d], where=Where("x"))
              for i, (s, v, d) in enumerate(chosen)]
    shuffled = claims[:]
    rnd.shuffle(shuffled)
    a, b = compare_topic(TOLL, claims, NAMES), compare_topic(TOLL, shuffled, NAMES)
    assert a.status == b.status
    assert a.self_contradictions == b.self_contradictions
    assert [(p.as_of, a.clusters[p.cluster].display) for p in a.timeline] == \
        [(p.as_of, b.clusters[p.cluster].display) for p in b.timeline]


@given(topics, picks, st.integers(0, 100))
def test_repeating_an_existing_value_never_turns_agree_into_conflict(topic, chosen, k):
    t, claims = make_claims(topic, chosen)
    before = compare_topic(t, claims, NAMES)
    if before.status != "agree":
        return
    copy = claims[k % len(claims)]
    extra = Claim(**{**copy.__dict__, "id": "new#1", "source_id": "new"})
    after = compare_topic(t, [*claims, extra], NAMES)
    assert after.status != "conflict"
