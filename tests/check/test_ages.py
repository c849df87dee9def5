"""A number in apposition after a name is that person's age, for a topic counting years of age."""

from __future__ import annotations

import pytest

from conftest import extractor_for

CODEBOOK = """\
topics:
  guild.chair:
    type: person
    description: Who chairs the guild.
    subject: [guild]
    cues: [chair]
  chair.age:
    type: number
    unit: years
    description: The guild chair's age, in years.
    subject: [Ostrava, chair]
  guild.members:
    type: number
    description: How many members the guild has.
    subject: [guild]
    cues: [members]
"""
SOURCES = {
    "a": ("2026-03-01", "The guild named Lida Ostrava its chair. She is 61 years old."),
    "b": ("2026-03-02", "Lida Ostrava chairs the guild of 400 members."),
}
CLAIMS = {
    "a": [("guild.chair", "Lida Ostrava", "The guild named Lida Ostrava its chair"),
          ("chair.age", 61, "She is 61 years old")],
    "b": [("guild.members", 400, "the guild of 400 members")],
}


@pytest.fixture(scope="module")
def guild(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("guild"), CODEBOOK, SOURCES, CLAIMS)


def read(ex, text):
    return {(f.topic, f.display, "asserted" if f.confidence >= 0.6 else "possible") for f in ex.extract(text).findings}


def test_a_number_between_commas_after_the_topic_s_named_subject_is_its_age(guild):
    assert read(guild, "Ostrava, 61, thanked the weavers.") == {("chair.age", "61", "asserted")}
    assert read(guild, "Chair Ostrava, aged 61, thanked the weavers.") == {("chair.age", "61", "asserted")}
    # another person's apposed number is no age of the topic's subject; nor is a number with a noun
    assert read(guild, "Bram Keller, 61, thanked the weavers.") == set()
    assert read(guild, "Ostrava, 61 weavers, thanked them.") == set()
