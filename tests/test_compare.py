"""Grouping and statuses: the seed set's findings, and the rules behind them on small sets."""

import pytest

from claimcheck.compare import compare_claim_set
from claimcheck.claimset.load import load_claim_set

from conftest import CLAIMS


@pytest.fixture(scope="module")
def seed():
    return {g.topic.name: g for g in compare_claim_set(load_claim_set(CLAIMS)).groups}


def test_seed_core_conflicts(seed):
    assert seed["afghan_delegation.leader"].status == "conflict"
    assert seed["pakistan_delegation.size"].status == "conflict"
    assert seed["ceasefire.initial_date"].status == "conflict"
    assert seed["talks.outcome"].status in ("conflict", "partial")


def test_seed_leader_values_and_hint(seed):
    g = seed["afghan_delegation.leader"]
    assert [(c.display, c.sources) for c in g.clusters] == [("Haji Najib", ("000-fa57",)),
                                                             ("Rahmatullah Mujib", ("001-71e8",))]
    (pair,) = g.pairs
    assert "'najib' ~ 'mujib' 0.60" in pair.relation.reason


def test_seed_delegation_size(seed):
    g = seed["pakistan_delegation.size"]
    assert {c.display: c.sources for c in g.clusters} == {"2": ("000-fa57",), "7": ("001-71e8",)}


def test_seed_ceasefire_self_contradiction(seed):
    g = seed["ceasefire.initial_date"]
    assert g.self_contradictions == ("003-bbce",)
    assert sorted(c.display for c in g.clusters) == ["2025-10-15", "2025-10-16"]


def test_seed_doha_date_day_inside_range_is_partial(seed):
    assert seed["ceasefire.doha_date"].status == "partial"


def test_seed_open_war_quote_is_drift_not_conflict(seed):
    g = seed["asif.open_war_quote"]
    assert g.status == "partial" and g.drift
    assert len(g.clusters) == 5


def test_seed_mediators_alias_merges_turkiye(seed):
    g = seed["doha_talks.mediators"]
    assert g.status == "agree"
    assert g.clusters[0].sources == ("000-fa57", "001-71e8", "003-bbce")
    assert "aliases" in g.clusters[0].merged[0]


def test_seed_outcome_timeline(seed):
    g = seed["talks.outcome"]
    dates = [str(t.as_of) for t in g.timeline]
    assert dates == sorted(dates) and dates[0] == "2025-10-25" and dates[-1] == "2025-10-27"
    # no pair across dates is reported as a disagreement
    shown = {(g.clusters[p.a].display, g.clusters[p.b].display) for p in g.pairs}
    assert ("in_progress", "deadlock") not in shown


ARTICLE = "The talks began. Later the talks hit a deadlock. Officials said no deal. Asif said: we will fight. Asif said: it means war."


def source(sid, claims, published="2025-10-25"):
    body = "\n".join(
        f"  - topic: {t}\n    value: {v}\n    quote: \"{q}\"" + (f"\n    attributed_to: {a}" if a else "")
        + (f"\n    as_of: {d}" if d else "")
        for t, v, q, a, d in claims)
    return f"id: {sid}\noutlet: {sid} news\npublished: {published}\ntext: ../articles/a.txt\nclaims:\n{body}\n"


def statuses(scratch, sources):
    scratch.article("a.txt", ARTICLE)
    for sid, claims in sources.items():
        scratch.source(f"{sid}.yaml", source(sid, claims))
    return {g.topic.name: g for g in compare_claim_set(load_claim_set(scratch.claims)).groups}


def test_changing_fact_on_different_dates_is_a_timeline_not_a_conflict(scratch):
    g = statuses(scratch, {
        "a": [("talks.outcome", "in_progress", "The talks began", None, "2025-10-25")],
        "b": [("talks.outcome", "deadlock", "the talks hit a deadlock", None, "2025-10-27")],
    })["talks.outcome"]
    assert g.status == "agree" and len(g.timeline) == 2 and not g.pairs


def test_changing_fact_on_the_same_date_conflicts(scratch):
    g = statuses(scratch, {
        "a": [("talks.outcome", "in_progress", "The talks began", None, "2025-10-27")],
        "b": [("talks.outcome", "deadlock", "the talks hit a deadlock", None, "2025-10-27")],
    })["talks.outcome"]
    assert g.status == "conflict"


def test_different_speakers_in_different_words_conflict(scratch):
    g = statuses(scratch, {
        "a": [("asif.open_war_quote", "we will fight", "Asif said: we will fight", "Khawaja Asif", None)],
        "b": [("asif.open_war_quote", "it means war", "Asif said: it means war", "Someone Else", None)],
    })["asif.open_war_quote"]
    assert g.status == "conflict" and not g.drift


def test_single_source(scratch):
    g = statuses(scratch, {"a": [("talks.outcome", "deadlock", "the talks hit a deadlock", None, None)]})["talks.outcome"]
    assert g.status == "single"


def test_codebook_can_declare_two_names_distinct(scratch):
    scratch.codebook("")
    text = (scratch.claims / "topics.yaml").read_text().replace(
        "distinct: []", "distinct:\n  - [Ibraheem Bahiss, Ibrahim Bahiss]")
    (scratch.claims / "topics.yaml").write_text(text)
    scratch.article("a.txt", "Ibraheem Bahiss led. Ibrahim Bahiss led.")
    scratch.source("a.yaml", source("a", [("afghan_delegation.leader", "Ibraheem Bahiss", "Ibraheem Bahiss led", None, None)]))
    scratch.source("b.yaml", source("b", [("afghan_delegation.leader", "Ibrahim Bahiss", "Ibrahim Bahiss led", None, None)]))
    g = compare_claim_set(load_claim_set(scratch.claims)).groups[0]
    assert g.status == "conflict"
    assert g.pairs[0].relation.reason == "declared different people in the codebook"


def test_romanisation_variants_merge_and_say_why(scratch):
    scratch.article("a.txt", "Ibraheem Bahiss led. Ibrahim Bahiss led.")
    scratch.source("a.yaml", source("a", [("afghan_delegation.leader", "Ibraheem Bahiss", "Ibraheem Bahiss led", None, None)]))
    scratch.source("b.yaml", source("b", [("afghan_delegation.leader", "Ibrahim Bahiss", "Ibrahim Bahiss led", None, None)]))
    (g,) = compare_claim_set(load_claim_set(scratch.claims)).groups
    assert g.status == "agree"
    assert "same name in another romanisation: Ibraheem / Ibrahim" in g.clusters[0].merged[0]


def test_cluster_sources_are_the_sources_of_its_claims_in_order(tmp_path):
    # compare_topic fills ValueCluster.sources from its own lists; it must be what the property gives.
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    comparison = compare_claim_set(load_claim_set(generate(tmp_path / "set", sources=60, claims_per_source=20, seed=4)))
    clusters = [cl for g in comparison.groups for cl in g.clusters]
    assert len(clusters) > 50
    for cl in clusters:
        assert cl.sources == tuple(dict.fromkeys(c.source_id for c in cl.claims))
    for g in comparison.groups:  # clusters by how many sources hold them, most first
        assert [len(cl.sources) for cl in g.clusters] == sorted((len(cl.sources) for cl in g.clusters), reverse=True)
