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


BAKERY = """\
topics:
  bakery.founded:
    type: date
    description: When the bakery was founded (a year is the whole year).
    subject: [bakery]
    cues: [founded in, opened in]
  merger.close:
    type: date
    description: When the bakery's merger is expected to close.
    subject: [merger]
    cues: [expected to close]
  flood.date:
    type: date
    description: The day the flood hit the bakery.
    subject: [flood]
    cues: [hit]
"""


@pytest.fixture(scope="module")
def bakery(tmp_path_factory):
    sources = {"a": ("2026-06-05", "The merger is expected to close in June 2026."),
               "b": ("2026-06-06", "The flood hit on June 2.")}
    claims = {"a": [("merger.close", "2026-06", "The merger is expected to close in June 2026.")],
              "b": [("flood.date", "2026-06-02", "The flood hit on June 2.")]}
    return extractor_for(tmp_path_factory.mktemp("bakery"), BAKERY, sources, claims)


def test_a_year_alone_is_a_year_long_span_for_a_topic_whose_description_takes_years(bakery):
    found = bakery.extract(DATELINE + "The bakery was founded in 2019 by two brothers.").findings
    assert [(f.topic, f.display, f.confidence >= 0.6) for f in found] == [("bakery.founded", "2019-01-01 to 2019-12-31", True)]
    assert "the year 2019 (a year-long span)" in found[0].how
    # a topic of days takes no bare year: "in 2019" is no day of the flood
    assert asserted(bakery, DATELINE + "The flood hit the bakery in 2019.") == set()


def test_a_month_alone_is_read_in_the_anchor_year_for_a_topic_whose_curated_values_are_months(bakery):
    found = bakery.extract(DATELINE + "The merger is now expected to close in March.").findings
    assert [(f.topic, f.display, f.confidence >= 0.6) for f in found] == [("merger.close", "2026-03", True)]
    assert "the month March (a month-long span); year 2026 from the dateline" in found[0].how
    # a month with its year is as sure as a day for such a topic
    assert asserted(bakery, DATELINE + "The merger is expected to close in September 2027.") == {("merger.close", "2027-09")}


def test_next_year_counts_from_the_anchor_and_stays_unresolved_without_one(bakery):
    found = bakery.extract("June 10, 2026\nThe bakery was opened in the old mill last year.").findings
    assert [(f.topic, f.display, f.confidence >= 0.6) for f in found] == [("bakery.founded", "2025-01-01 to 2025-12-31", True)]
    assert "last year, counted from the dateline 'June 10, 2026' (2026): the year 2025" in found[0].how
    bare = bakery.extract("The bakery was opened in the old mill last year.")
    assert not bare.findings and [u.topic for u in bare.unresolved] == ["bakery.founded"]


BRIDGE = """\
topics:
  opening.date:
    type: date
    description: The day set or planned for the new bridge's opening.
    subject: [opening]
    cues: [opening is set for]
  repairs.date:
    type: date
    description: The day the old bridge's repairs ended.
    subject: [repairs]
    cues: [ended]
"""


@pytest.fixture(scope="module")
def bridge(tmp_path_factory):
    sources = {"a": ("2026-06-05", "The opening is set for September 30."),
               "b": ("2026-06-06", "The repairs ended on May 2.")}
    claims = {"a": [("opening.date", "2026-09-30", "The opening is set for September 30.")],
              "b": [("repairs.date", "2026-05-02", "The repairs ended on May 2.")]}
    return extractor_for(tmp_path_factory.mktemp("bridge"), BRIDGE, sources, claims)


def test_the_verb_of_a_verbal_noun_subject_with_its_day_dates_the_event(bridge):
    # "opening" names its event by the verb "opened": the day hung off the verb is the opening's
    found = bridge.extract(DATELINE + "The new crossing will be opened on October 3, the mayor said.").findings
    assert [(f.topic, f.display, f.confidence >= 0.6) for f in found] == [("opening.date", "2026-10-03", True)]
    # a plan looks ahead: October 3 in a June article is this year's, not last year's
    assert "year 2026 from the dateline 'June 10, 2026': a plan looks ahead" in found[0].how
    # a verb that is no subject's names nothing: "painted" is neither the opening nor the repairs
    assert asserted(bridge, DATELINE + "The old crossing was painted on May 4, the mayor said.") == set()


REPORT = """\
topics:
  audit.date:
    type: date
    description: The day the council presented (or published) the audit's findings.
    subject: [audit]
    cues: [made public, presented]
"""


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    sources = {"a": ("2026-06-05", "The audit was presented on June 4.")}
    claims = {"a": [("audit.date", "2026-06-04", "The audit was presented on June 4.")]}
    return extractor_for(tmp_path_factory.mktemp("audit"), REPORT, sources, claims)


def test_a_day_planned_for_the_topic_s_own_event_is_its_day(audit):
    found = audit.extract(DATELINE + "The long audit, which will be made public on Friday, names nobody.").findings
    assert [(f.topic, f.display, f.confidence >= 0.6) for f in found] == [("audit.date", "2026-06-12", True)]
    assert "the day planned for what 'made public' names" in found[0].how
    # a plan of something else is no fact for the topic
    assert asserted(audit, DATELINE + "The audit team will meet the mayor on Friday.") == set()


FESTIVAL = """\
topics:
  festival.start_date:
    type: date
    description: The day the town's summer festival began.
    subject: [festival]
    cues: [first day of the festival, began]
"""


@pytest.fixture(scope="module")
def festival(tmp_path_factory):
    sources = {"a": ("2026-06-05", "The festival began on June 1.")}
    claims = {"a": [("festival.start_date", "2026-06-01", "The festival began on June 1.")]}
    return extractor_for(tmp_path_factory.mktemp("festival"), FESTIVAL, sources, claims)


def test_a_day_phrase_naming_the_event_says_the_same_when_as_the_sentence_s_one_day(festival):
    text = DATELINE + "Heavy rain fell over the old town on Friday, June 5, so the crowds stayed at home on the first day of the festival."
    found = festival.extract(text).findings
    assert [(f.topic, f.display, f.confidence >= 0.6) for f in found] == [("festival.start_date", "2026-06-05", True)]
    assert "from the cue 'first day of the festival'" in found[0].how
    # two days: which of them the phrase names is not said
    two = DATELINE + "Heavy rain fell on June 5 and on June 6, so the crowds stayed at home on the first day of the festival."
    assert asserted(festival, two) == set()


def test_a_day_closing_a_long_clause_dates_the_event_its_subject_names(fire):
    text = DATELINE + "The fire that volunteers from three nearby villages fought destroyed the big warehouse and its sheds on Tuesday."
    found = fire.extract(text).findings
    assert [(f.topic, f.display, f.confidence >= 0.6) for f in found] == [("fire.date", "2026-06-09", True)]
    assert "from the nearest subject word" not in found[0].how  # the subject opens the day's own clause


def test_a_day_opening_the_sentence_is_as_near_the_subject_of_the_clause_it_frames(fire):
    text = DATELINE + "On Tuesday, tired volunteers from three nearby villages watched helplessly as the fire destroyed the old warehouse."
    (f,) = fire.extract(text).findings
    assert (f.topic, f.display, f.confidence) == ("fire.date", "2026-06-09", 0.8)  # a weekday from the dateline, undiscounted
    assert "frames the clause after its comma" in f.how and "from the nearest subject word" not in f.how


def test_the_verb_of_a_date_topics_own_subject_dates_it(fire):
    # "auctioned" is the verb of the auction topic's subject: its day, a plan for a topic about the day set
    assert asserted(fire, DATELINE + "The rescued canvases are set to be auctioned on June 20.") == {("auction.date", "2026-06-20")}
    # the parade, another date topic's subject, named and none of the auction's: not the auction's day
    assert asserted(fire, DATELINE + "The parade floats will be auctioned on June 21.") == set()
