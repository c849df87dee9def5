"""A topic's subject told apart by its modifier: where the codebook speaks of "blue flags" for one topic
and of "red flags" elsewhere, a sentence whose flag is only red gives the blue flag nothing.

The claim set is a made-up regatta; its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  blue_flag.count:
    type: number
    unit: flags
    description: How many blue flags the stewards raised during the Tarnvik regatta.
    subject: [blue flags, flags]
    cues: [raised]
  regatta.status:
    type: label
    description: Whether the Tarnvik regatta was halted.
    subject: [regatta]
    cues: [halted, red flags]
    labels:
      halted: {definition: The stewards halted the regatta., cues: [halted, red flags]}
      running: {definition: The regatta went on., cues: [went on]}
"""

SOURCES = {
    "a": ("2026-06-02", "The stewards raised four blue flags. The regatta went on."),
    "b": ("2026-06-03", "Stewards raised four blue flags at Tarnvik."),
}
CLAIMS = {
    "a": [("blue_flag.count", "4", "The stewards raised four blue flags"),
          ("regatta.status", "running", "The regatta went on")],
    "b": [("blue_flag.count", "4", "Stewards raised four blue flags")],
}


@pytest.fixture(scope="module")
def regatta(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("regatta"), CODEBOOK, SOURCES, CLAIMS)


def test_a_rival_modifier_on_the_topics_head_is_another_thing(regatta):
    assert ("blue_flag.count", "6") not in asserted(regatta, "The stewards raised six red flags at Tarnvik.")
    assert ("blue_flag.count", "6") in asserted(regatta, "The stewards raised six blue flags at Tarnvik.")
    assert ("blue_flag.count", "6") in asserted(regatta, "The stewards raised six flags at Tarnvik.")



PEOPLE = """\
topics:
  blue_lodge.statement_by:
    type: person
    description: Who gave the Blue Lodge's statement on the closure.
    subject: [Blue Lodge, spokesperson, statement]
    cues: [Blue Lodge spokesman, wrote, statement]
"""


@pytest.fixture(scope="module")
def lodge(tmp_path_factory):
    sources = {"a": ("2026-06-02", "Blue Lodge Director Lina Varga wrote that the port was shut."),
               "b": ("2026-06-03", "Blue Lodge Director Lina Varga said the port was shut.")}
    claims = {"a": [("blue_lodge.statement_by", "Lina Varga", "Blue Lodge Director Lina Varga wrote")],
              "b": [("blue_lodge.statement_by", "Lina Varga", "Blue Lodge Director Lina Varga said")]}
    return extractor_for(tmp_path_factory.mktemp("lodge"), PEOPLE, sources, claims)


def test_a_word_of_the_topics_own_subject_is_not_its_person(lodge):
    assert asserted(lodge, "The closure came shortly after a Blue Lodge statement criticised the firm.") == set()
    assert asserted(lodge, "Blue Lodge spokesman Oskar Brandt wrote that the port was shut.") == {
        ("blue_lodge.statement_by", "Oskar Brandt")}
