"""A value type added as one module, with no other change: validate, conflicts, check and --draft all take it.

The toy type is a match score ("3-1"): parsed from a claim file, shown with an en dash, keyed by the
pair, two scores the same or different, found in an article's sentences, and written back in a draft.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from claimcheck import values
from claimcheck.model import Relation

CODEBOOK = """
# a topic of the toy type (under the codebook's topics:)
  match.score:
    type: score
    description: The final score of the cup final, home side first.
    subject: [cup final, final]
    cues: [won, beat]
"""

_SCORE = re.compile(r"(?<![\w-])(\d{1,2})\s*[-–]\s*(\d{1,2})(?![\w-])")


class ScoreType(values.ValueType):
    name = "score"
    example = "'3-1'"
    help = "a match score, home side first: '3-1'"

    def parse(self, raw, ctx):
        m = _SCORE.fullmatch(str(raw).strip())
        if not m:
            raise values.ValueError_(f"'{raw}' is not a score; write it as home-away, e.g. 3-1")
        return int(m[1]), int(m[2])

    def display(self, v):
        return f"{v[0]}–{v[1]}"

    def relate(self, a, b, ctx):
        return Relation(values.SAME, "the same score") if a == b else Relation(values.DIFFERENT, "another score")

    def to_raw(self, v):
        return f"{v[0]}-{v[1]}"

    def find(self, text, taken=()):
        return [(m.start(), m.end(), (int(m[1]), int(m[2])), f"score as written '{m[0]}'", 0.85)
                for m in _SCORE.finditer(text) if not any(a < m.end() and m.start() < b for a, b in taken)]


@pytest.fixture
def toy(monkeypatch, scratch):
    """The score type registered (and gone again after the test), and a claim set with two sources on it."""
    monkeypatch.setitem(values.TYPES, "score", None)  # so that the registry is as it was after the test
    values.register(ScoreType())
    scratch.codebook(CODEBOOK)
    for sid, score, text in [("herald", "3-1", "Riverton won the cup final 3-1 on Saturday, the club said."),
                             ("gazette", "2-1", "Riverton won the cup final 2-1 on Saturday, the club said.")]:
        scratch.source(f"{sid}.yaml", f"""
            id: {sid}
            outlet: The {sid.title()}
            published: 2026-05-10
            text: {scratch.article(f"{sid}.txt", text)}
            claims:
              - topic: match.score
                value: "{score}"
                quote: "{text}"
                attributed_to: the club
            """)
    return scratch


def test_validate_takes_the_new_type_and_refuses_a_value_it_cannot_parse(toy, run):
    assert run("validate", "--claims", toy.claims).exit_code == 0
    bad = toy.source("bad.yaml", (toy.claims / "herald.yaml").read_text().replace("herald", "bad").replace('"3-1"', '"three"'))
    result = run("validate", "--claims", toy.claims)
    assert result.exit_code == 1
    assert f"{bad}:" in result.stderr and "'three' is not a score; write it as home-away, e.g. 3-1" in result.stderr


def test_the_schema_lists_the_new_type(toy, run):
    schema = json.loads(run("schema", "codebook").stdout)
    prop = schema["$defs"]["TopicIn"]["properties"]["type"]
    assert prop["enum"][-1] == "score" and "score (a match score, home side first: '3-1')" in prop["description"]


def test_conflicts_compares_the_new_type(toy, run):
    doc = json.loads(run("conflicts", "--claims", toy.claims, "--format", "json").stdout)
    (topic,) = [t for t in doc["groups"] if t["topic"] == "match.score"]
    assert (topic["type"], topic["status"]) == ("score", "conflict")
    assert sorted((v["display"], v["sources"][0]) for v in topic["values"]) == [("2–1", "gazette"), ("3–1", "herald")]
    plain = run("conflicts", "--claims", toy.claims).stdout
    assert "match.score" in plain and "3–1" in plain and "2–1" in plain


def test_check_finds_the_new_type_and_drafts_it(toy, run):
    article = toy.articles / "new.txt"
    article.write_text("Riverton beat Ashford 3-1 in the cup final on Saturday.\n", encoding="utf-8")
    result = run("check", article, "--claims", toy.claims, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (finding,) = [f for f in json.loads(result.stdout)["findings"] if f["topic"] == "match.score"]
    assert (finding["verdict"], finding["value"], finding["display"]) == ("contradicts", [3, 1], "3–1")
    assert finding["agrees_with"] == ["herald"] and finding["contradicts"] == ["gazette"]
    assert "score as written '3-1'" in finding["how"]
    draft = toy.claims / "new.yaml"
    assert run("check", article, "--claims", toy.claims, "--draft", draft).exit_code == 0
    claims = yaml.safe_load(draft.read_text(encoding="utf-8"))["claims"]
    assert [(c["topic"], c["value"]) for c in claims] == [("match.score", "3-1")]
    assert run("validate", "--claims", toy.claims).exit_code == 0  # the draft reads back
