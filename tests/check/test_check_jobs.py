"""Many articles: forked workers give exactly what one process gives, in article order."""

from __future__ import annotations

import threading

import pytest

from claimcheck.api import check_articles
from claimcheck.speed.workers import fork_workers
from claimcheck.check.checker import Checker, CheckError, CheckResult
from claimcheck.output.checkreport import plain_check
from claimcheck.api import load_claim_set

from conftest import CLAIMS, ROOT, SEEDS

ARTICLES = [str(SEEDS / "000_fa57afaeebda26ca.txt"), str(ROOT / "tests" / "fixtures" / "missing.txt"),
            str(SEEDS / "003_bbce39b4dcb24287.txt"), "-", str(ROOT / "tests" / "fixtures" / "check-talks-collapse.html")]


def checker_sources() -> list[str]:
    return list(load_claim_set(CLAIMS).sources)


def _render(r: CheckResult | CheckError) -> str | None:
    return None if isinstance(r, CheckError) else plain_check(r)


def _run(jobs: int):
    checker = Checker(load_claim_set(CLAIMS), ["001-71e8"])
    seen: list[tuple[int, str | None]] = []
    stdin = (ROOT / "tests" / "fixtures" / "check-wire-report.txt").read_bytes()
    results = check_articles(ARTICLES, checker, max_bytes=10**7, jobs=jobs, stdin=stdin, render=_render,
                             on_done=lambda i, r, text: seen.append((i, text)))
    return results, sorted(seen, key=lambda x: x[0])


@pytest.mark.skipif(threading.active_count() > 1, reason="forking is refused while threads run")
def test_forked_workers_give_the_same_results_and_output():
    assert fork_workers(2, len(ARTICLES)) == 2  # the workers are really used here
    one, shown_one = _run(1)
    two, shown_two = _run(2)
    assert two == one and shown_two == shown_one
    assert [getattr(r, "article", None) for r in two] == [ARTICLES[0], ARTICLES[1], ARTICLES[2], "<stdin>", ARTICLES[4]]
    assert isinstance(two[1], CheckError) and two[1].message.endswith("article not found")
    cited = [x for c in two[0].findings for x in (*c.against, *c.supporting)]
    assert cited and {x.source_id for x in cited} <= set(checker_sources()) - {"001-71e8"}  # --exclude holds in workers
    assert [text is None for _, text in shown_two] == [False, True, False, False, False]


def test_equal_findings_share_one_judgement():
    checker = Checker(load_claim_set(CLAIMS))
    article = check_articles([str(SEEDS / "000_fa57afaeebda26ca.txt")], checker, max_bytes=10**7)[0]
    again = check_articles([str(SEEDS / "000_fa57afaeebda26ca.txt")], checker, max_bytes=10**7)[0]
    fresh = check_articles([str(SEEDS / "000_fa57afaeebda26ca.txt")], Checker(load_claim_set(CLAIMS)), max_bytes=10**7)[0]
    assert article == again == fresh


def test_the_extractor_learns_the_same_names_from_each_values_first_and_last_claim(tmp_path):
    import sys

    from claimcheck.check.checkset import naming_claims
    from claimcheck.check.extract import Extractor

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    generate.main(["--sources", "60", "--claims-per-source", "20", "--out", str(tmp_path / "set"), "--seed", "3"])
    cs = load_claim_set(tmp_path / "set" / "claims")
    few = naming_claims(cs)
    assert len(few) < len(cs.claims) / 2
    whole, part = Extractor(cs.codebook, cs.claims, 2025), Extractor(cs.codebook, few, 2025)
    assert (part.known, part.person_names, part._person_keys) == (whole.known, whole.person_names, whole._person_keys)
    assert list(part.known) == list(whole.known) and list(part.person_names) == list(whole.person_names)
