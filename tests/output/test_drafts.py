"""Drafts worth editing: written as curators write claim files, credited as the sentence credits,
outlet and date from the dateline, marked `status: draft` and left out of results until reviewed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CLAIMS, ROOT

WIRE = """\
Riverton bridge toll rises
March 4, 2026

RIVERTON (Daily Courier) - Four people were killed when the Old Mill bridge collapsed on Monday, police said.

Rescue work was led by fire chief Diana Whitfield, according to the city council.
"""


def claimcheck(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def story(tmp_path: Path) -> Path:
    assert claimcheck("init", "story", cwd=tmp_path).returncode == 0
    (tmp_path / "story" / "articles" / "courier.txt").write_text(WIRE, encoding="utf-8")
    return tmp_path / "story"


def test_a_draft_reads_like_a_hand_written_claim_file(story):
    result = claimcheck("check", "articles/courier.txt", "--draft", "claims/courier.yaml", cwd=story)
    assert result.returncode == 0, result.stderr
    text = (story / "claims" / "courier.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../schema/claims.schema.json"
    body = text[text.index("id: "):]
    assert body == """\
id: draft-courier
status: draft
outlet: Daily Courier
title: Riverton bridge toll rises
published: 2026-03-04
url: null
text: ../articles/courier.txt
note: "Drafted by `claimcheck check --draft` from articles/courier.txt; dates counted from the dateline 'March 4, 2026' 2026-03-04; outlet from the article's dateline. Review every claim against the article, then delete `status: draft`."
claims:
  - topic: collapse.deaths
    value: 4
    quote: RIVERTON (Daily Courier) - Four people were killed when the Old Mill bridge collapsed on Monday, police said.
    attributed_to: police
    note: "read by claimcheck check: number as written 'Four', 1 word from the cue 'killed'; verdict contradicts (contradicts example-wire-2026-03-03)"

  - topic: rescue.leader
    value: Diana Whitfield
    quote: Rescue work was led by fire chief Diana Whitfield, according to the city council.
    attributed_to: the city council
    hedge: according to
    note: "read by claimcheck check: close to the known name 'Dana Whitfield' (similarity 0.97) 1 word after the cue 'led by'; verdict contradicts (contradicts example-wire-2026-03-03)"

  - topic: collapse.date
    value: 2026-03-02
    quote: RIVERTON (Daily Courier) - Four people were killed when the Old Mill bridge collapsed on Monday, police said.
    attributed_to: police
    note: "read by claimcheck check: 'on Monday' counted from the dateline 'March 4, 2026' (2026-03-04, a Wednesday), 0 words from the cue 'collapsed'; verdict supports (agrees with example-wire-2026-03-03)"
"""
    assert "status: draft" in result.stderr and "left out of conflicts, report and check" in result.stderr


@pytest.mark.parametrize("sentence,who,via", [
    ("His warning came as the second round began in Istanbul, Turkey, Dawn reported.", "Dawn", None),
    ("Pakistan was represented by a two-member team, The Express Tribune reported.", "The Express Tribune", None),
    ("“Failure means open war,” Asif was quoted as saying by Reuters on Saturday.", "Asif", "Reuters"),
    ("More than 40 people were killed, according to local officials, and 150 were wounded.", "local officials", None),
    ("According to Pakistan’s Foreign Office, the talks began.", "Pakistan’s Foreign Office", None),
    ("The talks ended without a deal, diplomats said.", "diplomats", None),
    ("He said the talks failed.", None, None),
    ("The delegation said the talks failed.", None, None),
    ("The Afghan delegation is led by Rahmatullah Mujib", None, None),
])
def test_attribution_is_read_from_the_sentence(sentence, who, via):
    from claimcheck.output.draft import attribution

    assert attribution(sentence) == (who, via)


@pytest.mark.parametrize("head,outlet", [
    ("ISTANBUL, Oct 27 (Reuters) - Talks resumed.", "Reuters"),
    ("Talks resume\nBy Jane Doe, Dawn\n\nTalks resumed.", "Dawn"),
    ("Talks resume\n\nTalks resumed on Monday (local time).", None),
])
def test_the_outlet_comes_from_the_dateline_or_byline(head, outlet):
    from claimcheck.output.draft import stated_outlet

    assert stated_outlet(head) == outlet


def test_a_draft_is_left_out_until_the_mark_is_removed(story):
    assert claimcheck("check", "articles/courier.txt", "--draft", "claims/courier.yaml", cwd=story).returncode == 0
    valid = claimcheck("validate", cwd=story)
    assert valid.returncode == 0
    assert valid.stdout.endswith("; 1 draft (status: draft) left out of results\n")
    summary = lambda r: r.stdout.rstrip().splitlines()[-1]  # noqa: E731
    assert summary(claimcheck("conflicts", cwd=story)) == \
        "7 topics from 1 sources, 7 claims: 0 conflict, 0 partial, 0 agree, 7 single"
    assert summary(claimcheck("conflicts", "--include-drafts", cwd=story)) == \
        "7 topics from 2 sources, 10 claims: 2 conflict, 0 partial, 1 agree, 4 single"
    report = claimcheck("report", "-o", "-", "--format", "json", cwd=story)
    assert "draft-courier" not in report.stdout
    # checking the draft's own article again: no passages shared with itself, drafts or not
    for extra in ([], ["--include-drafts"]):
        again = claimcheck("check", "articles/courier.txt", *extra, cwd=story)
        assert summary(again).endswith("; 0 shared passages")
    own = claimcheck("check", "articles/courier.txt", "--include-drafts", cwd=story)
    assert "warning: this is source draft-courier's own article" in own.stdout
    # the curator reviews it and removes the mark: now it counts
    path = story / "claims" / "courier.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: draft\n", ""), encoding="utf-8")
    assert summary(claimcheck("conflicts", cwd=story)).startswith("7 topics from 2 sources, 10 claims: 2 conflict")


def test_check_draft_writes_the_first_claim_file_of_a_new_set(tmp_path):
    claims = tmp_path / "claims"
    claims.mkdir()
    (claims / "topics.yaml").write_text((CLAIMS / "topics.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    article = tmp_path / "articles" / "a.txt"
    article.parent.mkdir()
    article.write_text((ROOT / "seeds" / "001_71e8f1d2efcfcb7f.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = claimcheck("check", "articles/a.txt", "--published", "2025-10-25", "--draft", "claims/a.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "not mentioned" in result.stdout and "0 contradict" in result.stdout
    doc = yaml.safe_load((claims / "a.yaml").read_text(encoding="utf-8"))
    assert doc["status"] == "draft" and doc["text"] == "../articles/a.txt" and len(doc["claims"]) >= 5
    assert claimcheck("validate", cwd=tmp_path).returncode == 0
    # without --draft a codebook alone is still no claim set to check against
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "topics.yaml").write_text((CLAIMS / "topics.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    refused = claimcheck("check", "articles/a.txt", "--claims", empty, cwd=tmp_path)
    assert refused.returncode == 2 and "holds no claim files" in refused.stderr and "--draft" in refused.stderr


def test_a_draft_of_an_article_outside_the_claim_set_points_at_a_copy(tmp_path, story):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(WIRE, encoding="utf-8")
    result = claimcheck("check", outside, "--draft", "claims/elsewhere.yaml", cwd=story)
    assert result.returncode == 0
    doc = yaml.safe_load((story / "claims" / "elsewhere.yaml").read_text(encoding="utf-8"))
    assert doc["text"] == "elsewhere.article.txt"
    assert claimcheck("validate", cwd=story).returncode == 0
