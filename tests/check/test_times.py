"""Reading times: a topic counted in a unit of time ("minute of play") takes numbers of that unit,
ordinals included ("in the 12th minute"), and only those; a time counted from another event ("ten
minutes later", "20 minutes remaining") is neither a moment nor a duration; "within seven minutes"
is at most seven.

The claim set is a made-up cup final and a made-up bank raid; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  opener.minute:
    type: number
    unit: minute of play
    description: The minute in which Rossi scored the opening goal.
    subject: [Rossi]
    cues: [minute, minutes]
  raid.duration:
    type: number
    unit: minutes
    description: How long the raid on the bank lasted.
    subject: [raid, robbers]
    cues: [minutes]
"""

SOURCES = {
    "a": ("2026-05-02", "Rossi scored in the 12th minute. The raid took 12 minutes."),
    "b": ("2026-05-03", "Rossi struck after 12 minutes."),
}
CLAIMS = {
    "a": [("opener.minute", "12", "Rossi scored in the 12th minute"),
          ("raid.duration", "12", "The raid took 12 minutes")],
    "b": [("opener.minute", "12", "Rossi struck after 12 minutes")],
}


@pytest.fixture(scope="module")
def final(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("final"), CODEBOOK, SOURCES, CLAIMS)


def test_a_minute_of_play_is_read_from_an_ordinal_minute(final):
    assert asserted(final, "In the 85th minute, Rossi fired home.") == {("opener.minute", "85")}


def test_a_time_topic_takes_no_count_of_something_else(final):
    assert asserted(final, "Rossi scored in the final minutes for a fourth time this season.") == set()
    assert asserted(final, "Rossi scored two goals in the minutes before the break.") == set()


def test_a_time_counted_from_another_event_is_no_moment_or_duration(final):
    assert asserted(final, "Rossi scored ten minutes later.") == set()
    assert asserted(final, "With 20 minutes remaining, Rossi scored.") == set()
    assert asserted(final, "The robbers fled two minutes after the raid began.") == set()


def test_within_a_time_is_at_most_that_time(final):
    assert asserted(final, "The robbers finished the raid within seven minutes.") == {("raid.duration", "up to 7")}
    assert asserted(final, "The raid lasted seven minutes.") == {("raid.duration", "7")}


def test_a_number_under_a_sentence_opening_condition_is_at_most_possible(final):
    text = "Unless the referee erred, Rossi scored in the 85th minute."
    assert asserted(final, text) == set()
    assert {(f.topic, f.display) for f in final.extract(text).findings} == {("opener.minute", "85")}
