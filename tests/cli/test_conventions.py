"""What a newsroom expects of a command line: -h, completion, --quiet, --color with NO_COLOR and
FORCE_COLOR, units after numbers, and YAML mistakes and dates told in plain words."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import CLAIMS, ROOT

_COLOUR = re.compile(r"\x1b\[[0-9;]*(3[0-7]|38;[0-9;]+)m")


def claimcheck(*args, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    return subprocess.run([sys.executable, "-m", "claimcheck", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**base, **(env or {})})


def test_dash_h_is_help_everywhere():
    assert claimcheck("-h").stdout == claimcheck("--help").stdout
    for command in ("validate", "conflicts", "check", "report", "init", "schema"):
        result = claimcheck(command, "-h")
        assert result.returncode == 0 and "Example: claimcheck" in result.stdout, command


def test_shell_completion_is_on():
    help_text = claimcheck("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    # The shell named, not detected: detection walks the process tree, which a detached runner lacks.
    shown = claimcheck("--show-completion", "bash", env={"SHELL": "/bin/bash", "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"})
    assert shown.returncode == 0 and "_CLAIMCHECK_COMPLETE" in shown.stdout


@pytest.mark.parametrize("args", [
    ["validate", "--claims", CLAIMS, "-q"],
    ["conflicts", "--claims", CLAIMS, "--quiet"],
])
def test_quiet_prints_nothing_and_the_exit_code_tells(args):
    result = claimcheck(*args)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    failing = claimcheck("conflicts", "--claims", CLAIMS, "--quiet", "--fail-on", "conflict")
    assert (failing.returncode, failing.stdout) == (1, "")


def test_color_always_never_and_the_environment():
    args = ("conflicts", "--claims", CLAIMS, "--status", "conflict")
    piped = claimcheck(*args)
    assert "\x1b[" not in piped.stdout and piped.stdout.startswith("CONFLICT  afghan_delegation.leader")
    always = claimcheck(*args, "--color", "always")
    assert _COLOUR.search(always.stdout) and "✗ conflict" in always.stdout
    assert _COLOUR.search(claimcheck(*args, env={"FORCE_COLOR": "1"}).stdout)
    # the flag wins over the environment
    assert _COLOUR.search(claimcheck(*args, "--color", "always", env={"NO_COLOR": "1"}).stdout)
    never = claimcheck(*args, "--color", "never", env={"FORCE_COLOR": "1"})
    assert never.stdout == piped.stdout
    # FORCE_COLOR with NO_COLOR: the terminal view without colour (bold and the value's mark stay)
    both = claimcheck(*args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "✗ conflict" in both and not _COLOUR.search(both) and "\x1b[1m" in both
    assert claimcheck(*args, "--color", "sometimes").returncode == 2


def test_units_follow_numbers_wherever_values_are_shown():
    out = claimcheck("conflicts", "--claims", CLAIMS, "--topic", "pakistan_delegation.size", "--topic",
                     "border.length_km", "--topic", "clashes.deaths").stdout
    assert "  = 2 members  [000-fa57]" in out and "  = 7 members  [001-71e8]" in out
    assert "  = 2611 km  [" in out and "  = dozens (people)  [" in out
    check = claimcheck("check", "--claims", CLAIMS, ROOT / "seeds" / "000_fa57afaeebda26ca.txt", "--exclude", "000-fa57",
                       "--published", "2025-10-25").stdout
    assert "pakistan_delegation.size = 2 members  (confidence 0.85)" in check
    assert "001-71e8 says 7 members: " in check


# --------------------------------------------------------------------------- messages


def one_file(scratch, body: str) -> subprocess.CompletedProcess:
    scratch.article("a.txt", "Pakistan's seven-member delegation arrived.")
    scratch.source("a.yaml", body)
    return claimcheck("validate", "--claims", scratch.claims)


@pytest.mark.parametrize("body,message", [
    ("""\
        id: a
        outlet: X
        text: ../articles/a.txt
        claims:
          - topic: pakistan_delegation.size
            value: 7
           quote: Pakistan's seven-member delegation arrived.
        """, "7:4: 'quote:' starts in column 4, where no key above it does: keys of one mapping start in one column; "
             "start it in column 5, under 'value:' (line 6), indenting with spaces only"),
    ("""\
        id: a
        outlet: X
        text: ../articles/a.txt
        claims:
           - topic: pakistan_delegation.size
             value: 7
            quote: Pakistan's seven-member delegation arrived.
        """, "7:5: 'quote:' starts in column 5, where no key above it does: keys of one mapping start in one column; "
             "start it in column 6, under 'value:' (line 6), indenting with spaces only"),
    ("""\
        id: a
        outlet: X
        title: Talks
          text: ../articles/a.txt
        claims: []
        """, "4:3: 'text:' is indented more than 'title:' on line 3, so YAML reads it as the rest of title's value; "
             "start it in column 1, under 'title:'"),
    ("""\
        id: a
        outlet: X
        title: Asif said: war
        claims: []
        """, "3:17: a value holding ': ' must be quoted; put the whole value in double quotes (\"like: this\"), "
             "writing any \" inside it as \\\""),
    ("""\
        id: a
        outlet: X
        published: 3/3/2026
        claims: []
        """, "3:12: published: '3/3/2026' is not a date claimcheck reads; write dates as YYYY-MM-DD, e.g. 2026-03-03"),
    ("""\
        id: a
        outlet: X
        published: March 3, 2026
        claims: []
        """, "3:12: published: 'March 3, 2026' is not a date claimcheck reads; write dates as YYYY-MM-DD, e.g. 2026-03-03"),
    ("""\
        id: a
        outlet: X
        published: 3/4/2026
        claims: []
        """, "3:12: published: '3/4/2026' is not a date claimcheck reads; write dates as YYYY-MM-DD, e.g. 2026-03-04 "
             "(or 2026-04-03, if the day comes first)"),
])
def test_yaml_mistakes_and_dates_in_plain_words(scratch, body, message):
    result = one_file(scratch, textwrap.dedent(body))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"{scratch.claims / 'a.yaml'}:{message}"


def test_a_weekday_in_the_quote_that_is_not_the_values(scratch):
    scratch.article("a.txt", "The ceasefire was agreed late on Sunday in Doha.")
    scratch.source("a.yaml", """\
        id: a
        outlet: X
        published: 2025-10-25
        text: ../articles/a.txt
        claims:
          - topic: ceasefire.doha_date
            value: 2025-10-20
            quote: The ceasefire was agreed late on Sunday in Doha.
        """)
    result = claimcheck("validate", "--claims", scratch.claims)
    assert result.returncode == 0
    assert (f"{scratch.claims / 'a.yaml'}:6:5: warning: the quote says 'Sunday' but the value 2025-10-20 is a Monday; "
            "check the date (or, if the article is wrong, keep its words and say so in `note`)") in result.stderr
    fixed = (scratch.claims / "a.yaml").read_text(encoding="utf-8").replace("2025-10-20", "2025-10-19")
    (scratch.claims / "a.yaml").write_text(fixed, encoding="utf-8")
    assert "the quote says" not in claimcheck("validate", "--claims", scratch.claims).stderr
