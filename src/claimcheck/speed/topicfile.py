"""The companion file of a claim-set cache entry: checkset.py's CheckSet on disk, a section per topic.

`check` reads a claim set topic by topic (checkset.py). The first check of a large set leaves this
file beside its cache entry (cache.py): the codebook, the sources and the claims the extractor
learns names from, then per topic its claims in claim-set order with what verdicts need of their
comparison (checkset.in_clusters and, for a fact that does not change, checkset.state). Later
checks read and decode only the topics an article is about.

Like every cache file it holds data only (cachefile.py: JSON sections, each checked against its
digest, decoded by typed readers: codec.py, claimpack.py), and names the entry it was made from by
the id every write of an entry draws anew, so a companion of another entry is never used. It is
read only after that entry was found fresh. The file format lives here rather than in checkset.py,
which keeps only the calls to write() and read().
"""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path
from typing import Any, Callable

from claimcheck.speed import cachefile, claimpack, codec

FORMAT = 6  # 5: JSON sections checked against digests (no pickle); 6: open ends of quantities
KIND = "topics"


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def _loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8", "surrogatepass"))


def _topic_out(claims: list, clustered, settled) -> dict:
    """One topic: its claims, their cluster order as positions among them, slots, values and state."""
    ordered, slots, values = clustered
    at = {id(c): i for i, c in enumerate(claims)}
    order = [at[id(c)] for c in ordered]  # KeyError: a claim not among the topic's, so no companion
    state = None
    if settled is not None:
        singles, multis, note, same_date = settled
        state = [[[slot, [[p, sid] for p, sid, _, _ in rows]] for slot, rows in singles.items()],
                 [[list(key), [[sid, [p for p, _, _ in held]] for sid, held in rows]] for key, rows in multis.items()],
                 note, same_date]
    return {"claims": claimpack.columns(claims), "order": order, "slots": slots,
            "values": [codec.value_out(v) for v in values], "state": state}


def _positions(x: Any, n: int) -> list[int]:
    codec.check(type(x) is list and all(type(i) is int and 0 <= i < n for i in x), "positions")
    return x


def _topic_in(doc: Any):
    codec.check(type(doc) is dict, "a topic")
    claims = claimpack.from_columns(doc.get("claims"))
    order = _positions(doc.get("order"), len(claims))
    values = [codec.value_in(v) for v in codec.listed(doc.get("values"))]
    slots = _positions(doc.get("slots"), len(values))
    codec.check(len(slots) == len(order), "slots")
    ordered = [claims[i] for i in order]
    n = len(ordered)
    settled = None
    raw = doc.get("state")
    if raw is not None:
        singles_in, multis_in, note, same_date = codec.listed(raw, 4)
        codec.check(type(same_date) is bool, "a flag")
        singles = {}
        for slot, rows in (codec.listed(r, 2) for r in codec.listed(singles_in)):
            codec.check(type(slot) is int, "a slot")
            out = []
            for p, sid in (codec.listed(r, 2) for r in codec.listed(rows)):
                codec.check(type(p) is int and 0 <= p < n and slots[p] == slot, "a position")
                out.append((p, codec.text(sid), ordered[p], slots[p]))
            singles[slot] = out
        multis = {}
        for key, rows in (codec.listed(r, 2) for r in codec.listed(multis_in)):
            key = tuple(_positions(key, len(values)))
            out = []
            for sid, held in (codec.listed(r, 2) for r in codec.listed(rows)):
                ps = _positions(held, n)
                codec.check(tuple(slots[p] for p in ps) == key, "positions")
                out.append((codec.text(sid), [(p, ordered[p], slots[p]) for p in ps]))
            multis[key] = out
        settled = (singles, multis, codec.text(note), same_date)
    return claims, (ordered, slots, values), settled


def write(entry_path: Path, entry_id: str, cs) -> None:
    """Store `cs` (a checkset.CheckSet held in memory) with every topic compared; failing to is not an error."""
    from claimcheck.check.checkset import in_clusters, state
    from claimcheck.compare import compare_topic
    from claimcheck.values import Names

    names = Names(cs.codebook)
    try:
        sections = [_dumps({"codebook": codec.codebook_out(cs.codebook), "sources": codec.sources_out(cs.sources),
                            "root": cs.root, "naming": claimpack.columns(cs.naming)})]
        topics = []
        for t in cs.topics:
            claims = cs.claims(t)
            topic = cs.codebook.topics[t]
            clustered = in_clusters(compare_topic(topic, claims, names))
            settled = None if topic.changes_over_time else state(*clustered[:2], False, None)
            sections.append(_dumps(_topic_out(claims, clustered, settled)))
            topics.append(t)
    except (TypeError, ValueError, KeyError, UnicodeError):  # something the format cannot hold: no companion
        return
    name = entry_path.name[: -len(entry_path.suffix)] + "." + KIND
    cachefile.write(entry_path.parent, name, KIND, {"format": FORMAT, "entry": entry_id, "topics": topics}, sections)


def read(entry_path: Path, entry_id: object, whole: Callable, digests: dict[str, str] | None = None):
    """The companion of the entry with this id (a checkset.CheckSet), its topics read when first asked
    for; None if there is none for it (missing, made from another entry, not one that may be read,
    or damaged)."""
    from claimcheck.check.checkset import CheckSet

    if not isinstance(entry_id, str):
        return None
    name = entry_path.name[: -len(entry_path.suffix)] + "." + KIND
    opened = cachefile.open_file(entry_path.parent, name, KIND, FORMAT)
    if opened is None:
        return None
    try:
        header = opened.header
        if header.get("entry") != entry_id:
            raise ValueError("another entry's")
        topics = codec.texts(header.get("topics"))
        codec.check(len(topics) == len(opened.places) - 1, "topics")
        meta = _loads(opened.section(0))
        codec.check(type(meta) is dict, "the companion's codebook and sources")
        codebook, sources = codec.codebook_in(meta.get("codebook")), codec.sources_in(meta.get("sources"))
        root, naming = codec.text(meta.get("root")), claimpack.from_columns(meta.get("naming"))
    except Exception:
        opened.close()
        return None
    places = {t: i + 1 for i, t in enumerate(topics)}

    def fetch(topic: str):
        data = opened.section(places[topic])  # a damaged section raises: CheckSet reads the entry instead
        was = gc.isenabled()
        gc.disable()  # thousands of objects and no cycles: collections meanwhile would only walk them
        try:
            found = _topic_in(_loads(data))
        finally:
            if was:
                gc.enable()
        # They live as long as this set; left to the collector, judging the topic's verdicts (which
        # makes many small tuples) tripled in time, each full collection walking all of them again.
        gc.freeze()
        return found

    cs = CheckSet(codebook, sources, root, naming, places, fetch, whole, digests)
    weakref.finalize(cs, opened.close)  # kept open: a companion written meanwhile replaces the name, not this file
    return cs
