"""What `check` learns from curated quotes beyond the words right beside each value: whose words
they are when a quote holds two counts, words the topic's own description uses, and how far one
example goes against several.

The claim sets are made-up storms; their sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

TOLLS = """\
topics:
  storm.deaths:
    type: number
    unit: people
    description: How many people the storm killed.
  storm.injured:
    type: number
    unit: people
    description: How many people the storm injured.
"""

TOLL_SOURCES = {
    "a": ("2026-03-02", "Some 12 people were killed and 40 injured when the storm hit the coast."),
    "b": ("2026-03-03", "The storm left 15 people dead, while 52 were treated for injuries."),
}
TOLL_CLAIMS = {
    "a": [("storm.deaths", 12, "12 people were killed and 40 injured"),
          ("storm.injured", 40, "12 people were killed and 40 injured")],
    "b": [("storm.deaths", 15, "The storm left 15 people dead, while 52 were treated for injuries."),
          ("storm.injured", 52, "The storm left 15 people dead, while 52 were treated for injuries.")],
}


@pytest.fixture(scope="module")
def tolls(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("tolls"), TOLLS, TOLL_SOURCES, TOLL_CLAIMS)


def _cue(ex, topic, lemmas):
    return next((c for c in ex.evidence[topic].cues if c.lemmas == lemmas), None)


def test_the_words_of_the_count_before_a_join_are_not_the_next_counts(tolls):
    # "12 people were killed and 40 injured": 'killed' is the 12's; "15 people dead, while 52 were
    # treated": 'dead' is the 15's. The injured learn neither.
    assert _cue(tolls, "storm.injured", ("kill",)) is None and _cue(tolls, "storm.injured", ("dead",)) is None
    killed = _cue(tolls, "storm.deaths", ("kill",))
    assert (killed.support, killed.specificity) == (1, 1.0)
    assert asserted(tolls, "The storm killed 9 people on the island.") == {("storm.deaths", "9")}
    assert asserted(tolls, "Officials said 30 were injured on the island.") == {("storm.injured", "30")}


PROJECTION = """\
topics:
  storm.deaths:
    type: number
    unit: people
    description: How many people the storm killed.
  survey.projection:
    type: number
    unit: people
    description: The death toll the weather survey's models projected for the storm.
    subject: [survey]
"""

PROJECTION_SOURCES = {
    "a": ("2026-03-02", "The weather survey has projected that the final number of dead from the storm could exceed 300."),
    "b": ("2026-03-03", "The storm killed 45 people on the coast."),
}
PROJECTION_CLAIMS = {
    "a": [("survey.projection", "more than 300", "The weather survey has projected that the final number of dead from the storm could exceed 300.")],
    "b": [("storm.deaths", 45, "The storm killed 45 people on the coast.")],
}


@pytest.fixture(scope="module")
def projection(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("projection"), PROJECTION, PROJECTION_SOURCES, PROJECTION_CLAIMS)


def test_a_word_the_description_uses_is_learnt_anywhere_in_the_values_clause(projection):
    # 'projected' stands nine words from 300: too far to be learnt as a word beside it, but the
    # topic's description says "projected", so its quote teaches it.
    projected = _cue(projection, "survey.projection", ("project",))
    assert (projected.support, projected.described) == (1, True)
    assert _cue(projection, "survey.projection", ("final",)) is None  # no word of the description: too far
    (f,) = projection.extract("The survey projected that 2,000 could die.").findings
    assert (f.topic, f.display, f.confidence) == ("survey.projection", "2000", 0.727)


def test_a_described_cue_counts_one_more_example(tolls):
    # "killed" beside one curated toll, and the description's own word: read as if seen twice.
    (f,) = tolls.extract("The storm killed 9 people on the island.").findings
    assert (f.topic, f.display, f.confidence) == ("storm.deaths", "9", 0.765)
    assert f.how == "number as written '9', 0 words from the cue 'killed' (learned from 1 curated quote and the topic's description)"


REGION_TOLLS = """\
topics:
  north.deaths:
    type: number
    unit: people
    description: How many people the floods killed in Northland (the region's toll).
    subject: [Northland]
  south.deaths:
    type: number
    unit: people
    description: How many people the floods killed in Southland (the region's toll).
    subject: [Southland]
"""

REGION_TOLL_SOURCES = {
    "a": ("2026-03-02", "The toll in Southland rose to 5. The toll in Northland stood at 9."),
    "b": ("2026-03-03", "The toll in Southland rose to 7."),
    "c": ("2026-03-04", "The toll in Southland rose to 8."),
}
REGION_TOLL_CLAIMS = {
    "a": [("south.deaths", 5, "The toll in Southland rose to 5."), ("north.deaths", 9, "The toll in Northland stood at 9.")],
    "b": [("south.deaths", 7, "The toll in Southland rose to 7.")],
    "c": [("south.deaths", 8, "The toll in Southland rose to 8.")],
}


@pytest.fixture(scope="module")
def region_tolls(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("region_tolls"), REGION_TOLLS, REGION_TOLL_SOURCES, REGION_TOLL_CLAIMS)


def test_one_example_and_the_description_let_the_named_subject_decide(region_tolls):
    # Northland's toll was curated once, Southland's three times: alone, one example cannot tell whose
    # "toll" is; with the description's own word it can, where only Northland is named.
    toll = _cue(region_tolls, "north.deaths", ("toll",))
    assert (toll.support, toll.described, toll.shares[1][:2]) == (1, True, ("south.deaths", 3))
    assert toll.settable({"north.deaths": ("northland",), "south.deaths": ("southland",)}, "north.deaths") == ("south.deaths",)
    (f,) = region_tolls.extract("The toll in Northland has climbed to 30.").findings
    assert (f.topic, f.display, f.confidence) == ("north.deaths", "30", 0.689)
    assert asserted(region_tolls, "The toll in Southland has climbed to 30.") == {("south.deaths", "30")}
    assert asserted(region_tolls, "The toll has climbed to 30.") == set()  # neither named: whose, no one can say


def test_a_past_tense_spelt_like_a_noun_is_the_verb():
    from claimcheck.check.learn import lemma

    assert [lemma(w) for w in ("rose", "rising", "felt", "feels")] == ["rise", "rise", "feel", "feel"]


def test_the_toll_rose_as_it_was_rising(tmp_path):
    sources = {"a": ("2026-03-02", "After the storm, it kept rising to 12."), "b": ("2026-03-03", "After the storm, it was rising to 15.")}
    claims = {"a": [("storm.deaths", 12, "After the storm, it kept rising to 12.")],
              "b": [("storm.deaths", 15, "After the storm, it was rising to 15.")]}
    ex = extractor_for(tmp_path, TOLLS.replace("the storm killed.\n", "the storm killed.\n    subject: [storm]\n", 1), sources, claims)
    assert [c.lemmas for c in ex.evidence["storm.deaths"].cues if c.support == 2] == [("rise",), ("rise", "to")]
    assert asserted(ex, "After the storm, it rose to 40.") == {("storm.deaths", "40")}


COUNCIL = """\
topics:
  plan.outcome:
    type: label
    description: Whether the council voted the harbour plan through.
    subject: [council, plan]
    labels:
      passed:
        definition: The council approved the plan.
      blocked:
        definition: The council did not approve the plan, or has not voted on it yet.
"""


def test_a_word_another_labels_quotes_only_negate_is_this_labels(tmp_path):
    sources = {"a": ("2026-03-02", "On Monday the council approved the plan after a long debate."),
               "b": ("2026-03-03", "The council did not approve the plan on Monday."),
               "c": ("2026-03-04", "By Tuesday the council had still not approved the plan.")}
    claims = {"a": [("plan.outcome", "passed", "the council approved the plan after a long debate")],
              "b": [("plan.outcome", "blocked", "The council did not approve the plan on Monday.")],
              "c": [("plan.outcome", "blocked", "the council had still not approved the plan")]}
    ex = extractor_for(tmp_path, COUNCIL, sources, claims)
    cues = {(c.lemmas, c.label) for c in ex.evidence["plan.outcome"].cues if c.support}
    assert (("approve",), "passed") in cues and (("not", "approve"), "blocked") in cues
    assert asserted(ex, "The council approved the plan on Friday.") == {("plan.outcome", "passed")}
    assert asserted(ex, "The council did not approve the plan on Friday.") == {("plan.outcome", "blocked")}
