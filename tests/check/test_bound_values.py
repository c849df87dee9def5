"""A value bound to what it counts: a number written as a share ("90%") is a share, no count of
people or hectares. The codebook is a made-up storm in the invented Harlow valley; its sentences
are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  storm.deaths:
    type: number
    unit: people
    description: How many people the storm killed.
    subject: [storm, people]
    cues: [died, killed, deaths, reached]
  orchards.area:
    type: number
    unit: hectares
    description: The area of orchards the storm flooded, in hectares.
    subject: [orchards, storm]
    cues: [hectares, flooded, storm]
  reservoir.fill:
    type: number
    unit: percent
    description: How full the Harlow reservoir was, in percent of its capacity.
    subject: [reservoir]
    cues: [full, capacity]
  mayor.ordinal:
    type: number
    unit: mayor
    description: Which mayor in Harlow's count the new mayor is (the 40th).
    subject: [mayor]
    cues: [mayor]
  rescue.days:
    type: number
    unit: days
    description: How many days the search for the missing lasted.
    subject: [search, rescue]
    cues: [days]
  warden.rank:
    type: number
    unit: warden (ordinal)
    description: Which warden in order Ada Brisk is to lead the valley through two floods (the third such warden is 3).
    subject: [warden]
    cues: [warden to lead]
  kell_dam.height:
    type: number
    unit: metres
    description: How high the water stood behind the Kell Dam, in metres.
    subject: [Kell Dam, dam]
    cues: [metres]
  orm_dam.height:
    type: number
    unit: metres
    description: How high the water stood behind the Orm Dam, in metres.
    subject: [Orm Dam, dam]
  kell_dam.breaches:
    type: number
    unit: breaches
    description: How many breaches the Kell Dam suffered.
    subject: [Kell Dam, spillway]
    cues: [breaches]
  dams.breaches:
    type: number
    unit: breaches
    description: How many breaches the valley's dams suffered in all.
    subject: [dams, both dams]
    cues: [in all]
  silos.flattened:
    type: number
    unit: silos
    description: How many silos the storm flattened (not those only damaged).
    subject: [silos, storm]
    cues: [flattened]
  old_bridge.cost:
    type: number
    unit: US dollars
    description: What the town paid to rebuild the old bridge (its 2019 rebuild), in US dollars.
    subject: [old bridge]
    cues: [rebuilt the old bridge]
"""

SOURCES = {"a": ("2031-04-02", "The storm killed 12 people on Monday. It flooded 300 hectares of orchards.")}
CLAIMS = {"a": [("storm.deaths", "12", "The storm killed 12 people"),
                ("orchards.area", "300", "It flooded 300 hectares of orchards")]}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("harlow"), CODEBOOK, SOURCES, CLAIMS)


def test_a_share_is_read_as_one_and_fills_only_the_topic_counted_in_shares(story):
    assert asserted(story, "The storm killed 90% of the orchards.") == set()
    assert asserted(story, "The storm flooded 100% of the orchards.") == set()
    assert asserted(story, "By Tuesday the reservoir was 85% full, engineers said.") == {("reservoir.fill", "85")}


def test_a_record_of_its_kind_is_no_value_of_the_article_s_event(story):
    assert asserted(story, "She is the 40th mayor of Harlow.") == {("mayor.ordinal", "40")}
    assert asserted(story, "She is the first mayor from the eastern bank, and took office on Monday.") == set()
    assert asserted(story, "She is the third mayor of the town since the flood.") == {("mayor.ordinal", "3")}
    assert asserted(story, "The longest search in the valley's history was 12 days.") == set()
    assert asserted(story, "The search ended after 12 days.") == {("rescue.days", "12")}
    assert asserted(story, "Ada Brisk became the third warden to lead the valley through two floods.") == {("warden.rank", "3")}


def test_a_value_in_a_sentence_naming_one_sibling_topic_s_subject_is_not_the_other_s(story):
    assert asserted(story, "Behind the Kell Dam the water rose to 31 metres.") == {("kell_dam.height", "31")}
    assert asserted(story, "Behind the Orm Dam the water rose to 31 metres.") == set()


def test_a_value_in_a_sentence_naming_the_whole_is_not_one_part_s(story):
    assert asserted(story, "The Kell Dam suffered 4 breaches at the spillway.") == {("kell_dam.breaches", "4")}
    assert asserted(story, "Both dams suffered 4 breaches at the spillway.") == set()


def test_a_thing_counted_is_no_value_of_a_topic_in_a_unit_of_measure(story):
    assert ("orchards.area", "dozens") not in asserted(story, "The storm flooded dozens of farms.")
    assert asserted(story, "The storm flooded 300 hectares of orchards.") == {("orchards.area", "300")}


def test_a_count_of_what_either_of_two_participles_did_is_not_a_count_of_one(story):
    assert asserted(story, "The storm flattened 30 silos across the valley.") == {("silos.flattened", "30")}
    assert asserted(story, "The storm flattened or damaged 30 silos across the valley.") == set()


def test_a_year_the_topic_s_description_names_does_not_place_its_value_in_another_year(story):
    assert asserted(story, "In 2019, the town rebuilt the old bridge for $3.2m.") == {("old_bridge.cost", "3200000")}


def test_a_time_zone_in_words_after_p_m_goes_on_with_the_sentence():
    from claimcheck.check.sentences import split_sentences

    text = "As of 4:15 p.m. Pacific on Sunday, the storm had passed. By 9 p.m. Harlow time the rain stopped. It ended at 6 a.m. The valley woke."
    assert [x.text for x in split_sentences(text)] == [
        "As of 4:15 p.m. Pacific on Sunday, the storm had passed.", "By 9 p.m. Harlow time the rain stopped.",
        "It ended at 6 a.m.", "The valley woke."]


def test_a_number_coordinated_after_the_cue_with_a_noun_of_its_own_counts_that_noun(story):
    found = asserted(story, "In the storm dozens of farmers died and more than 200 sheds were swept away.")
    assert ("storm.deaths", "dozens") in found and ("storm.deaths", "more than 200") not in found


def test_tens_of_millions_is_read_whole_not_as_millions():
    from claimcheck.check.mentions import find_numbers

    found = find_numbers("The new locks at Harlow cost tens of millions of euros.")
    assert [(m.text, m.value.low, m.value.high, m.unit) for m in found] == [("tens of millions", 20_000_000, 99_999_999, "euros")]


def test_a_range_of_shares_is_one_value_with_both_ends(story):
    assert asserted(story, "By Tuesday the reservoir was 85%-90% full, engineers said.") == {("reservoir.fill", "85-90")}
    assert asserted(story, "By Tuesday the reservoir was 85% to 90% full, engineers said.") == {("reservoir.fill", "85-90")}
    assert asserted(story, "The reservoir was between 85 per cent and 90 per cent full.") == {("reservoir.fill", "85-90")}
    # a change from one share to another is two values, and "and" without "between" joins two
    assert ("reservoir.fill", "85-90") not in asserted(story, "The reservoir went from 85% to 90% full.")
    assert ("reservoir.fill", "85-90") not in asserted(story, "The reservoir was 85% full and 90% full a day later.")
