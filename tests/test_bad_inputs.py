"""Every bad input through every command that reads it, as a real process: one located line,
the documented exit code, no traceback, nothing written, bounded time and memory."""

from __future__ import annotations

import hashlib
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "bad_inputs"))
from cases import CASES, RUNS, UNSAFE  # noqa: E402

from messages import CASES as CLAIM_FILE_MESSAGES  # noqa: E402

ARTICLE = Path(__file__).parent / "bad_inputs" / "good-article.txt"
COMMANDS = [["validate"], ["conflicts"], ["conflicts", "--format", "json"], ["report", "-o", "{out}/report.html"],
            ["report", "-o", "{out}/report.sqlite"], ["check", str(ARTICLE)], ["diff", "{claims}", "{claims}"]]
# diff takes each side as a report JSON file, a claims folder or a git revision, and says so of a path that is none
DIFF_MESSAGES = {"files/missing-folder": "is not a report JSON file, a claims folder, or a git revision",
                 "files/claims-is-a-file": "not JSON (Expecting value); give a file written by `claimcheck report"}
MEMORY_CAP = 1024 * 1024 * 1024  # 1 GiB of address space is far more than any case needs
TIME_CAP = 30


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def limit():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(a.rsplit("/", 1)[-1] for a in c))
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input(tmp_path, case, command):
    claims = case.build(tmp_path)
    before = snapshot(tmp_path)
    command = [arg.replace("{out}", str(tmp_path)).replace("{claims}", str(claims)) for arg in command]
    proc = subprocess.run([sys.executable, "-m", "claimcheck", *command, "--claims", str(claims), *case.args],
                          capture_output=True, text=True, timeout=TIME_CAP, preexec_fn=limit,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == case.exit_code, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.stdout == ""  # nothing printed as if it were a result
    first = proc.stderr.splitlines()[0]
    assert str(tmp_path) in first or first.startswith("error: " + str(tmp_path))
    expected = case.message or CLAIM_FILE_MESSAGES[case.name.split("/", 1)[1]][2]
    if command[0] == "diff":
        expected = DIFF_MESSAGES.get(case.name, expected)
    assert expected in first, first
    assert "\x1b" not in proc.stderr  # hostile text is shown inert
    assert not case.never or case.never not in proc.stderr + proc.stdout  # nothing of a file that is not a claim file
    assert snapshot(tmp_path) == before  # nothing written, nothing changed


@pytest.mark.parametrize("case", RUNS, ids=lambda c: c.name)
def test_hostile_surroundings(tmp_path, case):
    """One command in hostile surroundings (special files, planted cache files, output targets that
    are not files, adversarial text), as a real process under the same limits: the documented exit
    code, at most one located line, no traceback, nothing raw that could drive a terminal, and what
    the case says must hold afterwards."""
    setup = case.build(tmp_path)
    env = {**os.environ, "NO_COLOR": "1", **setup.env}
    stdin = setup.stdin() if callable(setup.stdin) else None
    out = open(setup.stdout, "wb") if setup.stdout else subprocess.PIPE

    def preexec():
        limit()
        if setup.close_stdout:
            os.close(1)

    try:
        proc = subprocess.run([sys.executable, "-m", "claimcheck", *setup.args], stdin=stdin,
                              input=setup.stdin if isinstance(setup.stdin, bytes) else None,
                              stdout=out, stderr=subprocess.PIPE, timeout=TIME_CAP, preexec_fn=preexec, env=env)
    finally:
        if stdin is not None:
            stdin.close()
        if setup.stdout:
            out.close()
    proc.stdout = (proc.stdout or b"").decode("utf-8", "replace")
    proc.stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == case.exit_code, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.splitlines()
    if case.message:
        assert lines and case.message in lines[0], proc.stderr[-2000:]
    if case.exit_code:
        assert len(lines) == 1, proc.stderr[-2000:]  # one line saying what is wrong
    assert not [c for c in proc.stderr if c in UNSAFE and c != "\n"]
    if setup.after is not None:
        setup.after(proc)
