"""Verdicts at scale are the plain per-claim rule: every claim of the topic related to the finding."""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter, defaultdict

import pytest

from claimcheck.check.checker import _ORDER, _STRENGTH, Checker, relate, without_sources
from claimcheck.changing import state_at
from claimcheck.compare import compare_claim_set
from claimcheck.claimset.load import load_claim_set
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, TYPES, Context, Names

from conftest import ROOT


def plain_rule(claim_set, groups, f, as_of):
    """What a verdict is, written as directly as possible: each claim of the topic, cluster by cluster,
    related to the finding; each source counted with its strongest claim."""
    group = groups.get(f.topic)
    if group is None:
        return ("new", False, (), (), (), (), "no source in the claim set covers this topic")
    topic, vtype = group.topic, TYPES[group.topic.type]
    ctx = Context(topic, Names(claim_set.codebook))
    claims = [c for cl in group.clusters for c in cl.claims]
    note, same_date = "", True
    if topic.changes_over_time:
        claims, note, same_date = state_at(claims, as_of)
        if not claims:
            return ("new", False, (), (), (), (), note or "no source reports this state at that date")
    best = {}
    for c in claims:
        r = relate(vtype, f.value, c.value, ctx)
        if topic.type == "text" and r.kind == DIFFERENT:
            continue
        if c.source_id not in best or _STRENGTH[r.kind] > _STRENGTH[best[c.source_id][0].kind]:
            best[c.source_id] = (r, c)
    agree = {s: rc for s, rc in best.items() if rc[0].kind in (SAME, COMPATIBLE)}
    against = {s: rc for s, rc in best.items() if rc[0].kind == DIFFERENT}
    if against and not same_date:  # the generated sets date every claim and declare no direction
        later = "; ".join(f"{s} said {vtype.display(c.value)} as of {c.as_of}" for s, (r, c) in sorted(against.items()))
        note = "; ".join(x for x in (f"differs from the state the sources report at another date ({later}): "
                                     "a change over time, not a contradiction", note) if x)
        against = {}
    grouped = defaultdict(list)
    for s, (r, c) in [*against.items(), *agree.items()]:
        grouped[(r.kind, vtype.display(c.value), r.reason)].append(s)
    words = {SAME: "same as", COMPATIBLE: "partly agrees with", DIFFERENT: "contradicts"}
    reasons = [f"{words[kind]} {', '.join(ids)} ({shown}" + ("" if kind == SAME else f": {why}") + ")"
               for (kind, shown, why), ids in sorted(grouped.items(), key=lambda kv: _ORDER[kv[0][0]])]
    if note:
        reasons.append(note)
    verdict = "contradicts" if against else "supports" if agree else "new"
    if verdict == "new":
        reasons.insert(0, "wording no source gives" if topic.type == "text" else "a value no source gives")
    partial = bool(agree) and not any(r.kind == SAME for r, _ in agree.values())
    return (verdict, partial, tuple(sorted(agree)), tuple(sorted(against)), tuple(c for _, c in against.values()),
            tuple(c for _, c in agree.values()), "; ".join(reasons))


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import generate
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp("judge") / "set"
    generate.main(["--sources", "120", "--claims-per-source", "20", "--out", str(out), "--seed", "7"])
    return out


@pytest.mark.parametrize("exclude", [(), ("000002-",)])
def test_verdicts_on_a_generated_set_are_the_per_claim_rule(generated, exclude):
    cs = load_claim_set(generated / "claims")
    exclude = tuple(s for s in cs.sources if any(s.startswith(e) for e in exclude))
    checker = Checker(cs, exclude)
    plain_set = without_sources(cs, exclude)
    groups = {g.topic.name: g for g in compare_claim_set(plain_set).groups}
    articles = sorted((generated / "articles").glob("*.txt"))[:25]
    seen = 0
    for n, path in enumerate(articles):
        published = None if n % 3 == 0 else dt.date(2025, 10, 20 + n % 9)
        ex = checker.extractor.extract(path.read_text(encoding="utf-8"), published, checker.min_confidence)
        for f in ex.findings:
            c = checker._verdict(f, ex.anchor.date)
            expected = plain_rule(plain_set, groups, f, ex.anchor.date)
            assert (c.verdict, c.partial, c.agrees_with, c.contradicts, c.against, c.supporting, c.reason) == expected
            seen += 1
    assert seen > 200


def test_plain_output_quotes_ten_contradicted_sources_and_counts_the_rest_by_value(generated):
    from claimcheck.check.article import read_article
    from claimcheck.output.checkreport import AGREEING, QUOTED, plain_check

    checker = Checker(load_claim_set(generated / "claims"))
    article = sorted((generated / "articles").glob("*.txt"))[0]
    result = checker.check(read_article(article, 10**7))
    many = [c for c in result.findings if len(c.against) > QUOTED]
    assert many, "the generated set should give a finding contradicting more than ten sources"
    c = many[0]
    block = plain_check(result).split(f"{c.finding.topic} = ", 1)[1].split("\n    why:", 1)[0].splitlines()
    says = [line for line in block if " says " in line]
    assert [line.split(" says ")[0].strip() for line in says] == [x.source_id for x in c.against[:QUOTED]]
    (more,) = [line.strip() for line in block if line.strip().startswith("…")]
    rest = len(c.against) - QUOTED
    assert more.startswith(f"… and {rest:,} more sources saying ")
    assert more.endswith("(--verbose or --format json lists every one)")
    display = TYPES[c.finding.type].display
    top = Counter(display(x.value) for x in c.against[QUOTED:]).most_common(1)[0]
    assert f"{top[0]} ({top[1]:,})" in more
    verbose = plain_check(result, verbose=True).split(f"{c.finding.topic} = ", 1)[1].split("\n    why:", 1)[0]
    assert sum(" says " in line for line in verbose.splitlines()) == len(c.against) and "… and" not in verbose
    agreed = next(x for x in result.findings if len(x.agrees_with) > AGREEING)
    line = next(ln for ln in plain_check(result).split(f"{agreed.finding.topic} = ", 1)[1].splitlines()
                if ln.startswith("    agrees with: "))
    assert line == f"    agrees with: {', '.join(agreed.agrees_with[:AGREEING])} and {len(agreed.agrees_with) - AGREEING:,} more"
