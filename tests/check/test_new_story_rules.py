"""Rules for a story with few curated claims: a topic named for the level before a change takes the
"from" number, and a person topic is read through the office its codebook entry names even when no
cue is written; a list cue written with its items reads them; a possessive owning an office is no
list item; a day before the verb its topic names and that verb's object dates it; a day whose "when" clause names an event's noun is that event's day. The codebook is a made-up reservoir story; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  reservoir_level.before:
    type: number
    unit: metres
    description: The reservoir's water level just before the dam gates opened, in metres.
    subject: [reservoir, water level]
    cues: [from, metres]
  reservoir_level.after:
    type: number
    unit: metres
    description: The reservoir's water level once the gates had opened, in metres.
    subject: [reservoir, water level]
    cues: [to, metres]
  valdor.water_minister:
    type: person
    description: Valdor's minister responsible for water.
    subject: [Valdorian Water Minister, Water Minister]
  dam_board.chair:
    type: person
    description: Who chairs the dam board.
    subject: [Dam Board, board]
  flood.date:
    type: date
    description: The day the valley flooded.
    subject: [flood]
  flood.regions:
    type: list
    description: The regions the flood reached.
    subject: [flood, river]
    cues: [swept through Lowmere and Highmere, flooded]
  bridge.opened:
    type: date
    description: The day the mayor opened the rebuilt bridge.
    subject: [bridge]
  report.date:
    type: date
    description: The day the inquiry published its report.
    subject: [report]
  eastmark.prime_minister:
    type: person
    description: Eastmark's prime minister.
    subject: [Eastmark, prime minister]
"""

SOURCES = {"a": ("2027-03-02", "The reservoir fell to 40 metres on Monday, the board said. "
                               "The flood swept through Lowmere and Highmere.")}
CLAIMS = {"a": [("reservoir_level.after", "40", "The reservoir fell to 40 metres"),
                ("flood.regions", ["Lowmere", "Highmere"], "The flood swept through Lowmere and Highmere")]}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("reservoir"), CODEBOOK, SOURCES, CLAIMS)


def test_a_topic_named_for_the_level_before_takes_the_from_number_and_the_other_the_to_number(story):
    assert asserted(story, "Gauges showed the reservoir dropping overnight from 62 metres to about 41 metres.") == {
        ("reservoir_level.before", "62"), ("reservoir_level.after", "about 41")}


def test_a_topic_not_named_for_an_earlier_level_still_skips_the_from_number(story):
    found = asserted(story, "Gauges showed the reservoir dropping overnight from 62 metres to about 41 metres.")
    assert ("reservoir_level.after", "62") not in found


def test_a_subject_phrase_naming_the_office_reads_the_holder_without_cues(story):
    assert asserted(story, "Valdorian Water Minister Ilse Marrow said repairs would take weeks.") == {
        ("valdor.water_minister", "Ilse Marrow")}


def test_the_office_in_the_topic_name_reads_the_holder_beside_its_named_subject(story):
    assert asserted(story, "Dam Board chair Petra Lindqvist said the gates held.") == {("dam_board.chair", "Petra Lindqvist")}


def test_a_bare_office_owned_by_another_is_not_the_topic_s(story):
    assert asserted(story, "Westmark Prime Minister Otto Brand visited Eastmark on Monday.") == set()
    assert asserted(story, "Eastmark prime minister Lena Voss visited the dam on Monday.") == {
        ("eastmark.prime_minister", "Lena Voss")}


def test_a_day_whose_when_clause_names_the_event_is_the_event_s_day(story):
    assert asserted(story, "Engineers opened the sluices on May 3, 2027 when a failed pump upstream caused the flood.") == {
        ("flood.date", "2027-05-03")}


def test_an_event_noun_completing_another_noun_in_the_when_clause_is_not_dated_by_it(story):
    found = asserted(story, "Officials met on May 9, 2027 when the long debate on the flood was held.")
    assert not any(t == "flood.date" for t, _ in found)


def test_a_list_cue_written_with_its_items_reads_the_items_it_holds(story):
    assert asserted(story, "By dusk the flood that swept through Lowmere and Highmere had reached the coast.") == {
        ("flood.regions", "Lowmere, Highmere")}


def test_a_name_owning_an_office_is_no_list_item(story):
    found = asserted(story, "The river burst its banks and flooded, Lowmere's Water Minister Ilse Marrow said on Tuesday.")
    assert not any(t == "flood.regions" for t, _ in found)


def test_a_day_before_the_topic_s_own_verb_and_its_object_dates_the_object(story):
    # (sentences long enough not to be read as a headline)
    assert asserted(story, "In a brief ceremony, the mayor on March 5, 2027 opened the rebuilt bridge to traffic from both banks.") == {
        ("bridge.opened", "2027-03-05")}
    assert asserted(story, "In a brief ceremony, the mayor on March 5, 2027 inspected the rebuilt bridge with engineers from both banks.") == set()
