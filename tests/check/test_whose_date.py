"""Whose act a date dates: a name opening the date's clause, right before the topic's cue, is that
verb's actor; where the clause names nothing of the topic ("The Velmar Authority announced its ruling
on March 3, confirming that the Brannock merger may proceed"), the day is the actor's act, not the
topic's event, and is shown as possible at most.

The claim set is a made-up merger; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  merger.announced:
    type: date
    description: The day Brannock announced its merger with Tolvik.
    subject: [merger, Brannock, deal]
    cues: [announced]
"""

SOURCES = {
    "a": ("2026-05-02", "Brannock announced the merger on April 2."),
    "b": ("2026-05-03", "The deal was announced on April 2."),
}
CLAIMS = {
    "a": [("merger.announced", "2026-04-02", "Brannock announced the merger on April 2")],
    "b": [("merger.announced", "2026-04-02", "The deal was announced on April 2")],
}


@pytest.fixture(scope="module")
def merger(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("merger"), CODEBOOK, SOURCES, CLAIMS)


def test_a_date_of_another_actors_act_is_not_the_topics(merger):
    assert asserted(merger, "The Velmar Authority announced its ruling on March 3, confirming that the "
                            "Brannock merger may proceed.") == set()
    assert asserted(merger, "Brannock announced the merger on March 3, confirming talks with Tolvik.") == {
        ("merger.announced", "2026-03-03")}
