"""Leave-one-out quality of `claimcheck check` on the bundled claim set.

For each source with an article: set its claims file aside, check its article against the
others (counting relative dates from the source's `published`), and compare the asserted
findings (not the `possible` ones) with the curated claims of that source. A finding is right
when some curated claim on its topic has the same value by the type's relate() ("same"; for
dates "compatible" too). Precision = right findings / findings; recall = curated values found /
curated values (each distinct value once per article).

    .venv/bin/python benchmarks/eval_check.py            # the table
    .venv/bin/python benchmarks/eval_check.py --show     # and every miss and false finding
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from claimcheck.check.article import read_article  # noqa: E402
from claimcheck.check.checker import Checker  # noqa: E402
from claimcheck.claimset.load import load_claim_set  # noqa: E402
from claimcheck.values import Names  # noqa: E402
from eval_stories import score_article  # noqa: E402  (the same scoring for every evaluation)

CORE = ("afghan_delegation.leader", "pakistan_delegation.size", "ceasefire.*", "talks.outcome")


def evaluate(claims_dir: Path):
    cs = load_claim_set(claims_dir)
    names = Names(cs.codebook)
    per_topic = defaultdict(lambda: {"gold": 0, "found": 0, "pred": 0, "right": 0})
    details = []
    for sid, src in cs.sources.items():
        if not src.text_path:
            continue
        checker = Checker(cs, exclude=[sid])
        result = checker.check(read_article(src.text_path, 10 * 1024 * 1024), src.published)
        score_article(cs, sid, result, names, per_topic, details)
    return per_topic, details


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def table(per_topic) -> str:
    lines = [f"{'topic':34} {'curated':>7} {'found':>5} {'recall':>6}   {'asserted':>8} {'right':>5} {'precision':>9}"]

    def row(name, d):
        return (f"{name:34} {d['gold']:7} {d['found']:5} {_ratio(d['found'], d['gold']):>6}   "
                f"{d['pred']:8} {d['right']:5} {_ratio(d['right'], d['pred']):>9}")

    for t in sorted(per_topic):
        lines.append(row(t, per_topic[t]))
    lines.append("-" * len(lines[0]))
    for label, pats in (("core topics", CORE), ("all topics", ("*",))):
        total = {k: sum(d[k] for t, d in per_topic.items() if any(fnmatch.fnmatchcase(t, p) for p in pats))
                 for k in ("gold", "found", "pred", "right")}
        lines.append(row(label, total))
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", default=str(ROOT / "claims"))
    ap.add_argument("--show", action="store_true", help="list every missed value and false finding")
    args = ap.parse_args(argv)
    per_topic, details = evaluate(Path(args.claims))
    print(table(per_topic))
    print(f"core topics: {', '.join(CORE)}")
    if args.show:
        print()
        for sid, kind, topic, value, text in details:
            print(f"{sid:10} {kind:6} {topic:32} {value[:40]:40} | {' '.join(text.split())[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
