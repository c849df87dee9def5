"""A naive reference for `claimcheck conflicts`: the obvious algorithm, to time the tool against and check it by.

It reads every file with yaml.safe_load, finds each quote by normalising the whole article again
and testing `in`, and compares every pair of claims of a topic (not every pair of distinct values)
with the tool's own comparison rules (claimcheck.values: parse and relate), then clusters claims
whose relation is `same` and decides each topic's status the way the tool documents it. It prints
the reduced form both programs can be compared on:

    {"topic": {"status": "conflict", "clusters": [["source-a", "source-b"], ["source-c"]]}, ...}

clusters being each value cluster's sorted source ids, sorted. `reduce_conflicts_doc` turns the
tool's `claimcheck conflicts --format json` document into the same form.

Run: python benchmarks/baseline.py --claims DIR   (exit 1 with a message if the set does not validate)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

from claimcheck.model import Codebook, Entity, Label, Topic
from claimcheck.values import COMPATIBLE, DIFFERENT, SAME, TYPES, Context, Names

DRIFT = "drift"
_RANK = {"conflict": 0, "partial": 1, "agree": 2, "single": 3}
_KIND_CODE = {SAME: 1, COMPATIBLE: 2, DIFFERENT: 3}
_SIMPLE = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00ad": None, "\u200b": None})


def simple_normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).translate(_SIMPLE).split())


def quote_in(quote: str, article: str) -> bool:
    """The quote's pieces (split at '...' omissions, [insertions] dropped), in order, in the article."""
    text = simple_normalise(article)  # again for every quote: the naive part
    pos = 0
    for part in re.split(r"\s*(?:\.\.\.|…)\s*", quote):
        for piece in re.split(r"\[[^\[\]]*\]", part):
            piece = simple_normalise(piece).strip(" ,;")
            if not piece:
                continue
            if piece not in text[pos:]:
                return False
            pos = text.index(piece, pos) + len(piece)
    return True


def read_codebook(path: Path) -> Codebook:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    topics = {}
    for name, t in raw["topics"].items():
        topics[name] = Topic(
            name=name, type=t["type"], description=t.get("description", ""), changes_over_time=bool(t.get("changes_over_time")),
            unit=t.get("unit"), labels={k: Label(k, v.get("definition", "")) for k, v in (t.get("labels") or {}).items()},
            compatible=frozenset(frozenset(p) for p in t.get("compatible") or []))
    return Codebook(topics=topics, entities=tuple(Entity(e["name"], tuple(e.get("aliases") or [])) for e in raw.get("entities") or []),
                    honorifics=tuple(raw.get("honorifics") or []), distinct=tuple(tuple(p) for p in raw.get("distinct") or []),
                    person_match_threshold=float(raw.get("person_match_threshold", 85)), path=str(path))


class Claim:
    def __init__(self, source: str, cid: str, topic: str, value, attributed_to: str, as_of):
        self.source, self.id, self.topic, self.value = source, cid, topic, value
        self.attributed_to, self.as_of = attributed_to, as_of


def read_claims(claims_dir: Path, book: Codebook, names: Names) -> list[Claim]:
    out = []
    files = sorted(p for p in claims_dir.iterdir()
                   if p.suffix.lower() in (".yaml", ".yml") and p.name != "topics.yaml" and not p.name.startswith("."))
    for path in files:
        src = yaml.safe_load(path.read_text(encoding="utf-8"))
        article = (path.parent / src["text"]).read_text(encoding="utf-8") if src.get("text") else None
        own = src["outlet"] if str(src["outlet"]).casefold() != "unknown" else src["id"]
        published = src.get("published")
        for i, c in enumerate(src["claims"]):
            topic = book.topics.get(c["topic"])
            if topic is None:
                sys.exit(f"{path}: unknown topic {c['topic']!r}")
            try:
                value = TYPES[topic.type].parse(c["value"], Context(topic, names))
            except ValueError as exc:
                sys.exit(f"{path}: value {c['value']!r} does not fit {c['topic']}: {exc}")
            if article is not None and not quote_in(c["quote"], article):
                sys.exit(f"{path}: quote not found in its article: {c['quote'][:80]!r}")
            as_of = c.get("as_of") or published
            out.append(Claim(str(src["id"]), c.get("id") or f"{src['id']}#{i + 1}", c["topic"], value,
                             c.get("attributed_to") or own, as_of if isinstance(as_of, dt.date) else None))
    return out


def topic_status(topic: Topic, claims: list[Claim], names: Names) -> dict:
    """Every pair of claims related, clusters by `same`, then the status, as compare.py documents it."""
    vtype, ctx = TYPES[topic.type], Context(topic, names)
    claims = sorted(claims, key=lambda c: (c.source, c.id))
    n = len(claims)
    kinds = bytearray(n * n)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            kind = vtype.relate(claims[i].value, claims[j].value, ctx).kind
            kinds[i * n + j] = _KIND_CODE[kind]
            if kind == SAME:
                a, b = find(i), find(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    root = [find(i) for i in range(n)]
    clusters = sorted(set(root))
    # The relation of two clusters is the strongest between their claims: different over compatible.
    between: dict[tuple[int, int], int] = {}
    for i in range(n):
        for j in range(i + 1, n):
            a, b = root[i], root[j]
            if a != b:
                key = (min(a, b), max(a, b))
                between[key] = max(between.get(key, 0), kinds[i * n + j])
    drift = topic.type == "text" and len(clusters) > 1 and len({names.key(c.attributed_to) for c in claims}) == 1

    def kind(a: int, b: int) -> str:
        if drift:
            return DRIFT
        return {1: SAME, 2: COMPATIBLE, 3: DIFFERENT}[between[(min(a, b), max(a, b))]]

    windows: dict[object, list[int]] = {}
    for i, c in enumerate(claims):
        windows.setdefault(c.as_of if topic.changes_over_time else None, []).append(i)
    if topic.changes_over_time and None in windows and len(windows) > 1:
        # claimcheck.changing.RULE: an undated claim is of the latest state, compared with the latest date's claims
        undated = windows.pop(None)
        windows[max(windows)] += undated
    status = "single"
    for members in windows.values():
        present = sorted({root[i] for i in members})
        found = {kind(a, b) for x, a in enumerate(present) for b in present[x + 1:]}
        if DIFFERENT in found:
            w = "conflict"
        elif COMPATIBLE in found or DRIFT in found:
            w = "partial"
        elif len({claims[i].source for i in members}) > 1:
            w = "agree"
        else:
            w = "single"
        if _RANK[w] < _RANK[status]:
            status = w
    if status == "single" and len({c.source for c in claims}) > 1:
        status = "agree"
    groups = [sorted({claims[i].source for i in range(n) if root[i] == r}) for r in clusters]
    return {"status": status, "clusters": sorted(groups)}


def baseline(claims_dir: Path) -> dict:
    book = read_codebook(claims_dir / "topics.yaml")
    names = Names(book)
    by_topic: dict[str, list[Claim]] = {}
    for c in read_claims(claims_dir, book, names):
        by_topic.setdefault(c.topic, []).append(c)
    return {t: topic_status(book.topics[t], cs, names) for t, cs in sorted(by_topic.items())}


def reduce_conflicts_doc(doc: dict) -> dict:
    """`claimcheck conflicts --format json` reduced to topic -> status and sorted clusters of source ids."""
    return {g["topic"]: {"status": g["status"], "clusters": sorted(sorted(set(v["sources"])) for v in g["values"])}
            for g in sorted(doc["groups"], key=lambda g: g["topic"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=Path, default=Path("claims"), help="folder of claim files and topics.yaml")
    args = ap.parse_args(argv)
    print(json.dumps(baseline(args.claims), ensure_ascii=False, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
