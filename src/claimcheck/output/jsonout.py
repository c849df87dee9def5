"""Indented JSON for the outputs: json.dumps(obj, ensure_ascii=False, indent=2)'s text, written by orjson.

At 59,000 claims `conflicts --format json` is 38 MB: the standard library's indenting encoder (a
Python generator per container) took 0.6-1.0 s of a run, orjson takes 0.05 s. For the plain data
the documents are made of (dicts with str keys, lists, tuples, str, int, float, bool, None) it writes
the same text: layout, key order, escapes and numbers. What it refuses (integers beyond 64 bits,
lone surrogates, other keys or types, nesting deeper than 254) json.dumps writes. Two differences,
both the same numbers to any reader: NaN and the infinities, which JSON has no word for, are null
rather than json.dumps's non-standard NaN and Infinity (no document holds one: the open end of a
number range is null already), and a number under 0.0001 may take another form (5e-8 for 5e-08,
0.000015 for 1.5e-05).
tests/output/test_jsonout.py compares the two on random documents.
"""

from __future__ import annotations

import json

import orjson

# Dataclasses, dates and subclasses of the builtins are not written by orjson but refused, so that
# json.dumps decides about them as it always has (an Enum of str is its value; a date is a TypeError).
_OPTIONS = (orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME
            | orjson.OPT_PASSTHROUGH_SUBCLASS)


def indented(obj) -> str:
    """The document as json.dumps(obj, ensure_ascii=False, indent=2) writes it (but for the two differences above)."""
    try:
        return orjson.dumps(obj, option=_OPTIONS).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(obj, ensure_ascii=False, indent=2)

