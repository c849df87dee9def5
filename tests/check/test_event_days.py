"""A day hung off the word naming a date topic's event (check/events.py, framing.dated_event): a
possessive day opening the event's noun phrase, a place between the noun and its day, and the
event's verb with its day where the sentence never names the topic's subject.

The claim set is a made-up warehouse fire; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  fire.date:
    type: date
    description: The day the fire destroyed the Harbour Street warehouse.
    subject: [fire, blaze]
    cues: [destroyed, took place]
  parade.date:
    type: date
    description: The day of the harbour parade.
    subject: [parade]
  auction.date:
    type: date
    description: The day scheduled for the auction of the rescued paintings.
    subject: [auction]
  paintings.count:
    type: number
    unit: paintings
    description: How many paintings the fire destroyed.
    subject: [paintings, artworks]
    cues: [destroyed]
"""

DATELINE = "June 10, 2026\n"  # a Wednesday


@pytest.fixture(scope="module")
def fire(tmp_path_factory):
    sources = {"a": ("2026-06-05", "On June 2, 2026, paintings burned in the blaze."),
               "b": ("2026-06-06", "Forty paintings were lost when the fire destroyed the warehouse.")}
    claims = {"a": [("fire.date", "2026-06-02", "On June 2, 2026, paintings burned in the blaze.")],
              "b": [("paintings.count", 40, "Forty paintings were lost when the fire destroyed the warehouse.")]}
    return extractor_for(tmp_path_factory.mktemp("fire"), CODEBOOK, sources, claims)


def test_a_possessive_day_dates_the_event_noun_after_its_modifiers(fire):
    assert asserted(fire, DATELINE + "Crews were still at work after last Tuesday's huge four-alarm fire.") == {
        ("fire.date", "2026-06-09")}
    # a decimal point between them ends no sentence
    assert asserted(fire, DATELINE + "Crews were still at work after Tuesday's 2.5-hectare blaze.") == {
        ("fire.date", "2026-06-09")}
    # a noun phrase ends at a preposition: the day is not the fire's
    assert asserted(fire, DATELINE + "Tuesday's meeting of the board of the fire brigade ran late.") == set()


def test_a_place_may_stand_between_the_event_noun_and_its_day(fire):
    assert asserted(fire, DATELINE + "Nobody was hurt in the fire in Old Harbour on Tuesday, officials said.") == {
        ("fire.date", "2026-06-09")}


def test_the_event_verb_with_its_day_needs_no_subject_when_a_thing_bears_it_out(fire):
    # "paintings" is what the topic's curated quote speaks of, and a subject word of the codebook
    assert ("fire.date", "2026-06-02") in asserted(fire, DATELINE + "The paintings destroyed on June 2 were insured.")
    # "took place" with nothing the fire's quotes speak of: another event's day
    assert asserted(fire, DATELINE + "Two arrests took place on June 4.") == set()
    # another date topic's subject and none of this one's: the parade's day, not the fire's
    assert asserted(fire, DATELINE + "The parade took place on June 7.") == set()


def test_a_day_opening_the_sentence_frames_the_clause_after_its_comma(fire):
    found = fire.extract(DATELINE + "On Monday, June 8, a crew of tired volunteers watched the blaze that destroyed the old warehouse.").findings
    assert [(f.topic, f.display) for f in found if f.confidence >= 0.6] == [("fire.date", "2026-06-08")]
    assert "frames the clause after its comma" in found[0].how
    # a day inside the sentence frames nothing: the words between count as ever
    inside = fire.extract(DATELINE + "A crew of tired volunteers watched on June 8 the blaze that destroyed the old warehouse.").findings
    assert "frames" not in inside[0].how


def test_the_verb_of_a_date_topics_own_subject_dates_it(fire):
    # "auctioned" is the verb of the auction topic's subject: its day, a plan for a topic about the day set
    assert asserted(fire, DATELINE + "The rescued canvases are set to be auctioned on June 20.") == {("auction.date", "2026-06-20")}
    # the parade, another date topic's subject, named and none of the auction's: not the auction's day
    assert asserted(fire, DATELINE + "The parade floats will be auctioned on June 21.") == set()
