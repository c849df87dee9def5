"""Claims as JSON columns, and made into objects again without a Python call per claim.

A claim set travels in parts: from the processes that read its files, and to and from the cache,
which most commands read it back from. Each field is one column (codec.column_out: repeated
values, such as sources, topics, credits and parsed values, as a table and an index per claim);
reading a part back checks every column's length and types against the schema below (at C speed:
set(map(type, column))) and decodes each distinct value once, then makes the objects and fills
them a field at a time, by map(). Nothing in a part can name a class or run code (codec.py).
"""

from __future__ import annotations

import json
from collections import deque
from itertools import repeat
from operator import attrgetter
from typing import Sequence

from claimcheck.speed import codec
from claimcheck.model import Claim, Where

FORMAT = "claims-json-columns-2"  # 2: a quantity keeps its open ends
_FIELDS = tuple(Claim.__dataclass_fields__)  # dataclass order, which is the order __init__ fills them in
_WHERE_FIELDS = tuple(Where.__dataclass_fields__)
_WHERE = attrgetter("where")
_T = codec._TEXT_TYPES
_OT = codec._OPT_TEXT_TYPES
_OPT_INT = frozenset({int, type(None)})
# How each field is stored: the types a plain column may hold, or the codec for a tabled one.
_PLAIN = {"id": _T, "source_id": _T, "topic": _T, "quote": _T, "attributed_to": _T, "via": _OT, "hedge": _OT,
          "note": _OT, "own_voice": frozenset({bool})}


# encoder, decoder, and the types the decoder gives back as they are
_CODED = {"value": (codec.value_out, codec.value_in, _T),
          "raw_value": (codec.raw_out, codec.raw_in, frozenset({str, int, float, bool, type(None)})),
          "as_of": (codec.date_out, codec.date_in, frozenset({type(None)}))}
_WHERE_PLAIN = {"path": _T, "line": _OPT_INT, "col": _OPT_INT}
assert set(_PLAIN) | set(_CODED) | {"where"} == set(_FIELDS) and set(_WHERE_PLAIN) == set(_WHERE_FIELDS)


def dumps(claims: Sequence[Claim]) -> bytes:
    """The claims as JSON columns (UTF-8). TypeError for a value the codec cannot store."""
    return json.dumps(columns(claims), ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def loads(data: bytes) -> list[Claim]:
    """The claims dumps() was given, equal field by field; ValueError for anything else."""
    try:
        doc = json.loads(data.decode("utf-8", "surrogatepass"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ValueError("not claims in columns") from None
    return from_columns(doc)


def columns(claims: Sequence[Claim]) -> dict:
    """The claims as a JSON-able document of columns (what dumps() encodes)."""
    cols = {}
    for f in _FIELDS:
        if f == "where":
            continue
        values = list(map(attrgetter(f), claims))
        if f in _CODED:
            cols[f] = codec.column_out(values, _CODED[f][0])
        else:
            cols[f] = codec.column_out(values)
    wheres = list(map(_WHERE, claims))
    where_columns = {f: codec.column_out(list(map(attrgetter(f), wheres))) for f in _WHERE_FIELDS}
    return {"format": FORMAT, "n": len(claims), "columns": cols, "where": where_columns}


def from_columns(doc: object) -> list[Claim]:
    """The claims of a columns() document, every column checked; ValueError for anything else."""
    if type(doc) is not dict or doc.get("format") != FORMAT or type(doc.get("n")) is not int:
        raise ValueError("not claims in columns of this version")
    n, cols, where_columns = doc["n"], doc.get("columns"), doc.get("where")
    if type(cols) is not dict or type(where_columns) is not dict or set(cols) != set(_FIELDS) - {"where"} \
            or set(where_columns) != set(_WHERE_FIELDS):
        raise ValueError("not claims in columns of this version")
    wheres = _made(Where, _WHERE_FIELDS, [codec.column_in(where_columns[f], n, _WHERE_PLAIN[f]) for f in _WHERE_FIELDS], n)
    filled = []
    for f in _FIELDS:
        if f == "where":
            filled.append(wheres)
        elif f in _CODED:
            filled.append(codec.column_in(cols[f], n, decode=_CODED[f][1], same=_CODED[f][2]))
        else:
            filled.append(codec.column_in(cols[f], n, _PLAIN[f]))
    return _made(Claim, _FIELDS, filled, n)


def _made(cls: type, fields: tuple[str, ...], columns: list[list], n: int) -> list:
    """n instances of a (frozen) dataclass, their fields set column by column in field order as its
    __init__ sets them, so that they share one table of keys as instances made by __init__ do."""
    made = list(map(object.__new__, repeat(cls, n)))
    for name, column in zip(fields, columns):
        deque(map(object.__setattr__, made, repeat(name), column), maxlen=0)
    return made
