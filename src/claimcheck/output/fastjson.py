"""json.dumps(obj, ensure_ascii=False, indent=2), byte for byte, several times faster.

With `indent`, the standard library encodes in Python, a generator per container: at 59,000 claims
`conflicts --format json` spent 1.4 s of its warm run there. This writes the same text by
appending to one list; a container of scalars only (a claim's document, a list of source ids) is
encoded whole by the C encoder, whose item separator is then the line break and indentation of
its depth (a newline is never inside an encoded string, so the text is the same). tests/output/test_fastjson.py
compares the two on random documents.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C function json.dumps(ensure_ascii=False) uses for strings

_float = float.__repr__
_int = int.__repr__
_SCALARS = frozenset({str, int, float, bool, type(None)})
_STR = frozenset({str})
_flat_encoders: dict[int, object] = {}


def _flat(depth: int):
    """The C encoder for a container of scalars at this depth: items apart by a line break and the indentation."""
    enc = _flat_encoders.get(depth)
    if enc is None:
        enc = _flat_encoders[depth] = json.JSONEncoder(
            ensure_ascii=False, separators=(",\n" + "  " * (depth + 1), ": ")).encode
    return enc


def _num(x: float) -> str:
    if x != x:
        return "NaN"
    if x == float("inf"):
        return "Infinity"
    if x == -float("inf"):
        return "-Infinity"
    return _float(x)


def dumps_indented(obj) -> str:
    """What json.dumps(obj, ensure_ascii=False, indent=2) returns, for dicts with str keys, lists,
    tuples, str, int, float, bool and None (anything else goes to json.dumps itself)."""
    out: list[str] = []
    add = out.append
    keys: dict[str, str] = {}
    pads = ["\n"]

    def pad(depth: int) -> str:
        while len(pads) <= depth:
            pads.append("\n" + "  " * len(pads))
        return pads[depth]

    def scalar(v) -> str | None:
        t = type(v)
        if t is str:
            return encode_basestring(v)
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if t is int:
            return _int(v)
        if t is float:
            return _num(v)
        return None

    def write(v, depth: int) -> None:
        s = scalar(v)
        if s is not None:
            add(s)
            return
        t = type(v)
        if t is dict:
            if not v:
                add("{}")
                return
            if set(map(type, v.values())) <= _SCALARS and set(map(type, v)) <= _STR:
                add("{" + pad(depth + 1) + _flat(depth)(v)[1:-1] + pad(depth) + "}")
                return
            inner = pad(depth + 1)
            first = True
            for k, x in v.items():
                if type(k) is not str:
                    raise _Fallback
                key = keys.get(k)
                if key is None:
                    key = keys[k] = encode_basestring(k) + ": "
                add(("{" if first else ",") + inner + key)
                first = False
                s = scalar(x)
                if s is not None:
                    add(s)
                else:
                    write(x, depth + 1)
            add(pad(depth) + "}")
        elif t is list or t is tuple:
            if not v:
                add("[]")
                return
            if set(map(type, v)) <= _SCALARS:
                add("[" + pad(depth + 1) + _flat(depth)(v)[1:-1] + pad(depth) + "]")
                return
            inner = pad(depth + 1)
            first = True
            for x in v:
                add(("[" if first else ",") + inner)
                first = False
                s = scalar(x)
                if s is not None:
                    add(s)
                else:
                    write(x, depth + 1)
            add(pad(depth) + "]")
        else:
            raise _Fallback

    try:
        write(obj, 0)
    except (_Fallback, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2)
    return "".join(out)


class _Fallback(Exception):
    """A value this writer does not handle (a subclass, a non-str key): json.dumps writes the document."""
