"""Points in time (check/points.py): "10 minutes later", for a topic whose unit is a singular unit
of time ("minute of play"), is the earlier minute plus ten; "just after the hour mark" is just over 60 minutes.

The claim set is a made-up match; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

from claimcheck.check.points import point_unit

CODEBOOK = """\
topics:
  smith_goal.minute:
    type: number
    unit: minute of play
    description: The minute in which Smith scored the opening goal.
    subject: [Smith]
    cues: [minute, minutes, hour mark, chances]
  jones_goal.minute:
    type: number
    unit: minute of play
    description: The minute in which Jones scored the second goal.
    subject: [Jones]
    cues: [minute, minutes, hour mark, header]
"""


@pytest.fixture(scope="module")
def match(tmp_path_factory):
    sources = {"a": ("2026-05-02", "Smith scored after 30 minutes and Jones in the 50th minute.")}
    claims = {"a": [("smith_goal.minute", 30, "Smith scored after 30 minutes"),
                    ("jones_goal.minute", 50, "Jones in the 50th minute")]}
    return extractor_for(tmp_path_factory.mktemp("match"), CODEBOOK, sources, claims)


def test_a_singular_unit_of_time_counts_points():
    assert point_unit("minute of play") == "minute"
    assert point_unit("minutes") is None  # a length of time
    assert point_unit("people") is None


def test_minutes_later_count_on_from_the_minute_stated_before(match):
    text = "Smith put the hosts ahead after 30 minutes.\nJones doubled the lead with a header 12 minutes later."
    found = {f.topic: f for f in match.extract(text).findings}
    assert asserted(match, text) == {("smith_goal.minute", "30"), ("jones_goal.minute", "42")}
    assert "30 + 12 = 42" in found["jones_goal.minute"].how
    # with no minute before it, "12 minutes later" is no minute of play
    assert asserted(match, "Jones doubled the lead with a header 12 minutes later.") == set()


def test_an_hour_mark_is_sixty_minutes_and_a_half_hour_mark_thirty(match):
    assert asserted(match, "Jones scored just after the hour mark.") == {("jones_goal.minute", "just over 60")}
    assert asserted(match, "Smith scored before the half-hour mark.") == {("smith_goal.minute", "under 30")}


def test_where_rivals_tie_the_cue_only_one_has_beside_the_value_decides(match):
    # both subjects far off, both topics with two cues here: "header" beside the value is only Jones's
    text = ("Jones and Smith both had chances in a first half that the home side dominated from the start without "
            "any reward at all, before the goal finally came from a header after 40 minutes.")
    assert {(f.topic, f.display) for f in match.extract(text).findings} == {("jones_goal.minute", "40")}


def test_minutes_later_count_on_from_an_ordinal_minute_the_same_sentence_states(match):
    text = "Smith struck a 25th-minute opener for the hosts and Jones headed in a second goal nine minutes later."
    found = {f.topic: (f.display, f.how) for f in match.extract(text).findings}
    assert asserted(match, text) == {("smith_goal.minute", "25"), ("jones_goal.minute", "34")}
    assert found["jones_goal.minute"][1].startswith("'nine minutes later' counted on from the 25 stated before ('25th'): 25 + 9 = 34")


def test_two_named_subjects_joined_by_and_share_the_value_their_verb_says(match):
    assert asserted(match, "Smith and Jones both scored inside the first 30 minutes.") == {
        ("smith_goal.minute", "up to 30"), ("jones_goal.minute", "up to 30")}
    # a mark between the pair and the value: the clause is another's
    assert asserted(match, "Smith and Jones, who both scored twice last week, were rested; Jones came on after 70 minutes.") == {
        ("jones_goal.minute", "70")}
