"""What a number counts: the reading rules that bind a value to the noun it counts and to the words
framing it (an age, a time before, a distance, a negation, a forecast, a fraction's topic), and what
a list topic leaves out.

The claim set is a made-up river flood; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

from claimcheck.check.mentions import find_numbers

CODEBOOK = """\
topics:
  river.level:
    type: number
    unit: metres
    description: The height in metres the river crested at.
    subject: [river, river level]
    cues: [crested at, level, reached]
  flood.deaths:
    type: number
    unit: people
    description: How many people the flood killed.
    subject: [flood]
    cues: [killed, dead, deaths]
  flood.evacuated:
    type: number
    unit: people
    description: How many people were evacuated from their homes.
    subject: [flood, residents, rescuers]
    cues: [evacuated]
  towns.flooded:
    type: list
    description: The towns other than Riverton that the flood reached.
    subject: [flood, water]
    cues: [flood reached, water reached]
"""

SOURCES = {
    "a": ("2026-03-02", "The river crested at 6.2 metres. The flood killed 31 people. Rescuers evacuated 2,900 people."),
    "b": ("2026-03-03", "The river level crested at 5.8 metres. The flood reached Millbrook and Ashford."),
}
CLAIMS = {
    "a": [("river.level", "6.2", "The river crested at 6.2 metres"),
          ("flood.deaths", "31", "The flood killed 31 people"),
          ("flood.evacuated", "2900", "Rescuers evacuated 2,900 people")],
    "b": [("river.level", "5.8", "The river level crested at 5.8 metres"),
          ("towns.flooded", ["Millbrook", "Ashford"], "The flood reached Millbrook and Ashford")],
}


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("flood"), CODEBOOK, SOURCES, CLAIMS)


def possible(ex, text) -> dict[tuple[str, str], str]:
    return {(f.topic, f.display): f.how for f in ex.extract(text).findings if f.confidence < 0.6}


def test_a_topic_the_sources_give_as_fractions_takes_no_whole_number(flood):
    assert ("river.level", "7") not in asserted(flood, "The river level reached 7 before dawn.")
    assert ("river.level", "7.1") in asserted(flood, "The river level reached 7.1 before dawn.")


def test_an_age_a_time_before_and_a_distance_are_no_counts(flood):
    got = asserted(flood, "The 55-year-old mayor said the flood killed 31 people.")
    assert ("flood.deaths", "31") in got and ("flood.deaths", "55") not in got
    assert ("flood.deaths", "2") not in asserted(flood, "The flood killed a man two years ago.")
    assert ("flood.evacuated", "12") not in asserted(flood, "Rescuers evacuated homes 12 miles from the flood.")
    # a topic counted in that unit still takes it
    assert ("river.level", "6.5") in asserted(flood, "The river crested at 6.5 metres.")


def test_a_negated_count_is_no_count(flood):
    assert ("flood.evacuated", "300") not in asserted(flood, "Rescuers have not evacuated the remaining 300 residents.")
    # a new statement after the negation is stated again
    got = asserted(flood, "Rescuers did not sleep, and evacuated 300 residents.")
    assert ("flood.evacuated", "300") in got


def test_a_forecast_after_the_number_is_possible(flood):
    text = "Dozens could be killed in the flood, officials warned."
    assert ("flood.deaths", "dozens") not in asserted(flood, text)
    assert "a forecast ('could')" in possible(flood, text)[("flood.deaths", "dozens")]


def test_a_cue_right_after_a_number_is_that_number_s(flood):
    got = asserted(flood, "In the flood, 2,900 were evacuated and 31 missing.")
    assert ("flood.evacuated", "2900") in got and ("flood.evacuated", "31") not in got


def test_a_pipe_parts_a_headline_from_the_page(flood):
    got = asserted(flood, "Flood: 31 killed | 10 things to know")
    assert ("flood.deaths", "31") in got and ("flood.deaths", "10") not in got


def test_a_list_leaves_out_what_its_topic_leaves_out_and_reads_and_even(flood):
    got = asserted(flood, "The flood reached Riverton, Millbrook and even parts of Ashford.")
    assert ("towns.flooded", "Millbrook, Ashford") in got


def test_a_currency_sign_says_what_is_counted():
    (n,) = find_numbers("the $102 million jewel heist")
    assert n.unit == "dollars" and n.value.low == 102_000_000


@pytest.mark.parametrize("text, value, unit", [
    ("The firm agreed to pay $32bn for the start-up.", 32e9, "dollars"),
    ("a break fee of more than €3.2bn", 3.2e9, "euros"),
    ("It raised £5.4m last year.", 5.4e6, "pounds"),
    ("a $10k bonus", 1e4, "dollars"),
    ("The fund holds 2bn shares.", 2e9, "shares"),
])
def test_a_scale_written_short_on_the_number_is_part_of_it(text, value, unit):
    (n,) = find_numbers(text)
    assert (n.value.low, n.unit) == (value, unit)


@pytest.mark.parametrize("text", ["A majority of two thirds, 2/3 of the members, was needed.", "The clinic is open 24/7.",
                                  "On 10/19 the shop was closed."])
def test_digits_joined_by_a_slash_are_no_count(text):
    assert [n.text for n in find_numbers(text) if n.text[:1].isdigit()] == []


@pytest.mark.parametrize("text", ["She ran the 10k in an hour.", "The wall is 5m high.", "He swam 400m."])
def test_m_and_k_without_a_currency_sign_are_no_scale(text):
    assert find_numbers(text) == []


def test_a_predicate_with_its_counted_noun_between_is_that_number_s(flood):
    got = asserted(flood, "In the flood, 31 people dead were reported at three farms.")
    assert ("flood.deaths", "31") in got and ("flood.deaths", "3") not in got
    # a verb right before a number takes it as its object, whoever did it
    assert ("flood.evacuated", "40") in asserted(flood, "In the flood, four rescuers evacuated 40 residents.")


CREW_CODEBOOK = """\
topics:
  crew.size:
    type: number
    unit: people
    description: How many rescuers the crew had.
    subject: [crew, rescuers, men]
    cues: [rescuers, men]
  crew.injured:
    type: number
    unit: people
    description: How many rescuers were injured.
    subject: [crew, rescuers, men]
    cues: [injured, hurt]
"""


@pytest.fixture(scope="module")
def crew(tmp_path_factory):
    sources = {"a": ("2026-03-02", "A crew of 12 rescuers went out. Three rescuers were injured.")}
    claims = {"a": [("crew.size", "12", "A crew of 12 rescuers"), ("crew.injured", "3", "Three rescuers were injured")]}
    return extractor_for(tmp_path_factory.mktemp("crew"), CREW_CODEBOOK, sources, claims)


def test_who_is_counted_gives_way_to_what_happened_to_them(crew):
    assert asserted(crew, "Two men injured in the flood were taken to hospital.") == {("crew.injured", "2")}
    assert asserted(crew, "The two men, hurt in the flood, were taken to hospital.") == {("crew.injured", "2")}
    assert asserted(crew, "Twelve men joined the crew.") == {("crew.size", "12")}


def test_a_bound_is_the_value_of_a_topic_whose_curators_write_it_so(tmp_path):
    codebook = """\
topics:
  quorum.size:
    type: number
    unit: members
    description: How many members the council needs to vote.
    subject: [quorum]
    cues: [quorum of]
  flood.deaths:
    type: number
    unit: people
    description: How many people the flood killed.
    subject: [flood]
    cues: [killed]
"""
    sources = {"a": ("2026-03-02", "A quorum of at least 40 members is needed. The flood killed at least 31 people."),
               "b": ("2026-03-03", "The flood killed at least 20 people.")}
    claims = {"a": [("quorum.size", 40, "A quorum of at least 40 members is needed."),
                    ("flood.deaths", "at least 31", "The flood killed at least 31 people.")],
              "b": [("flood.deaths", 20, "The flood killed at least 20 people.")]}
    ex = extractor_for(tmp_path, codebook, sources, claims)
    (f,) = [f for f in ex.extract("The council set a quorum of at least 45 members.").findings if f.topic == "quorum.size"]
    assert (f.display, f.confidence) == ("45", 0.9)
    assert f.how == ("number as written 'at least 45' ('at least 45' of a topic whose curated claims write at least N as N "
                     "(1 quote) is 45), 0 words from the cue 'quorum of'")
    # A topic whose curators keep a bound as a bound keeps it (though one of them wrote "at least 20" as 20).
    assert asserted(ex, "The flood killed at least 40 people.") == {("flood.deaths", "at least 40")}


def test_the_whole_of_a_partitive_belongs_to_its_owner_and_the_part_does_not(tmp_path):
    codebook = """\
topics:
  council.seats:
    type: number
    unit: seats
    description: How many seats the City Council has.
    subject: [City Council, council]
    cues: [win, seats]
  greens.seats:
    type: number
    unit: seats
    description: How many seats the Greens won.
    subject: [Greens]
    cues: [districts]
"""
    sources = {"a": ("2026-03-02", "The Greens won 20 districts. The council has 51 seats.")}
    claims = {"a": [("greens.seats", 20, "The Greens won 20 districts."), ("council.seats", 51, "The council has 51 seats.")]}
    ex = extractor_for(tmp_path, codebook, sources, claims)
    # 51 is the Council's (so no count of the Greens'), 26 a part of it (so not the Council's size).
    assert asserted(ex, "The Greens needed to win 26 of the City Council's 51 districts.") == set()
    assert asserted(ex, "The Greens needed 26 of the City Council's 51 seats.") == {("council.seats", "51")}


def test_a_value_in_parentheses_glossing_the_one_before_stands_where_that_one_does(tmp_path):
    codebook = """\
topics:
  damage.eur:
    type: number
    unit: euros
    description: The damage the flood did, in euros.
    subject: [damage, flood]
    cues: [worth, estimated at]
  damage.usd:
    type: number
    unit: US dollars
    description: The damage the flood did, in US dollars.
    subject: [damage, flood]
    cues: [worth, estimated at]
"""
    quote = "The flood damage is estimated at 30 million euros."
    ex = extractor_for(tmp_path, codebook, {"a": ("2026-03-02", quote)}, {"a": [("damage.eur", 30_000_000, quote)]})
    found = {f.topic: (f.display, f.how) for f in ex.extract(
        "Insurers said the flood damage, estimated at €40 million ($43.5 million), would take years to repair.").findings}
    assert found["damage.usd"] == ("43500000", "number as written '$43.5 million', 0 words from the cue 'estimated at'")
    assert found["damage.eur"] == ("40000000", "number as written '€40 million', 0 words from the cue 'estimated at'")


def test_a_superlative_cue_is_no_plain_word(tmp_path):
    from claimcheck.check.mentions import degree
    assert (degree("biggest", "big"), degree("bigger", "big"), degree("big", "big"), degree("forest", "forest")) == ("most", "more", "", "")
    codebook = """\
topics:
  stadium.record_crowd:
    type: number
    unit: fans
    description: The biggest crowd the stadium has held.
    subject: [stadium]
    cues: [largest]
"""
    quote = "The stadium's largest gate came in 1998: 52,000."
    ex = extractor_for(tmp_path, codebook, {"a": ("2026-03-02", quote)}, {"a": [("stadium.record_crowd", 52_000, quote)]})
    assert asserted(ex, "At the stadium the largest gate of the season, 48,000, saw the match.") == {("stadium.record_crowd", "48000")}
    assert asserted(ex, "At the stadium a large screen showed the match to 48,000.") == set()
