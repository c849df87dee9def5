"""A learned cue several topics share is trusted as it is specific among the topics the sentence
speaks of; a level's subject ("the death toll ... has risen to") is learned however far it stands
from the value; a number before a colon ends a clause, no time of day; a day attached to the noun
naming one date topic's event is that topic's day.

The claim sets are made-up floods in three regions; their sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

from claimcheck.check.mentions import find_numbers

REGIONS = """\
topics:
  north.deaths:
    type: number
    unit: people
    description: How many people the floods killed in Northland.
    subject: [Northland]
  south.deaths:
    type: number
    unit: people
    description: How many people the floods killed in Southland.
    subject: [Southland]
  east.deaths:
    type: number
    unit: people
    description: How many people the floods killed in Eastland.
    subject: [Eastland]
"""

REGION_SOURCES = {
    "a": ("2026-03-02", "Floods killed 12 people in Northland. In Southland floods killed 5 people. Floods killed 3 people in Eastland."),
    "b": ("2026-03-03", "In Northland the floods have killed 14 people. Floods killed 6 people in Southland. In Eastland floods killed 4 people."),
}
REGION_CLAIMS = {
    "a": [("north.deaths", 12, "Floods killed 12 people in Northland."),
          ("south.deaths", 5, "In Southland floods killed 5 people."),
          ("east.deaths", 3, "Floods killed 3 people in Eastland.")],
    "b": [("north.deaths", 14, "In Northland the floods have killed 14 people."),
          ("south.deaths", 6, "Floods killed 6 people in Southland."),
          ("east.deaths", 4, "In Eastland floods killed 4 people.")],
}


@pytest.fixture(scope="module")
def regions(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("regions"), REGIONS, REGION_SOURCES, REGION_CLAIMS)


def findings(ex, text):
    return [(f.topic, f.display, f.confidence, f.how) for f in ex.extract(text).findings]


def test_a_shared_cue_keeps_where_it_came_from(regions):
    (killed,) = [c for c in regions.evidence["north.deaths"].cues if c.lemmas == ("kill",)]
    assert (killed.support, killed.specificity) == (2, 0.222)  # three regions' tolls say "killed": too shared to trust
    assert killed.shares == (("north.deaths", 2, (2,)), ("east.deaths", 2, (2,)), ("south.deaths", 2, (2,)))
    assert killed.specificity_without(("east.deaths", "south.deaths")) == 1.0
    assert killed.specificity_without(("east.deaths",)) == 0.5


def test_a_shared_cue_is_the_named_topics_own(regions):
    assert findings(regions, "Heavy rain killed 30 people in Northland on Monday.") == [
        ("north.deaths", "30", 0.855, "number as written '30', 0 words from the cue 'killed' (learned from 2 curated "
                                      "quotes and the topic's description; shared with east.deaths, south.deaths, whose "
                                      "subjects are not named here)")]
    # Another region named two clauses away does not share it.
    assert asserted(regions, "Floods killed 30 people in Northland on Monday, and on Tuesday, officials in Southland said, "
                             "the rain stopped.") == {("north.deaths", "30")}


def test_a_shared_cue_stays_shared_among_the_named_topics(regions):
    (f,) = findings(regions, "Storms killed 30 people in Northland and Southland.")
    assert f[3].endswith("(learned from 2 curated quotes and the topic's description; shared with east.deaths, whose subject is not named here)")
    assert f[:3] == ("north.deaths", "30", 0.727)  # two of the three named: half as specific
    assert findings(regions, "Storms killed 30 people in Northland, Southland and Eastland.") == []  # all three: untrusted
    assert findings(regions, "Storms killed 30 people.") == []  # none named: no topic's


def test_a_cue_mostly_another_topics_is_not_taken_from_it(tmp_path):
    codebook = REGIONS + """\
  dam.missing:
    type: number
    unit: people
    description: How many people are missing at the dam.
    subject: [dam]
"""
    dam = [f"At the dam {n} people are missing." for n in (20, 22, 25, 27, 30)]
    north = ["In Northland, 9 people missing.", "In Northland, 11 missing."]
    sources = {**REGION_SOURCES, "c": ("2026-03-04", " ".join(dam + north))}
    claims = {**REGION_CLAIMS, "c": [("dam.missing", int(q.split()[3]), q) for q in dam]
                                    + [("north.deaths", int(q.split()[2].strip(",")), q) for q in north]}
    ex = extractor_for(tmp_path, codebook, sources, claims)
    (missing,) = [c for c in ex.evidence["north.deaths"].cues if c.lemmas == ("miss",)]
    assert missing.shares == (("north.deaths", 2, (2,)), ("dam.missing", 5, (5,)))
    # More than twice as often the dam's: the dam, though unnamed, keeps it ("40 people are missing" is the dam's count).
    assert findings(ex, "In Northland, 40 people are still missing.") == []


LEVEL = """\
topics:
  flood.deaths:
    type: number
    unit: people
    description: How many people the floods killed.
    subject: [flood, floods]
"""


@pytest.fixture(scope="module")
def level(tmp_path_factory):
    sources = {"a": ("2026-03-02", "The death toll from the floods in the northern valley has risen to 12."),
               "b": ("2026-03-03", "The confirmed death toll from last week's floods has climbed to 19.")}
    claims = {"a": [("flood.deaths", 12, "The death toll from the floods in the northern valley has risen to 12.")],
              "b": [("flood.deaths", 19, "The confirmed death toll from last week's floods has climbed to 19.")]}
    return extractor_for(tmp_path_factory.mktemp("level"), LEVEL, sources, claims)


def test_what_stands_at_a_level_is_learned_however_far(level):
    cues = {c.lemmas: c.support for c in level.evidence["flood.deaths"].cues}
    assert cues[("toll",)] == 2  # the noun opening the clause, eight words before "12"
    assert ("northern",) not in cues
    assert cues[("death",)] == 2  # not beside the value, but the word the topic's name uses ("flood.deaths")
    assert findings(level, "The toll from the weekend's floods across the southern provinces has reached 31.") == [
        ("flood.deaths", "31", 0.64, "number as written '31', 3 words from the cue 'toll' (learned from 2 curated quotes); "
                                     "6 words from the nearest subject word")]


def test_a_number_before_a_colon_ends_a_clause(level):
    assert [m.text for m in find_numbers("Flood toll rises to 40: reports")] == ["40"]
    assert [m.text for m in find_numbers("As of 10:35 p.m. the party led")] == []  # a time of day
    assert asserted(level, "Flood toll rises to 40: reports") == {("flood.deaths", "40")}


EVENTS = """\
topics:
  flood.date:
    type: date
    description: The day the river flooded Riverton.
    subject: [flood, storm, Riverton]
  vote.date:
    type: date
    description: The day the town voted on the new dam.
    subject: [vote, referendum, storm]
"""


@pytest.fixture(scope="module")
def events(tmp_path_factory):
    sources = {"a": ("2026-03-10", "The river flooded Riverton on March 1, 2026.")}
    claims = {"a": [("flood.date", "2026-03-01", "The river flooded Riverton on March 1, 2026.")]}
    return extractor_for(tmp_path_factory.mktemp("events"), EVENTS, sources, claims)


def dated(ex, sentence):
    return [(f.topic, f.display, f.confidence, f.how) for f in ex.extract("March 10, 2026\n" + sentence).findings]


def test_a_day_attached_to_the_event_only_one_date_topic_names_is_its_day(events):
    how = "date as written; year 2026 from the dateline 'March 10, 2026', 0 words from the cue 'vote' (the event only this topic dates)"
    assert dated(events, "Residents remember the March 3 vote well.") == [("vote.date", "2026-03-03", 0.72, how)]
    assert dated(events, "The vote on March 3 drew crowds.") == [("vote.date", "2026-03-03", 0.72, how)]
    assert dated(events, "The storm on March 5 was the worst.") == []  # both topics' subject: neither's event
    assert dated(events, "Riverton on March 6 was quiet.") == []  # a place, not an event
    assert dated(events, "The vote was held on March 7.") == []  # not attached: the verb says what the day is


RIOTS = """\
topics:
  riot.deaths:
    type: number
    unit: people
    description: How many people died in the riots.
    subject: [people, died, deaths]
    cues: [died, dead]
  riot.arrests:
    type: number
    unit: people
    description: How many people were arrested in Riverton during the riots.
    subject: [arrests, arrested, Riverton]
    cues: [arrests, arrested]
"""


@pytest.fixture(scope="module")
def riots(tmp_path_factory):
    # Nothing parts the two counts of a quote, so "died" is learned for the arrests too.
    both = ("After three people died police made 40 arrests in Riverton overnight.", "After four people died police made 52 arrests in Riverton.")
    sources = {"a": ("2026-03-02", both[0]), "b": ("2026-03-03", both[1])}
    claims = {"a": [("riot.deaths", 3, both[0]), ("riot.arrests", 40, both[0])],
              "b": [("riot.deaths", 4, both[1]), ("riot.arrests", 52, both[1])]}
    return extractor_for(tmp_path_factory.mktemp("riots"), RIOTS, sources, claims)


def test_a_shared_word_left_untrusted_takes_no_other_topics_cue(riots):
    ex = riots
    assert any(c.lemmas == ("die",) and c.aside for c in ex.rules["riot.arrests"].cues)  # "died", learned for the arrests too
    # Beside the deaths' own subject that shared "died" is not trusted for the arrests, so it leaves the deaths' cue alone.
    assert findings(ex, "Two people died and officers reported 61 arrests across Riverton.") == [
        ("riot.deaths", "2", 0.812, "number as written 'Two', 1 word from the cue 'died'"),
        ("riot.arrests", "61", 0.855, "number as written '61', 0 words from the cue 'arrests'")]


def test_a_number_with_its_own_participle_after_the_cue_counts_what_that_says(riots):
    # "dead and 61 injured": the 61 are the injured, and no topic counts them; the deaths are the three.
    assert findings(riots, "On Sunday three people were reported dead and 61 injured in the riots.") == [
        ("riot.deaths", "3", 0.769, "number as written 'three', 2 words from the cue 'dead'")]


def test_words_for_one_outcome_read_as_the_cue_for_it(riots):
    # The deaths' cues are "died" and "dead": "lost their lives" and "killed" say the same outcome.
    assert findings(riots, "Officials said two people lost their lives in the riots.") == [
        ("riot.deaths", "2", 0.855, "number as written 'two', 1 word from the cue 'lost their lives (as dead)'")]
    assert findings(riots, "In all, five people were killed in the riots.") == [
        ("riot.deaths", "5", 0.855, "number as written 'five', 1 word from the cue 'killed (as dead)'")]
    assert findings(riots, "Officials said two people lost their jobs in the riots.") == []  # no life lost
