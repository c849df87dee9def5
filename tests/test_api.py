"""The public Python API: the README's example runs as written, and claimcheck.api gives what the
core gives, whatever the cache or the number of processes."""

from __future__ import annotations

import contextlib
import io
import re

from claimcheck import api
from claimcheck.check.checker import Checker, check_articles_here
from claimcheck.claimset.load import load_claim_set
from claimcheck.compare import compare_claim_set
from claimcheck.output.checkreport import check_doc

from conftest import CLAIMS, ROOT, SEEDS


def test_the_readme_example_runs_and_prints_what_it_says(monkeypatch, tmp_path):
    code = re.search(r"## Using claimcheck from Python.*?```python\n(.*?)```",
                     (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("CLAIMCHECK_CACHE_DIR", str(tmp_path))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    lines = out.getvalue().splitlines()
    assert lines[0] == "afghan_delegation.leader conflict"
    assert "supports pakistan_delegation.leader Khawaja Asif" in lines


def test_the_api_gives_what_the_core_gives(tmp_path, monkeypatch):
    monkeypatch.setattr(api, "CACHE_MIN_FILES", 0)  # the bundled set is smaller than a cache is worth
    core = load_claim_set(CLAIMS)
    assert api.load_claim_set(CLAIMS, cache=tmp_path, workers=2) == core
    assert any(tmp_path.iterdir())  # stored: the next load reads it back
    assert api.load_claim_set(CLAIMS, cache=tmp_path) == core
    assert api.compare(core) == compare_claim_set(core)
    article = str(SEEDS / "002_7ad1729ad491b463.txt")
    here = [check_doc(r) for r in check_articles_here([article], Checker(core), max_bytes=10**7)]
    one = [check_doc(r) for r in api.check_articles([article, article], api.checker(core), max_bytes=10**7)]
    two = [check_doc(r) for r in api.check_articles([article, article], api.checker(core), max_bytes=10**7, jobs=2)]
    assert one == two == here * 2
