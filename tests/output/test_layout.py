"""The terminal views fitted to the terminal, through a real pseudo-terminal: no line wider than the
terminal, every topic name whole, quotes trimmed around their values."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from conftest import CLAIMS, ROOT, SEEDS

pty = pytest.importorskip("pty")
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def _run_in_terminal(args: list[str], columns: int) -> tuple[int, bytes]:
    """Run `claimcheck ARGS` with a pseudo-terminal `columns` wide as its stdout (sized before it starts)."""
    import struct

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    proc = subprocess.Popen([sys.executable, "-m", "claimcheck", *args], stdin=slave, stdout=slave,
                            stderr=subprocess.PIPE, env=env, cwd=ROOT)
    os.close(slave)
    out = bytearray()
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        out.extend(data)
    os.close(master)
    proc.stderr.read()
    return proc.wait(), bytes(out)


def in_terminal(args: list[str], columns: int) -> tuple[int, list[str]]:
    """The exit code and the lines a terminal `columns` wide shows, escapes removed."""
    code, out = _run_in_terminal(args, columns)
    text = _ESCAPE.sub("", out.decode("utf-8")).replace("\r\n", "\n")
    return code, text.split("\n")


def width(line: str) -> int:
    from rich.cells import cell_len

    return cell_len(line)


def all_topics() -> list[str]:
    doc = json.loads(subprocess.run([sys.executable, "-m", "claimcheck", "conflicts", "--claims", str(CLAIMS),
                                     "--format", "json"], capture_output=True, text=True, cwd=ROOT).stdout)
    return [g["topic"] for g in doc["groups"]]


@pytest.mark.parametrize("columns", [60, 80, 120, 200])
def test_conflicts_fit_the_terminal_with_every_topic_name_whole(columns):
    code, lines = in_terminal(["conflicts", "--claims", str(CLAIMS)], columns)
    assert code == 0
    too_wide = [line for line in lines if width(line) > columns]
    assert too_wide == []
    words = {w.strip("│ ") for line in lines for w in line.split()}
    missing = [t for t in all_topics() if t not in words]
    assert missing == []
    assert not any("…" in w and "." in w and "_" in w for w in words)  # no shortened topic name anywhere
    # the table where it fits, the stacked layout where it does not
    assert any("╭" in line for line in lines) == (columns >= 160)


@pytest.mark.parametrize("columns", [60, 80, 120, 200])
def test_check_fits_the_terminal_with_every_topic_name_whole(columns):
    article = str(SEEDS / "000_fa57afaeebda26ca.txt")
    args = ["check", "--claims", str(CLAIMS), article, "--exclude", "000-fa57", "--published", "2025-10-25"]
    code, lines = in_terminal(args, columns)
    assert code == 0
    assert [line for line in lines if width(line) > columns] == []
    doc = json.loads(subprocess.run([sys.executable, "-m", "claimcheck", *args, "--format", "json"],
                                    capture_output=True, text=True, cwd=ROOT).stdout)
    words = {w.strip("│ ,") for line in lines for w in line.split()}
    topics = {f["topic"] for f in doc["findings"]} | set(doc["not_mentioned"])
    assert sorted(t for t in topics if t not in words) == []


def test_a_quote_keeps_the_words_that_carry_its_value_at_every_width():
    """The leader's name and the delegation's size stay in their quotes, marked, however narrow the terminal."""
    for columns in (60, 80, 200):
        code, lines = in_terminal(["conflicts", "--claims", str(CLAIMS), "--topic", "afghan_delegation.leader",
                                   "--topic", "pakistan_delegation.size"], columns)
        assert code == 0
        joined = " ".join(" ".join(lines).replace("│", " ").split())
        assert "Haji Najib" in joined and "two-member team" in joined and "Rahmatullah Mujib" in joined
    # the value is marked: bold and underlined (SGR 1 and 4) around exactly its words
    raw = _raw(["conflicts", "--claims", str(CLAIMS), "--topic", "pakistan_delegation.size"], 80)
    assert re.search(r"\x1b\[(?:[0-9]+;)*4(?:;[0-9]+)*mtwo\x1b\[", raw)
    assert re.search(r"\x1b\[(?:[0-9]+;)*4(?:;[0-9]+)*mseven\x1b\[", raw)


def _raw(args: list[str], columns: int) -> str:
    return _run_in_terminal(args, columns)[1].decode("utf-8")
