"""`claimcheck init`, `claimcheck schema`, and claimcheck as a pre-commit hook: a new story from one
command, editors that complete fields, and `validate` given the files pre-commit passes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import CLAIMS, ROOT


def claimcheck(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


@pytest.fixture
def story(tmp_path: Path) -> Path:
    result = claimcheck("init", "story", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "story"


def test_a_new_claim_set_validates_at_once(story):
    result = claimcheck("validate", "--claims", story / "claims")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == "ok: 7 claims from 1 sources on 7 topics; every quote found in its article\n"
    # and --strict: the sample trips no curation warning
    assert claimcheck("validate", "--claims", story / "claims", "--strict").returncode == 0


def test_init_writes_what_a_story_needs(story):
    names = sorted(p.relative_to(story).as_posix() for p in story.rglob("*") if p.is_file())
    assert names == [".pre-commit-config.yaml", "README.md", "articles/example-wire-2026-03-03.txt",
                     "claims/example-wire-2026-03-03.yaml", "claims/topics.yaml", "schema/claims.schema.json",
                     "schema/codebook.schema.json"]
    book = yaml.safe_load((story / "claims/topics.yaml").read_text(encoding="utf-8"))
    assert {t["type"] for t in book["topics"].values()} == {"person", "number", "date", "time", "list", "label", "text"}
    labels = [t for t in book["topics"].values() if t["type"] == "label"]
    assert labels and all(t["labels"] and t["compatible"] for t in labels)
    assert book["entities"] and book["distinct"]


def test_every_yaml_file_init_writes_starts_with_the_modeline_and_its_schema_is_there(story):
    for path in sorted(story.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        m = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert m, path
        target = m.group(1)
        if not target.startswith("https://"):
            schema = json.loads((path.parent / target).read_text(encoding="utf-8"))
            assert schema["title"].startswith("claimcheck")


def test_the_schema_checks_the_files_it_is_for(story):
    """The generated JSON Schema accepts the files init wrote and refuses a misspelt key."""
    jsonschema = pytest.importorskip("jsonschema")
    for kind, name in (("claims", "example-wire-2026-03-03.yaml"), ("codebook", "topics.yaml")):
        schema = json.loads(claimcheck("schema", kind).stdout)
        doc = yaml.safe_load((story / "claims" / name).read_text(encoding="utf-8"))
        doc = json.loads(json.dumps(doc, default=str))  # dates as the strings an editor sees
        jsonschema.validate(doc, schema)
        doc["outlett" if kind == "claims" else "topicz"] = 1
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(doc, schema)


def test_schema_has_descriptions_and_examples():
    claims = json.loads(claimcheck("schema").stdout)  # claims is the default
    assert claims["title"] == "claimcheck claim file"
    claim = claims["$defs"]["ClaimIn"]["properties"]
    assert set(claim) == {"id", "topic", "value", "quote", "attributed_to", "via", "hedge", "as_of", "note"}
    assert all(p.get("description") for p in claim.values())
    assert claim["attributed_to"]["examples"] == ["Khawaja Asif"]
    assert claims["properties"]["status"]["anyOf"][0] == {"const": "draft", "type": "string"}
    book = json.loads(claimcheck("schema", "codebook").stdout)
    assert book["$defs"]["TopicIn"]["properties"]["type"]["enum"] == ["person", "number", "date", "list", "label", "text", "time"]
    assert claimcheck("schema", "nonsense").returncode == 2


def test_init_never_overwrites(tmp_path):
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "notes.txt").write_text("mine", encoding="utf-8")
    result = claimcheck("init", "story", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: story: is not empty; name a new folder, so that nothing of yours is overwritten"
    assert [p.name for p in (tmp_path / "story").iterdir()] == ["notes.txt"]


# --------------------------------------------------------------------------- finding the claim set


def test_commands_find_the_claim_set_upward_from_the_current_folder(story):
    expected = "ok: 7 claims from 1 sources on 7 topics; every quote found in its article\n"
    for cwd in (story, story / "claims", story / "articles"):
        result = claimcheck("validate", cwd=cwd)
        assert (result.returncode, result.stdout) == (0, expected), cwd
    assert claimcheck("conflicts", "--topic", "collapse.*", cwd=story / "articles").stdout.startswith("SINGLE  collapse.cause")


def test_no_claim_set_anywhere_says_how_to_start_one(tmp_path):
    (tmp_path / ".git").mkdir()  # the search stops at the top of a git repository, as git's does
    result = claimcheck("conflicts", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: --claims: no claim set here: no claims/topics.yaml in this folder or any "
                                     "above it; pass --claims DIR, or start one with `claimcheck init DIR`")


def test_an_empty_claims_folder_says_what_is_missing(tmp_path):
    (tmp_path / "claims").mkdir()
    result = claimcheck("validate", "--claims", tmp_path / "claims")
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: {tmp_path / 'claims' / 'topics.yaml'}: codebook not found; a claim set needs "
                                     "one: write it (`claimcheck init DIR` starts a claim set with a commented one), or "
                                     "pass --codebook FILE")


# --------------------------------------------------------------------------- pre-commit


def test_validate_takes_the_files_pre_commit_passes(story, tmp_path):
    # pre-commit runs from the repository's top with the changed files' paths
    result = claimcheck("validate", "story/claims/example-wire-2026-03-03.yaml", "story/articles/example-wire-2026-03-03.txt",
                        "story/claims/topics.yaml", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "ok in story/claims: 7 claims from 1 sources on 7 topics; every quote found in its article\n"
    # two claim sets at once, one broken: both reported, exit 1
    bad = tmp_path / "other"
    assert claimcheck("init", bad).returncode == 0
    path = bad / "claims" / "example-wire-2026-03-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("value: 3\n", "value: 4\n"), encoding="utf-8")
    both = claimcheck("validate", "story", "other/claims/example-wire-2026-03-03.yaml", cwd=tmp_path)
    assert both.returncode == 0  # a different value is no error ...
    path.write_text(path.read_text(encoding="utf-8").replace("topic: collapse.deaths", "topic: collapse.death"),
                    encoding="utf-8")
    both = claimcheck("validate", "story", "other/claims/example-wire-2026-03-03.yaml", cwd=tmp_path)
    assert both.returncode == 1  # ... an unknown topic is
    assert "ok in story/claims: 7 claims" in both.stdout
    assert both.stderr.startswith("other/claims/example-wire-2026-03-03.yaml:17:12: unknown topic 'collapse.death'; "
                                  "did you mean 'collapse.deaths'?")
    outside = claimcheck("validate", tmp_path / "elsewhere.yaml", cwd=tmp_path)
    assert outside.returncode == 2 and "not found" in outside.stderr


def test_the_repository_hook_is_the_one_init_configures(story):
    from claimcheck.cli.init import HOOK

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks == [HOOK]
    config = yaml.safe_load((story / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (local,) = config["repos"]
    (hook,) = local["hooks"]
    assert local["repo"] == "local" and hook == {**HOOK, "language": "system"}
    files = re.compile(hook["files"])
    changed = ["story/claims/topics.yaml", "claims/a.yml", "story/articles/a.txt", "story/README.md",
               "story/schema/claims.schema.json", ".pre-commit-config.yaml", "story/claims/sub/x.yaml"]
    assert [p for p in changed if files.search(p)] == ["story/claims/topics.yaml", "claims/a.yml", "story/articles/a.txt"]


def test_pre_commit_runs_the_hook(story, tmp_path):
    """Through pre-commit itself, when it is installed: a good commit passes, a broken claim file stops it."""
    pre_commit = pytest.importorskip("pre_commit")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}

    def git(*args):
        return subprocess.run(["git", *args], cwd=story, capture_output=True, text=True, env=env)

    assert git("init", "-q").returncode == 0
    git("add", "-A")
    run = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    ok = subprocess.run(run, cwd=story, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert re.search(r"claimcheck validate\.+Passed", ok.stdout)
    path = story / "claims" / "example-wire-2026-03-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("injuring 12,", "injuring 13,", 1), encoding="utf-8")
    git("add", "-A")
    bad = subprocess.run(run, cwd=story, capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and "quote not found in the article" in bad.stdout
    del pre_commit
