"""A rate's change in points, however written: "25 basis points", "0.25 percentage points", "a
quarter of a percentage point" and "a quarter-point" are one value for a topic counted in basis
points, and the other way round. The codebook is a made-up central bank of the invented Norland;
its sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from conftest import asserted, extractor_for

CODEBOOK = """\
topics:
  rate_move.size:
    type: number
    unit: basis points
    description: By how much the Norland Bank moved its deposit rate, in basis points.
    subject: [deposit rate, rate]
    cues: [cut, raised, lowered]
"""

SOURCES = {"a": ("2031-04-02", "The Norland Bank cut its deposit rate by 50 basis points on Monday.")}
CLAIMS = {"a": [("rate_move.size", "50", "The Norland Bank cut its deposit rate by 50 basis points")]}


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    return extractor_for(tmp_path_factory.mktemp("norland"), CODEBOOK, SOURCES, CLAIMS)


@pytest.mark.parametrize("sentence", [
    "The Norland Bank cut its deposit rate by 25 basis points on Tuesday.",
    "The Norland Bank cut its deposit rate by 0.25 percentage points on Tuesday.",
    "The Norland Bank cut its deposit rate by a quarter of a percentage point on Tuesday.",
    "The Norland Bank cut its deposit rate by a quarter-point on Tuesday.",
])
def test_a_quarter_point_is_25_basis_points(story, sentence):
    assert asserted(story, sentence) == {("rate_move.size", "25")}


def test_a_half_point_is_50_basis_points_and_basis_points_are_hundredths_of_a_percentage_point(story):
    from claimcheck.check.units import convert
    from claimcheck.values import Quantity

    assert asserted(story, "The Norland Bank raised its deposit rate by a half-point.") == {("rate_move.size", "50")}
    assert convert(Quantity(15, 15), "basis", "percentage points")[0] == Quantity(0.15, 0.15)


def test_points_alone_are_not_taken_for_percentage_points(story):
    # "12 points" may be a game's: never 1,200 basis points (that it is still read as 12 is a known limit)
    assert ("rate_move.size", "1200") not in asserted(story, "The Norland Bank cut its deposit rate on the day its team won by 12 points.")
