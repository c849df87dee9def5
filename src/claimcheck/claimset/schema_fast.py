"""The fast path beside schema.py: claim files and codebooks whose fields already have their types,
taken as they are instead of through pydantic (which costs 40 µs a claim file).

Each function says whether (or gives what) schema.py's model would give for the same mapping;
anything it is not sure of is None or False, and schema.py judges it, with its messages.
tests/claimset/test_load_paths.py checks both give the same on every generated file.
"""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

from claimcheck.values import TYPES


CLAIM_KEYS = frozenset({"id", "topic", "value", "quote", "attributed_to", "via", "hedge", "as_of", "note"})  # schema.ClaimIn's
_CLAIM_TEXT = ("id", "attributed_to", "via", "hedge", "note")


_SOURCE_KEYS = frozenset({"id", "outlet", "title", "published", "url", "text", "note", "status", "claims"})  # schema.SourceIn's
_SOURCE_ID = re.compile(r"[\w.\-]+")  # schema.SourceIn's id rule
_TOPIC_KEYS = frozenset({"type", "description", "subject", "cues", "changes_over_time", "direction", "unit", "labels", "compatible"})
_CODEBOOK_KEYS = frozenset({"honorifics", "entities", "distinct", "person_match_threshold", "topics"})


def plain_source(data: dict) -> SimpleNamespace | None:
    """The claim file's source fields as schema.SourceIn would give them, when each already has its
    type (the usual case); None sends the file to SourceIn, which judges it with its messages. Valid
    files are then read without importing pydantic (about 0.1 s of a small set's start-up)."""
    if not data.keys() <= _SOURCE_KEYS or type(data.get("claims")) is not list:
        return None
    sid, outlet = data.get("id"), data.get("outlet")
    if type(sid) is not str or type(outlet) is not str or not outlet or not _SOURCE_ID.fullmatch(sid):
        return None
    for key in ("title", "url", "text", "note"):
        v = data.get(key)
        if v is not None and type(v) is not str:
            return None
    published = data.get("published")
    if published is not None and type(published) is not dt.date:
        return None
    status = data.get("status")
    if status is not None and status != "draft":
        return None
    return SimpleNamespace(id=sid, outlet=outlet, title=data.get("title"), published=published, url=data.get("url"),
                           text=data.get("text"), note=data.get("note"), status=status, claims=data["claims"])


def _strings(v: Any) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def _pairs(v: Any) -> bool:
    return type(v) is list and all(type(p) is list and len(p) == 2 and _strings(p) for p in v)


def plain_codebook(data: dict) -> SimpleNamespace | None:
    """The codebook as schema.CodebookIn would give it, when every field already has its type; None
    sends it to CodebookIn (see plain_source)."""
    topics = data.get("topics")
    if not data.keys() <= _CODEBOOK_KEYS or type(topics) is not dict:
        return None
    if not _strings(data.get("honorifics", [])) or not _pairs(data.get("distinct", [])):
        return None
    threshold = data.get("person_match_threshold", 85.0)
    if type(threshold) not in (int, float) or not 0 <= threshold <= 100:
        return None
    entities = data.get("entities", [])
    if type(entities) is not list:
        return None
    for e in entities:
        if type(e) is not dict or not e.keys() <= {"name", "aliases"} or type(e.get("name")) is not str \
                or not _strings(e.get("aliases", [])):
            return None
    parsed_topics = {}
    for name, t in topics.items():
        if type(name) is not str or type(t) is not dict or not t.keys() <= _TOPIC_KEYS:
            return None
        if t.get("type") not in TYPES or type(t.get("type")) is not str or type(t.get("description")) is not str:
            return None
        if not _strings(t.get("subject", [])) or not _strings(t.get("cues", [])) or not _pairs(t.get("compatible", [])):
            return None
        if type(t.get("changes_over_time", False)) is not bool or type(t.get("unit", "")) not in (str, type(None)):
            return None
        if t.get("direction") not in (None, "rising", "falling") or type(t.get("direction", "")) not in (str, type(None)):
            return None
        labels = t.get("labels", {})
        if type(labels) is not dict:
            return None
        for k, v in labels.items():
            if type(k) is not str or type(v) is not dict or not v.keys() <= {"definition", "cues"} \
                    or type(v.get("definition")) is not str or not _strings(v.get("cues", [])):
                return None
        parsed_topics[name] = SimpleNamespace(
            type=t["type"], description=t["description"], subject=list(t.get("subject", [])), cues=list(t.get("cues", [])),
            changes_over_time=t.get("changes_over_time", False), direction=t.get("direction"), unit=t.get("unit"),
            labels={k: SimpleNamespace(definition=v["definition"], cues=list(v.get("cues", []))) for k, v in labels.items()},
            compatible=[tuple(p) for p in t.get("compatible", [])])
    return SimpleNamespace(
        honorifics=list(data.get("honorifics", [])),
        entities=[SimpleNamespace(name=e["name"], aliases=list(e.get("aliases", []))) for e in entities],
        distinct=[tuple(p) for p in data.get("distinct", [])],
        person_match_threshold=float(threshold), topics=parsed_topics)


def plain_claim(raw: dict) -> bool:
    """Whether every field of a claim mapping already has the type schema.ClaimIn would give it (the
    usual case), so the mapping can be used as it is; if not, ClaimIn judges it, with its messages."""
    if not raw.keys() <= CLAIM_KEYS or "value" not in raw:
        return False
    topic, quote = raw.get("topic"), raw.get("quote")
    if type(topic) is not str or type(quote) is not str or not quote:
        return False
    for key in _CLAIM_TEXT:
        v = raw.get(key)
        if v is not None and type(v) is not str:
            return False
    as_of = raw.get("as_of")
    return as_of is None or type(as_of) is dt.date
