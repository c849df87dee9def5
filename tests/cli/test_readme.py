"""Every example in the README, checked, so that it cannot go stale.

- A ```text block whose lines start with `$ claimcheck` (or `$ cd`) is run, and its output must be
  what the block shows (stdout and stderr as a terminal would interleave them: here, stderr after
  stdout; a line `...` stands for lines left out). Outside "Your first story" commands run at the
  repository's top; inside it they run one after another in a fresh folder, where ```sh blocks are
  run too (they write the second article and remove the draft mark).
- ```yaml blocks are claim files or codebooks, and must satisfy `claimcheck schema`.
- Every `claimcheck ...` line of a ```sh block names a real command and only options it has.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent
STORY = "## Your first story"


def blocks() -> list[tuple[str, str, bool]]:
    """(language, body, in the first story?) of every fenced block, in order."""
    out = []
    story_at = README.index(STORY)
    story_end = README.index("\n## ", story_at + 1)
    for m in re.finditer(r"^```(\w*)\n(.*?)^```", README, re.M | re.S):
        out.append((m.group(1), m.group(2), story_at < m.start() < story_end))
    return out


def env() -> dict:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    return {**base, "PATH": f"{BIN}{os.pathsep}{base.get('PATH', '')}"}


def sessions(body: str) -> list[tuple[str, list[str]]]:
    """A text block's commands and the output lines shown after each."""
    out: list[tuple[str, list[str]]] = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            out.append((line[2:], []))
        elif out:
            out[-1][1].append(line)
    return out


def matches(shown: list[str], actual: list[str]) -> bool:
    """Whether the actual lines are the shown ones, a `...` line standing for any run of lines."""
    parts: list[list[str]] = [[]]
    for line in shown:
        if line == "...":
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return shown == actual
    first, *middle, last = parts
    end = len(actual) - len(last)
    if actual[:len(first)] != first or end < len(first) or actual[end:] != last:
        return False
    i = len(first)
    for part in middle:
        while i + len(part) <= end and actual[i:i + len(part)] != part:
            i += 1
        if i + len(part) > end:
            return False
        i += len(part)
    return True


def run_shown(command: str, cwd: Path) -> list[str]:
    proc = subprocess.run(command, shell=True, cwd=cwd, env=env(), capture_output=True, text=True)
    text = proc.stdout + proc.stderr
    return text.rstrip("\n").split("\n") if text.strip() else []


def _check_sessions(body: str, cwd: Path) -> Path:
    for command, shown in sessions(body):
        if command.startswith("cd "):
            cwd = cwd / command[3:].strip()
            continue
        assert command.startswith(("claimcheck ", "sqlite3 ")), command
        if command.startswith("sqlite3") and not _have("sqlite3"):
            continue
        actual = run_shown(command, cwd)
        assert matches(shown, actual), f"$ {command}\n--- README shows\n" + "\n".join(shown) + \
            "\n--- it prints\n" + "\n".join(actual)
    return cwd


def _have(tool: str) -> bool:
    import shutil

    return shutil.which(tool) is not None


def test_the_first_story_runs_as_written(tmp_path):
    cwd = tmp_path
    story = [b for b in blocks() if b[2]]
    assert any(lang == "text" for lang, _, _ in story) and any(lang == "sh" for lang, _, _ in story)
    for lang, body, _ in story:
        if lang == "sh":
            proc = subprocess.run(body, shell=True, cwd=cwd, env=env(), capture_output=True, text=True)
            assert proc.returncode == 0, body + proc.stderr
        elif lang == "text" and body.startswith("$ "):
            cwd = _check_sessions(body, cwd)


def test_every_other_shown_command_prints_what_the_readme_shows(tmp_path):
    shown = [body for lang, body, story in blocks() if lang == "text" and body.startswith("$ ") and not story]
    assert len(shown) >= 3
    for body in shown:
        _check_sessions(body.replace("report.html", f"{tmp_path}/report.html"), ROOT)  # the command's and its line's


def test_yaml_examples_satisfy_the_schema():
    jsonschema = pytest.importorskip("jsonschema")
    from claimcheck.claimset.schema import json_schema

    examples = [yaml.safe_load(body) for lang, body, _ in blocks() if lang == "yaml"]
    assert len(examples) >= 2
    for doc in examples:
        kind = "codebook" if "topics" in doc else "claims"
        jsonschema.validate(json.loads(json.dumps(doc, default=str)), json_schema(kind))


def test_command_lines_name_real_commands_and_options():
    import typer.main

    from claimcheck.cli.app import app

    group = typer.main.get_command(app)
    seen = 0
    for lang, body, _ in blocks():
        if lang != "sh":
            continue
        for line in body.splitlines():
            line = line.split(" #")[0].strip()
            if "claimcheck " not in line or line.startswith("#"):
                continue
            words = shlex.split(line[line.index("claimcheck "):].split("|")[0].split("&&")[0])
            command = group.commands.get(words[1])
            assert command is not None, line
            options = {o for p in command.params for o in (*p.opts, *p.secondary_opts)}
            for w in words[2:]:
                if w.startswith("-") and w != "-":
                    assert w.split("=")[0] in options, f"{w} in: {line}"
            seen += 1
    assert seen >= 5


def test_the_sqlite_example_returns_what_the_readme_shows(tmp_path):
    import sqlite3

    m = re.search(r'^  \$ sqlite3 report\.sqlite "(.*?)"\n(.*?)\n  ```', README, re.M | re.S)
    assert m, "the SQLite example"
    query, shown = " ".join(m.group(1).split()), [line.strip() for line in m.group(2).splitlines()]
    db = tmp_path / "report.sqlite"
    assert subprocess.run([sys.executable, "-m", "claimcheck", "report", "-o", str(db), "--claims", str(ROOT / "claims")],
                          capture_output=True).returncode == 0
    with sqlite3.connect(db) as con:
        rows = ["|".join(str(x) for x in row) for row in con.execute(query)]
    assert rows == shown
