"""The `time` value type: times of day in claim files, compared, and read from articles by `check`."""

from __future__ import annotations

import json

import pytest

from claimcheck.compare import compare_claim_set
from claimcheck.output.draft import draft_value
from claimcheck.claimset.load import load_claim_set
from claimcheck.values.timeofday import find_times, parse_time
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, TYPES

TIME = TYPES["time"]
CODEBOOK = """
topics:
  quake.time:
    type: time
    description: When the earthquake struck.
    subject: [quake, earthquake]
    cues: [struck, hit]
"""


@pytest.mark.parametrize("raw, shown, earliest, latest", [
    ("13:39", "13:39", "13:39", "13:39"), ("1.39 pm", "13:39", "13:39", "13:39"), ("1:39 p.m.", "13:39", "13:39", "13:39"),
    ("1:39pm", "13:39", "13:39", "13:39"), ("2 pm", "14:00", "14:00", "14:00"), ("noon", "12:00", "12:00", "12:00"),
    ("12:50 a.m.", "00:50", "00:50", "00:50"), ("13:39 UTC", "13:39 UTC", "13:39", "13:39"),
    ("1:39 p.m. GMT+5", "13:39 GMT+5", "13:39", "13:39"), ("0620 GMT", "06:20 GMT", "06:20", "06:20"),
    ("around 2:00 p.m.", "around 2:00 p.m.", "13:45", "14:15"),
    ("shortly after 1:30 pm", "shortly after 1:30 pm", "13:30", "13:45"),
    ("shortly before 9 am", "shortly before 9 am", "08:45", "09:00"),
])
def test_claim_values(raw, shown, earliest, latest):
    v = TIME.parse(raw, None)
    assert TIME.display(v) == shown
    doc = TIME.to_json(v)
    assert doc == shown if v.exact else doc == {"text": shown, "earliest": earliest, "latest": latest, "zone": None}
    assert TIME.parse(draft_value("time", v), None) == v  # a draft writes what parse reads back


@pytest.mark.parametrize("raw, message", [
    ("13.39", "a time of day: '13:39'"), ("25:00", "a time of day"), ("13:39 XYZ", "a time of day"),
    (819, "YAML read 819 as a number, so quote the time"), (13.39, "YAML read 13.39 as a number"),
])
def test_what_is_no_time_is_refused_saying_how_to_write_one(raw, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        TIME.parse(raw, None)


@pytest.mark.parametrize("a, b, kind, reason", [
    ("13:39", "1:39 p.m.", SAME, "same time"),
    ("13:38", "13:39", DIFFERENT, "1 minute apart"),
    ("13:00", "14:30", DIFFERENT, "1 h 30 min apart"),
    ("23:55", "00:05", DIFFERENT, "10 minutes apart"),
    ("around 2:00 p.m.", "13:50", COMPATIBLE, "13:50 lies within 'around 2:00 p.m.' (13:45-14:15); approximate, never an exact match"),
    ("around 2:00 p.m.", "13:30", DIFFERENT, "13:30 is 15 minutes outside 'around 2:00 p.m.' (13:45-14:15)"),
    ("shortly after 1:30 pm", "13:39", COMPATIBLE,
     "13:39 lies within 'shortly after 1:30 pm' (13:30-13:45); approximate, never an exact match"),
    ("around 2 pm", "around 3 pm", DIFFERENT, "30 minutes apart at their closest"),
    ("13:39 UTC", "19:09 IST", SAME, "same time (compared in one zone: 19:09 IST is 13:39 UTC)"),
    ("13:39 UTC", "13:39", COMPATIBLE, "the same clock time (one gives no zone: compared as written); name the zone in both to be sure"),
    ("12:50 MMT", "06:20 GMT", SAME, "same time (compared in one zone: 06:20 GMT is 12:50 MMT)"),
])
def test_relations(a, b, kind, reason):
    r = TIME.relate(parse_time(a), parse_time(b), None)
    assert (r.kind, r.reason) == (kind, reason)
    assert TIME.relate(parse_time(b), parse_time(a), None).kind == kind


def test_find_times_reads_every_form_and_skips_numbers():
    found = find_times("The quake struck at 12:50 p.m. local time (0620 GMT); a second one shortly after 1:30 pm, "
                       "then 1.39 pm and 13:39. Magnitude 7.7, 2,611 dead.")
    assert [(m.text, TIME.display(m.value)) for m in found] == [
        ("12:50 p.m. local time", "12:50"), ("0620 GMT", "06:20 GMT"), ("shortly after 1:30 pm", "shortly after 1:30 pm"),
        ("1.39 pm", "13:39"), ("13:39", "13:39")]
    assert "local time, zone not named" in found[0].how


def test_conflicts_on_times(story, run):
    s = story(CODEBOOK)
    s.source("a", [("quake.time", "13:38", "The earthquake struck at 13:38.")])
    s.source("b", [("quake.time", "1:39 p.m.", "The earthquake struck at 1:39 p.m.")])
    s.source("c", [("quake.time", "around 2:00 p.m.", "The earthquake struck around 2:00 p.m.")])
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "conflict"
    out = run("conflicts", "--claims", s.claims).stdout
    assert "why: 13:38 vs 13:39: 1 minute apart" in out
    assert "why: 13:38 vs around 2:00 p.m.: 13:38 is 7 minutes outside 'around 2:00 p.m.' (13:45-14:15)" in out
    doc = json.loads(run("conflicts", "--claims", s.claims, "--format", "json").stdout)
    assert {v["display"]: v["value"] for v in doc["groups"][0]["values"]} == {
        "13:38": "13:38", "13:39": "13:39",
        "around 2:00 p.m.": {"text": "around 2:00 p.m.", "earliest": "13:45", "latest": "14:15", "zone": None}}


def test_an_approximate_time_is_partial_within_its_tolerance(story):
    s = story(CODEBOOK)
    s.source("a", [("quake.time", "13:39", "The earthquake struck at 13:39.")])
    s.source("b", [("quake.time", "shortly after 1:30 pm", "The earthquake struck shortly after 1:30 pm.")])
    (g,) = compare_claim_set(load_claim_set(s.claims)).groups
    assert g.status == "partial"


def test_yaml_reads_an_unquoted_time_as_written(story):
    s = story(CODEBOOK)
    s.source("a", [], raw="")
    (s.claims / "a.yaml").write_text(
        "id: a\noutlet: A\ntext: ../articles/a.txt\nclaims:\n"
        "  - topic: quake.time\n    value: 13:39\n    quote: The earthquake struck at 13:39.\n", encoding="utf-8")
    (s.articles / "a.txt").write_text("The earthquake struck at 13:39.", encoding="utf-8")
    (claim,) = load_claim_set(s.claims).claims
    assert TIME.display(claim.value) == "13:39" and claim.raw_value == "13:39"  # not YAML 1.1's 819


def test_check_reads_a_time_and_judges_it(story, run, tmp_path):
    s = story(CODEBOOK)
    s.source("a", [("quake.time", "13:39", "The earthquake struck at 13:39.")])
    s.source("b", [("quake.time", "13:20", "The earthquake struck at 13:20.")])
    art = tmp_path / "new.txt"
    art.write_text("The earthquake struck at 1.39 pm on Friday, officials said.", encoding="utf-8")
    doc = json.loads(run("check", art, "--claims", s.claims, "--format", "json", "--published", "2025-03-28").stdout)
    (f,) = doc["findings"]
    assert (f["topic"], f["value"], f["verdict"], f["agrees_with"], f["contradicts"]) == \
        ("quake.time", "13:39", "contradicts", ["a"], ["b"])
    assert "contradicts b (13:20: 19 minutes apart)" in f["reason"]
    assert f["how"].startswith("time as written '1.39 pm'")
    draft = tmp_path / "draft.yaml"
    assert run("check", art, "--claims", s.claims, "--published", "2025-03-28", "--draft", draft).exit_code == 0
    assert 'value: "13:39"' in draft.read_text()


@pytest.mark.parametrize("fmt", ["md", "html", "json", "csv", "sqlite"])
def test_every_report_shows_times_and_bounds(story, run, tmp_path, fmt):
    s = story(CODEBOOK + """
  quake.deaths:
    type: number
    description: People killed.
""")
    s.source("a", [("quake.time", "13:38", "The earthquake struck at 13:38."),
                   ("quake.deaths", "as many as 36", "As many as 36 were killed.")])
    s.source("b", [("quake.time", "around 2:00 p.m.", "The earthquake struck around 2:00 p.m."),
                   ("quake.deaths", 40, "Forty were killed.")])
    out = tmp_path / f"r.{fmt}"
    result = run("report", "--claims", s.claims, "-o", out)
    assert result.exit_code == 0, result.stderr
    also = f" and {out.with_suffix('.metadata.json')}" if fmt == "sqlite" else ""  # Datasette's metadata beside it
    assert f"wrote {out}{also}: 2 topics, 2 conflicts" in result.stdout + result.stderr
    if fmt == "sqlite":
        import sqlite3

        with sqlite3.connect(out) as con:
            rows = dict(con.execute("SELECT display, value FROM clusters").fetchall())
        assert json.loads(rows["around 2:00 p.m."]) == {"text": "around 2:00 p.m.", "earliest": "13:45", "latest": "14:15", "zone": None}
        assert json.loads(rows["as many as 36"]) == {"text": "as many as 36", "min": 0.0, "max": 36.0}
        return
    text = out.read_text(encoding="utf-8")
    assert "around 2:00 p.m." in text and "13:38" in text and "as many as 36" in text
    if fmt in ("md", "html", "json"):
        assert "13:38 is 7 minutes outside" in text and "40 is more than" in text


def test_validate_places_a_bad_time_and_says_how_to_write_one(story, run):
    s = story(CODEBOOK)
    (s.articles / "a.txt").write_text("The earthquake struck at 13.39.", encoding="utf-8")
    (s.claims / "a.yaml").write_text(
        "id: a\noutlet: A\ntext: ../articles/a.txt\nclaims:\n"
        "  - topic: quake.time\n    value: 13.39\n    quote: The earthquake struck at 13.39.\n", encoding="utf-8")
    result = run("validate", "--claims", s.claims)
    assert result.exit_code == 1
    assert (f"{s.claims / 'a.yaml'}:6:12: value 13.39 does not fit topic 'quake.time' (time): expected a time of day as "
            "text, e.g. '13:39' or '1:39 p.m.'; YAML read 13.39 as a number, so quote the time: value: \"13:39\"") in result.stderr
