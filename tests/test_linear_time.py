"""Untrusted text never takes quadratic time: the rules that backtracked are rewritten, and give what they gave.

Each rewritten rule is compared with the regular expression it replaces on random short texts
(hypothesis), so the rewrite changes nothing a reader sees; then hypothesis builds adversarial
runs (spaces, brackets, emphasis marks, ellipses, comment and fence marks) hundreds of thousands
long, and whole commands must finish within a generous bound, as real processes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.check.article import _HEADING, _heading, _without_code_blocks, _without_comments, markdown_text
from claimcheck.claimset.ground import ELLIPSIS_REFERENCE, split_ellipses
from claimcheck.check.sentences import CLAUSE_BREAK_REFERENCE, clause_breaks

from conftest import CLAIMS

BOUND = 60  # seconds for one whole command on a few megabytes of hostile text: generous, it takes one or two


def _texts(alphabet: list[str], size: int = 14):
    return st.lists(st.sampled_from(alphabet), max_size=size).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_texts([" ", "  ", "\t", "\n", "\u00a0", "a", "1", "\u0663", ",", ";", ":", "-", "--", "\u2013", "\u2014", "(", ")", "[", "]", "x-y"]))
def test_the_clause_split_gives_what_the_pattern_gave(text):
    assert clause_breaks(text) == [m.span() for m in re.finditer(CLAUSE_BREAK_REFERENCE, text)]


@settings(max_examples=1000, deadline=None)
@given(_texts([" ", "  ", "\t", "\n", "\u00a0", "a", ".", "..", "...", ". . .", ". .", "\u2026"]))
def test_the_ellipsis_split_gives_what_the_pattern_gave(text):
    assert split_ellipses(text) == re.split(ELLIPSIS_REFERENCE, text)


@settings(max_examples=1000, deadline=None)
@given(_texts(["```", "```", "\n", "\n", " ", "\t", "a", "x ", "<!--", "-->", "-", "#", "# ", "  #", "##"]))
def test_the_markdown_rules_give_what_the_patterns_gave(text):
    assert _without_code_blocks(text) == re.sub(r"^```.*?^```\s*$", "", text, flags=re.M | re.S)
    assert _without_comments(text) == re.sub(r"<!--.*?-->", "", text, flags=re.S)
    assert _HEADING.sub(_heading, text) == re.sub(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", r"\1", text, flags=re.M)


def test_markdown_still_reads_as_prose():
    md = ("# The talks\n\nThe **Afghan** delegation, [led by](https://x.example/a) *Haji Najib*, arrived.\n"
          "![a photo](p.jpg)\n<!-- a note -->\n```\ncode\n```\n> quoted `text`\n")
    assert markdown_text(md) == "The talks\n\nThe Afghan delegation, led by Haji Najib, arrived.\n\n\n\nquoted text\n"


# --------------------------------------------------------------------------- whole commands on adversarial runs

RUN = st.sampled_from([" ", "[", "![", "](", "**", "**a ", "__", "*", "_", "...", ". . .", "\u2026", "<!--", "```\n",
                       "#", "(", "-", " - ", ",", "\t"])


def _claim_set(root: Path, quote: str, article: str) -> Path:
    claims, articles = root / "claims", root / "articles"
    claims.mkdir(parents=True)
    articles.mkdir()
    shutil.copy(CLAIMS / "topics.yaml", claims / "topics.yaml")
    (articles / "a.md").write_text(article, "utf-8")
    (claims / "s.yaml").write_text(
        "id: s\noutlet: Example\npublished: 2025-10-25\ntext: ../articles/a.md\nclaims:\n"
        f"  - topic: pakistan_delegation.size\n    value: 7\n    quote: {json.dumps(quote)}\n", "utf-8")
    return claims


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(RUN, st.integers(50_000, 300_000)), min_size=1, max_size=3))
def test_commands_on_adversarial_runs_finish_within_a_generous_bound(tmp_path_factory, runs):
    hostile = "".join(mark * (n // len(mark)) for mark, n in runs)
    root = tmp_path_factory.mktemp("runs")
    article = "# Talks\n\nPakistan's seven-member delegation arrived. " + hostile + " The talks ended.\n"
    quote = "Pakistan's seven-member delegation " + hostile[:200_000] + " never arrived"  # not in the article
    claims = _claim_set(root, quote, article)
    (root / "new.md").write_text(article, "utf-8")
    env = {**os.environ, "NO_COLOR": "1", "CLAIMCHECK_CACHE": "0"}
    for command, code in ((["validate"], 1), (["check", str(root / "new.md")], 1)):
        proc = subprocess.run([sys.executable, "-m", "claimcheck", *command, "--claims", str(claims)],
                              capture_output=True, text=True, timeout=BOUND, env=env)
        assert proc.returncode == code and "Traceback" not in proc.stderr, proc.stderr[-500:]
        assert "quote not found in the article" in proc.stderr.splitlines()[0]
