"""`claimcheck diff OLD NEW`: report JSON files, claims folders and git revisions, in text, Markdown and JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from conftest import CLAIMS, ROOT

GIT = shutil.which("git")
ARTICLE = ("The council approved the bridge on Monday. Mayor Ana Ruiz said it will cost 40 million dollars. "
           "Work will take 18 months. Critics said the bridge will cost 55 million dollars. "
           "The builder said work will take 24 months. Attacker wrote <b>|bold|</b> here.\n")
CODEBOOK = """
topics:
  bridge.cost:
    type: number
    unit: million dollars
    description: What the bridge will cost.
  bridge.duration:
    type: number
    unit: months
    description: How long building it will take.
"""


def _source(sid: str, outlet: str, claims: list[tuple[str, object, str]]) -> str:
    out = [f"id: {sid}", f"outlet: {json.dumps(outlet)}", "published: 2025-11-03", "text: ../articles/a.txt", "claims:"]
    for topic, value, quote in claims:
        out += [f"  - topic: {topic}", f"    value: {value}", f"    quote: {json.dumps(quote)}"]
    return "\n".join(out) + "\n"


DAY1 = {
    "planet.yaml": _source("planet", "The Daily Planet", [("bridge.cost", 40, "it will cost 40 million dollars"),
                                                          ("bridge.duration", 18, "Work will take 18 months")]),
    "bugle.yaml": _source("bugle", "The Bugle", [("bridge.cost", 40, "it will cost 40 million dollars")]),
}
DAY2 = {
    "planet.yaml": DAY1["planet.yaml"],
    # the Bugle withdraws its cost and now gives another; a new source contradicts the duration
    "bugle.yaml": _source("bugle", "The Bugle", [("bridge.cost", 55, "the bridge will cost 55 million dollars")]),
    "herald.yaml": _source("herald", "<b>|Herald|</b>", [("bridge.duration", 24, "work will take 24 months")]),
}


def _write(root: Path, files: dict[str, str]) -> Path:
    claims = root / "claims"
    if claims.exists():
        shutil.rmtree(claims)
    claims.mkdir(parents=True)
    (root / "articles").mkdir(exist_ok=True)
    (root / "articles" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (claims / "topics.yaml").write_text(textwrap.dedent(CODEBOOK), encoding="utf-8")
    for name, text in files.items():
        (claims / name).write_text(text, encoding="utf-8")
    return claims


def _git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
    return subprocess.run([GIT, *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def story(tmp_path):
    """A story repository: day 1 committed, day 2 committed on top."""
    if GIT is None:
        pytest.skip("git is not installed")
    root = tmp_path / "story"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _write(root, DAY1)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "day 1")
    _write(root, DAY2)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "day 2")
    return root


EXPECTED_TEXT = """sources added (1): <b>|Herald|</b> (herald)
status changed (2):
  NEW CONFLICT  bridge.cost: agree -> conflict
  NEW CONFLICT  bridge.duration: single -> conflict
values added (2):
  bridge.cost = 55 million dollars (new value): The Bugle (bugle)
  bridge.duration = 24 months (new value): <b>|Herald|</b> (herald)
values withdrawn (1):
  bridge.cost = 40 million dollars: The Bugle (bugle)
2 new conflicts, 1 source added, 0 removed, 2 status changes, 2 values added, 1 withdrawn
"""


def test_git_revisions(run, story, monkeypatch):
    monkeypatch.chdir(story)
    result = run("diff", "HEAD~1", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "claimcheck diff: claims@HEAD~1 -> claims@HEAD\n" + EXPECTED_TEXT
    assert _git(story, "status", "--porcelain") == "" and _git(story, "worktree", "list").count("\n") == 0


def test_the_same_change_from_folders_and_from_report_json(run, story, tmp_path, monkeypatch):
    monkeypatch.chdir(story)
    day1 = _write(tmp_path / "day1", DAY1)
    for name, folder in (("old.json", day1), ("new.json", story / "claims")):
        assert run("report", "--claims", folder, "-o", tmp_path / name).exit_code == 0
    by_folder = run("diff", str(day1), "claims")
    by_json = run("diff", str(tmp_path / "old.json"), str(tmp_path / "new.json"))
    mixed = run("diff", "HEAD~1", str(tmp_path / "new.json"))
    for result in (by_folder, by_json, mixed):
        assert result.exit_code == 0, result.stderr
        assert result.stdout.split("\n", 1)[1] == EXPECTED_TEXT


def test_no_change(run, story, monkeypatch):
    monkeypatch.chdir(story)
    result = run("diff", "HEAD", "claims", "--fail-on", "new-conflict")
    assert (result.exit_code, result.stdout) == (0, "claimcheck diff: claims@HEAD -> claims\nno changes\n")


def test_fail_on_new_conflict(run, story, monkeypatch):
    monkeypatch.chdir(story)
    assert run("diff", "HEAD~1", "HEAD", "--fail-on", "new-conflict").exit_code == 1
    # the other way round, both conflicts go away: nothing to fail on
    back = run("diff", "HEAD", "HEAD~1", "--fail-on", "new-conflict")
    assert back.exit_code == 0
    assert "sources removed (1): <b>|Herald|</b> (herald)" in back.stdout
    assert "  bridge.cost = 55 million dollars (value gone): The Bugle (bugle)" in back.stdout


def test_markdown_for_a_pull_request(run, story, monkeypatch):
    monkeypatch.chdir(story)
    result = run("diff", "HEAD~1", "HEAD", "--format", "md")
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith("### claimcheck diff: claims@HEAD\\~1 → claims@HEAD\n\n**2 new conflicts**, 1 source added, ")
    assert "| bridge.duration | single | **conflict** (new conflict) |" in text
    assert "| bridge.duration | 24 months (new value) | \\<b\\>\\|Herald\\|\\</b\\> (herald) |" in text
    assert re.search(r"(?<!\\)[<|]Herald", text) is None  # untrusted text cannot open HTML or a table cell
    for line in text.splitlines():
        if line.startswith("| bridge."):
            assert len(re.split(r"(?<!\\)\|", line)) == 5, line  # three cells, whatever the outlet says


def test_json(run, story, monkeypatch):
    monkeypatch.chdir(story)
    doc = json.loads(run("diff", "HEAD~1", "HEAD", "--format", "json").stdout)
    assert doc["new_conflicts"] == 2 and doc["old"]["revision"].startswith("git ")
    assert doc["status_changes"][1] == {"topic": "bridge.duration", "old": "single", "new": "conflict", "new_conflict": True}
    assert doc["values_withdrawn"] == [{"topic": "bridge.cost", "value": "40 million dollars", "whole": False,
                                        "sources": ["bugle"]}]


def test_untrusted_text_is_inert_on_the_terminal(run, story, monkeypatch, tmp_path):
    monkeypatch.chdir(story)
    (story / "claims" / "herald.yaml").write_text(DAY2["herald.yaml"].replace("<b>|Herald|</b>", "Evil\\x1b[31m"))
    result = run("diff", "HEAD~1", "claims")
    assert "\x1b" not in result.stdout and "Evil\\x1b[31m (herald)" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["nosuch", "claims"], "nosuch: is not a report JSON file, a claims folder, or a git revision of claims"),
    (["{tmp}/bad.json", "claims"], "bad.json:1:2: not JSON"),
    (["{tmp}/other.json", "claims"], "other.json: is not a claimcheck report JSON"),
])
def test_bad_input_is_one_line_and_exit_2(run, story, monkeypatch, tmp_path, args, message):
    monkeypatch.chdir(story)
    (tmp_path / "bad.json").write_text("{nope")
    (tmp_path / "other.json").write_text('{"groups": 3}')
    result = run("diff", *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 2 and result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr, result.stderr


def test_a_revision_outside_a_repository(run, tmp_path, monkeypatch):
    claims = _write(tmp_path / "plain", DAY1)
    monkeypatch.chdir(tmp_path / "plain")
    result = run("diff", "HEAD~1", "claims")
    assert result.exit_code == 2 and "is not a report JSON file, a claims folder, or a git revision" in result.stderr
    assert claims.is_dir()


def test_bundled_set_against_itself(run):
    result = run("diff", str(CLAIMS), str(CLAIMS))
    assert result.exit_code == 0 and result.stdout.endswith("no changes\n")
    assert ROOT.is_dir()
