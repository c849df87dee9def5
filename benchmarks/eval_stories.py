"""How well `claimcheck check` reads real articles it was not tuned on: per story, per split.

Each story in benchmarks/eval/<story>/ is a claim set of real published articles with gold claims
curated by hand (claims/, articles/), and split.yaml naming its dev articles (tuning is allowed on
these) and its test articles (run, never tuned on). Every article of the chosen split is checked
leave-one-out: its own claims file is set aside, so neither its values nor its quotes reach the
checker, and its article is checked against the rest of the story's claim set, with no
--published date (the checker finds its own anchor, as for an article nobody has dated; `--published` gives it the
curated publication date instead, as a user who knows it would).

A finding is right when it is asserted (not `possible`), its topic is exactly the gold claim's,
and its value relates to a gold value of that topic as `same` (for dates, `compatible` too: a day
inside the stated range). Each distinct gold value counts once per article. Precision = right
findings / asserted findings; recall = gold values found / gold values.

`--no-cues` strips every hand-written cue (topic cues and label cues) from the codebook first,
so that only what `check` learns from the other articles' curated claims (and the codebook's
subjects, descriptions and label names) is left to read by.

    .venv/bin/python benchmarks/eval_stories.py                 # test splits, with and without cues
    .venv/bin/python benchmarks/eval_stories.py --split dev --show
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import yaml  # noqa: E402

from claimcheck.check.article import read_article  # noqa: E402
from claimcheck.check.checker import Checker, relate  # noqa: E402
from claimcheck.claimset.load import load_claim_set  # noqa: E402
from claimcheck.model import ClaimSet  # noqa: E402
from claimcheck.values import COMPATIBLE, SAME, TYPES, Context, Names  # noqa: E402

EVAL = ROOT / "benchmarks" / "eval"
KEYS = ("gold", "found", "pred", "right")


def without_cues(cs: ClaimSet) -> ClaimSet:
    """The claim set with every topic's and label's `cues` emptied."""
    topics = {}
    for name, t in cs.codebook.topics.items():
        labels = {k: dataclasses.replace(lab, cues=()) for k, lab in t.labels.items()}
        topics[name] = dataclasses.replace(t, cues=(), labels=labels)
    return dataclasses.replace(cs, codebook=dataclasses.replace(cs.codebook, topics=topics))


def _matches(topic, a, b, names) -> bool:
    kind = relate(TYPES[topic.type], a, b, Context(topic, names)).kind
    return kind == SAME or (topic.type == "date" and kind == COMPATIBLE)


def score_article(cs: ClaimSet, sid: str, result, names, per_topic, details, sureness=None) -> None:
    """Add one checked article's counts to per_topic and its misses and false findings to details:
    asserted findings only, exact topic, each distinct gold value of the source once. With
    `sureness`, also add every finding's (confidence, right) to its "findings" list and each gold
    value's best matching confidence (None: not read) to its "gold" list, possible ones included."""
    asserted = [c.finding for c in result.findings if not c.possible]
    gold: dict[str, list] = defaultdict(list)
    for c in cs.claims:
        if c.source_id == sid:
            topic = cs.codebook.topics[c.topic]
            if not any(_matches(topic, c.value, g.value, names) for g in gold[c.topic]):
                gold[c.topic].append(c)
    for t, gs in gold.items():
        topic = cs.codebook.topics[t]
        for g in gs:
            per_topic[t]["gold"] += 1
            hit = any(f.topic == t and _matches(topic, f.value, g.value, names) for f in asserted)
            per_topic[t]["found"] += hit
            if not hit:
                details.append((sid, "missed", t, TYPES[topic.type].display(g.value), g.quote))
            if sureness is not None:
                confs = [c.finding.confidence for c in result.findings
                         if c.finding.topic == t and _matches(topic, c.finding.value, g.value, names)]
                sureness["gold"].append(max(confs, default=None))
    for f in asserted:
        topic = cs.codebook.topics[f.topic]
        per_topic[f.topic]["pred"] += 1
        ok = any(_matches(topic, f.value, g.value, names) for g in gold.get(f.topic, ()))
        per_topic[f.topic]["right"] += ok
        if not ok:
            details.append((sid, "false", f.topic, f.display, f"{f.sentence}  [{f.how}]"))
    if sureness is not None:
        for c in result.findings:
            topic = cs.codebook.topics[c.finding.topic]
            ok = any(_matches(topic, c.finding.value, g.value, names) for g in gold.get(c.finding.topic, ()))
            sureness["findings"].append((c.finding.confidence, ok))


def evaluate_story(story: Path, split: str, no_cues: bool, published: bool = False, sureness=None):
    """Per-topic counts and the list of misses and false findings for one story's split."""
    cs = load_claim_set(story / "claims")
    if no_cues:
        cs = without_cues(cs)
    chosen = yaml.safe_load((story / "split.yaml").read_text())
    ids = [i for part in (("dev", "test") if split == "all" else (split,)) for i in chosen[part]]
    names = Names(cs.codebook)
    per_topic: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(KEYS, 0))
    details = []
    for sid in ids:
        src = cs.sources[sid]
        checker = Checker(cs, exclude=[sid])
        result = checker.check(read_article(src.text_path, 10 * 1024 * 1024), src.published if published else None)
        score_article(cs, sid, result, names, per_topic, details, sureness)
    return per_topic, details, len(ids)


#: The --min-confidence values the calibration table tries (0.6 is check's default).
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def calibration(sureness) -> str:
    """What each --min-confidence would give: precision and recall of the findings at least that sure.
    Possible findings are included below the default threshold, so this is only a guide: a finding
    marked possible for its framing (a forecast) keeps a low confidence whatever the threshold."""
    lines = ["| --min-confidence | asserted | right | precision | recall |", "|---:|---:|---:|---:|---:|"]
    gold = sureness["gold"]
    for t in THRESHOLDS:
        kept = [ok for conf, ok in sureness["findings"] if conf >= t]
        found = sum(1 for g in gold if g is not None and g >= t)
        lines.append(f"| {t:.2f} | {len(kept)} | {sum(kept)} | {_ratio(sum(kept), len(kept))} | {_ratio(found, len(gold))} |")
    return "\n".join(lines)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def _row(name: str, d: dict[str, int]) -> str:
    return (f"| {name} | {d['gold']} | {d['found']} | {_ratio(d['found'], d['gold'])} | "
            f"{d['pred']} | {d['right']} | {_ratio(d['right'], d['pred'])} |")


HEAD = "| topic | gold values | found | recall | asserted | right | precision |\n|---|---:|---:|---:|---:|---:|---:|"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test")
    ap.add_argument("--story", action="append", help="a folder name under benchmarks/eval (default: all)")
    ap.add_argument("--mode", choices=("cues", "no-cues", "both"), default="both")
    ap.add_argument("--topics", action="store_true", help="a row per topic, not only per story")
    ap.add_argument("--published", action="store_true",
                    help="pass each article's curated publication date, as a user would with --published")
    ap.add_argument("--show", action="store_true", help="list every missed value and false finding")
    ap.add_argument("--calibration", action="store_true",
                    help="also the precision and recall each --min-confidence would give (all stories together)")
    args = ap.parse_args(argv)
    stories = [EVAL / s for s in args.story] if args.story else sorted(p.parent for p in EVAL.glob("*/split.yaml"))
    modes = {"cues": (False,), "no-cues": (True,), "both": (False, True)}[args.mode]
    for no_cues in modes:
        dated = ", each article's date given (--published)" if args.published else ", no --published"
        print(f"\n### {args.split} split, {'no hand-written cues (learned from curation only)' if no_cues else 'with the curator codebook'}{dated}\n")
        print(HEAD.replace("topic", "story"))
        overall = dict.fromkeys(KEYS, 0)
        shown = []
        sureness = {"findings": [], "gold": []} if args.calibration else None
        for story in stories:
            per_topic, details, n = evaluate_story(story, args.split, no_cues, args.published, sureness)
            total = {k: sum(d[k] for d in per_topic.values()) for k in KEYS}
            for k in KEYS:
                overall[k] += total[k]
            print(_row(f"{story.name} ({n} articles)", total))
            if args.topics:
                for t in sorted(per_topic):
                    print(_row(f"  {t}", per_topic[t]))
            shown += [(story.name, *d) for d in details]
        print(_row("**all stories**", overall))
        if sureness is not None:
            print("\n" + calibration(sureness))
        if args.show:
            print()
            for story, sid, kind, topic, value, text in shown:
                print(f"{sid:5} {kind:6} {topic:30} {value[:30]:30} | {' '.join(text.split())[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
