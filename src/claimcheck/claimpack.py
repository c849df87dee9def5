"""Claims pickled as columns, and made into objects again without a Python call per claim.

A claim set travels in parts, pickled: from the processes that read its files, and to and from
the cache, which most commands read it back from. Pickled as objects, each Claim and its Where is
rebuilt by pickle attribute by attribute (about 3 µs a claim, most of `conflicts` after `validate`
at 100,000 claims but for the comparison); as columns, the values unpickle as plain lists, and
the objects are made and filled from them, a field at a time, by map() at C speed.
"""

from __future__ import annotations

import pickle
from collections import deque
from itertools import repeat
from operator import attrgetter
from typing import Sequence

from .model import Claim, Where

FORMAT = "claims-columns-1"
_FIELDS = tuple(Claim.__dataclass_fields__)  # dataclass order, which is the order __init__ fills them in
_WHERE_FIELDS = tuple(Where.__dataclass_fields__)
_AT = _FIELDS.index("where")
_WHERE = attrgetter("where")


def dumps(claims: Sequence[Claim]) -> bytes:
    wheres = list(map(_WHERE, claims))
    columns = [list(map(attrgetter(f), claims)) for f in _FIELDS if f != "where"]
    where_columns = [list(map(attrgetter(f), wheres)) for f in _WHERE_FIELDS]
    return pickle.dumps((FORMAT, len(claims), columns, where_columns), protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> list[Claim]:
    """The claims dumps() was given, equal field by field; ValueError for anything else."""
    fmt, n, columns, where_columns = pickle.loads(data)
    if fmt != FORMAT or len(columns) != len(_FIELDS) - 1 or len(where_columns) != len(_WHERE_FIELDS):
        raise ValueError("not claims in columns of this version")
    if any(len(c) != n for c in (*columns, *where_columns)):
        raise ValueError("claims cut short")
    wheres = _made(Where, _WHERE_FIELDS, where_columns, n)
    return _made(Claim, _FIELDS, [*columns[:_AT], wheres, *columns[_AT:]], n)


def _made(cls: type, fields: tuple[str, ...], columns: list[list], n: int) -> list:
    """n instances of a (frozen) dataclass, their fields set column by column in field order as its
    __init__ sets them, so that they share one table of keys as instances made by __init__ do."""
    made = list(map(object.__new__, repeat(cls, n)))
    for name, column in zip(fields, columns):
        deque(map(object.__setattr__, made, repeat(name), column), maxlen=0)
    return made
