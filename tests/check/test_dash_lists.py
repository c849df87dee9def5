"""The names after a dash that follows a plural cue list what the cue names."""

from __future__ import annotations

import pytest

from conftest import extractor_for

CODEBOOK = """\
topics:
  mill.owners:
    type: list
    description: The people the article names as the mill's owners.
    subject: [owners, mill]
    cues: [owners, owned by]
"""
SOURCES = {"a": ("2026-05-01", "The owners are Ana Ruiz and Piet Rask.")}
CLAIMS = {"a": [("mill.owners", ["Ana Ruiz", "Piet Rask"], "The owners are Ana Ruiz and Piet Rask")]}


@pytest.fixture(scope="module")
def mill(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("mill"), CODEBOOK, SOURCES, CLAIMS)


def read(ex, text):
    return {(f.topic, f.display, "asserted" if f.confidence >= 0.6 else "possible") for f in ex.extract(text).findings}


def test_names_after_a_dash_that_follows_a_plural_cue_are_its_list(mill):
    assert read(mill, "Each of the three owners, who live in Varna - Lena Ort, Ivo Brandt and Nora Pell - holds a third.") == {
        ("mill.owners", "Lena Ort, Ivo Brandt, Nora Pell", "asserted")}
    # with no dash, the words between say something else about the owners first: no list
    assert read(mill, "Each of the three owners, who live in Varna, met Lena Ort, Ivo Brandt and Nora Pell.") == set()
    # items right after the cue: a dash after one of them sets an aside about it, not a new list
    assert read(mill, "The owners Lena Ort - a cousin of Ivo Brandt - and Nora Pell met.") == {
        ("mill.owners", "Lena Ort", "asserted")}
