"""A person topic's one-word subjects as roles: an office word alone reads the name after it when its own
body is named; a role in apposition after a name ("Ivo Brandt, treasurer of ...") reads the name before it."""

from __future__ import annotations

import pytest

from conftest import extractor_for

CODEBOOK = """\
topics:
  guild.statement_by:
    type: person
    description: Who gave the guild's statement, by name.
    subject: [Ostmark Guild, spokesman, statement]
  guild.treasurer:
    type: person
    description: Who keeps the guild's accounts.
    subject: [treasurer, accounts]
  guild.members:
    type: number
    description: How many members the guild has.
    subject: [Ostmark Guild]
    cues: [members]
"""
SOURCES = {
    "a": ("2026-04-01", "A statement came from Lida Varga on Monday."),
    "b": ("2026-04-02", "The Ostmark Guild has 300 members."),
    "c": ("2026-04-03", "They met the treasurer Nora Pell."),
}
CLAIMS = {
    "a": [("guild.statement_by", "Lida Varga", "A statement came from Lida Varga")],
    "b": [("guild.members", 300, "The Ostmark Guild has 300 members")],
    "c": [("guild.treasurer", "Nora Pell", "the treasurer Nora Pell")],
}


@pytest.fixture(scope="module")
def guild(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("guild"), CODEBOOK, SOURCES, CLAIMS)


def read(ex, text):
    return {(f.topic, f.display, "asserted" if f.confidence >= 0.6 else "possible") for f in ex.extract(text).findings}


def test_a_one_word_office_subject_is_an_office_cue_when_its_owner_is_named(guild):
    assert read(guild, "Ostmark Guild spokesman Ivo Brandt told reporters on Monday.") == {
        ("guild.statement_by", "Ivo Brandt", "asserted")}
    assert read(guild, "Varian spokesman Ivo Brandt told reporters on Monday.") == set()  # another body's office


def test_a_role_subject_in_apposition_after_a_name_reads_that_name(guild):
    assert read(guild, "The letter was signed by Ivo Brandt, treasurer of the Ostmark Guild, on Monday.") == {
        ("guild.treasurer", "Ivo Brandt", "asserted")}
    assert read(guild, "The letter was signed by Ivo Brandt, a treasurer of the Ostmark Guild, on Monday.") == {
        ("guild.treasurer", "Ivo Brandt", "asserted")}
    assert read(guild, "Ivo Brandt, Lida Varga and Nora Pell signed the letter on Monday.") == set()  # a list, no role
