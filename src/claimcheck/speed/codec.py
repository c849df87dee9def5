"""The model as plain JSON data and back, with every field's type checked on the way back.

What the cache stores (cache.py, topicfile.py) is written here as JSON values only: strings,
numbers, booleans, null, lists, objects. Reading it back builds the model's own classes from a
fixed schema, field by field, and refuses (ValueError) anything of another shape or type, so a
cache file can only ever be data of the expected form: nothing in it names a class to build or a
function to call. Values of the value types (values.py) are tagged lists; an unknown type is
refused when writing (the cache is then not written), never guessed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from claimcheck.errors import Problem
from claimcheck.model import Codebook, Entity, Label, Source, Topic, Where

_NONE = type(None)


def fail(what: str) -> ValueError:
    return ValueError(f"not a valid cache entry: {what}")


def check(ok: bool, what: str) -> None:
    if not ok:
        raise fail(what)


def text(x: Any) -> str:
    check(type(x) is str, "text expected")
    return x


def opt_text(x: Any) -> str | None:
    check(x is None or type(x) is str, "text or null expected")
    return x


def integer(x: Any) -> int:
    check(type(x) is int, "integer expected")
    return x


def opt_int(x: Any) -> int | None:
    check(x is None or type(x) is int, "integer or null expected")
    return x


def texts(x: Any) -> tuple[str, ...]:
    check(type(x) is list and all(type(s) is str for s in x), "list of text expected")
    return tuple(x)


def listed(x: Any, n: int | None = None) -> list:
    check(type(x) is list and (n is None or len(x) == n), "list expected")
    return x


# --------------------------------------------------------------------------- dates

def date_out(d: dt.date | None) -> int | None:
    return None if d is None else d.toordinal()


def date_in(x: Any) -> dt.date | None:
    if x is None:
        return None
    check(type(x) is int and 1 <= x <= 3652059, "a date expected")
    return dt.date.fromordinal(x)


# --------------------------------------------------------------------------- values (values.py's types)


def value_out(v: Any) -> Any:
    """A parsed value: text as itself, the others as tagged lists."""
    from claimcheck.values import DateSpan, Quantity
    from claimcheck.values.timeofday import TimeOfDay

    t = type(v)
    if t is str:
        return v
    if t is Quantity:
        check(type(v.low) in (int, float) and type(v.high) in (int, float) and (v.text is None or type(v.text) is str)
              and type(v.low_open) is bool and type(v.high_open) is bool, "a quantity")
        return [0, v.low, v.high, v.text, v.low_open, v.high_open]  # open ends: "more than 200" excludes 200
    if t is DateSpan:
        return [1, v.start.toordinal(), v.end.toordinal()]
    if t is tuple and all(type(x) is str for x in v):
        return [2, list(v)]
    if t is TimeOfDay:
        check(type(v.earliest) is int and type(v.latest) is int and (v.zone is None or type(v.zone) is str)
              and (v.text is None or type(v.text) is str), "a time of day")
        return [3, v.earliest, v.latest, v.zone, v.text]
    raise TypeError(f"cannot store a value of type {t.__name__}")


def value_in(x: Any) -> Any:
    from claimcheck.values import DateSpan, Quantity
    from claimcheck.values.timeofday import TimeOfDay

    if type(x) is str:
        return x
    check(type(x) is list and x and type(x[0]) is int, "a value expected")
    tag = x[0]
    if tag == 0 and len(x) == 6:
        check(type(x[1]) in (int, float) and type(x[2]) in (int, float) and type(x[4]) is bool
              and type(x[5]) is bool, "a quantity expected")
        return Quantity(x[1], x[2], opt_text(x[3]), x[4], x[5])
    if tag == 1 and len(x) == 3:
        start, end = date_in(x[1]), date_in(x[2])
        check(start is not None and end is not None, "a date span expected")
        return DateSpan(start, end)  # type: ignore[arg-type]
    if tag == 2 and len(x) == 2:
        return texts(x[1])
    if tag == 3 and len(x) == 5:
        check(type(x[1]) is int and type(x[2]) is int, "a time of day expected")
        return TimeOfDay(x[1], x[2], opt_text(x[3]), opt_text(x[4]))
    raise fail("an unknown kind of value")


# --------------------------------------------------------------------------- raw values (as YAML gave them)


def raw_out(v: Any) -> Any:
    """A value as written in a claim file: JSON's own types as themselves, dates and lists tagged."""
    t = type(v)
    if t in (str, int, float, bool, _NONE):
        return v
    if t is dt.date:
        return [0, v.isoformat()]
    if t is dt.datetime:
        return [1, v.isoformat()]
    if t is list:
        return [2, [raw_out(x) for x in v]]
    if t is dict:
        return [3, [[raw_out(k), raw_out(x)] for k, x in v.items()]]
    raise TypeError(f"cannot store a raw value of type {t.__name__}")


def raw_in(x: Any, depth: int = 0) -> Any:
    t = type(x)
    if t in (str, int, float, bool, _NONE):
        return x
    check(t is list and len(x) == 2 and type(x[0]) is int and depth < 60, "a raw value expected")
    tag, body = x
    try:
        if tag == 0:
            return dt.date.fromisoformat(text(body))
        if tag == 1:
            return dt.datetime.fromisoformat(text(body))
    except ValueError:
        raise fail("a date expected") from None
    if tag == 2:
        return [raw_in(i, depth + 1) for i in listed(body)]
    if tag == 3:
        out = {}
        for pair in listed(body):
            k, v = listed(pair, 2)
            k = raw_in(k, depth + 1)
            check(type(k) in (str, int, float, bool, _NONE, dt.date, dt.datetime), "a key expected")
            out[k] = raw_in(v, depth + 1)
        return out
    raise fail("an unknown kind of raw value")


# --------------------------------------------------------------------------- columns


def column_out(values: list, encode: Callable[[Any], Any] | None = None) -> list:
    """A column of values: as a table of distinct values and an index per row when they repeat
    (claims share sources, topics, credits, values), else as the values themselves.

    Without `encode` the values are plain JSON scalars of one kind per column (text or null, a whole
    number or null, a flag), told apart by equality. With it, each distinct object is encoded once:
    objects are told apart by identity, never by equality (2 == 2.0 == True, and Quantity(2, 5) ==
    Quantity(2.0, 5.0) though they print differently), and the claims of a part share their parsed
    values, so a repeated value is still stored once."""
    n = len(values)
    if encode is None:
        distinct = dict.fromkeys(values)
        if len(distinct) * 2 > n:
            return [0, values]
        index = {v: i for i, v in enumerate(distinct)}
        return [1, list(distinct), list(map(index.__getitem__, values))]
    ids = list(map(id, values))
    objects = dict(zip(ids, values))  # each distinct object, in the order first met
    index = {k: i for i, k in enumerate(objects)}
    return [1, list(map(encode, objects.values())), list(map(index.__getitem__, ids))]


_TEXT_TYPES = frozenset({str})
_OPT_TEXT_TYPES = frozenset({str, _NONE})


def column_in(col: Any, n: int, allowed: frozenset | None = None, decode: Callable[[Any], Any] | None = None,
              same: frozenset = frozenset()) -> list:
    """column_out's values again: `allowed` types checked (at C speed) or each table entry decoded;
    a table whose entries are all of the types `decode` gives back as they are (`same`) is not decoded."""
    check(type(col) is list and col and type(col[0]) is int, "a column expected")
    if col[0] == 0 and len(col) == 2 and decode is None:
        values = listed(col[1], n)
        check(allowed is None or set(map(type, values)) <= allowed, "a column of another type")
        return values
    check(col[0] == 1 and len(col) == 3, "a column expected")
    table, rows = listed(col[1]), listed(col[2], n)
    if decode is not None:
        if not set(map(type, table)) <= same:
            table = [decode(x) for x in table]
    else:
        check(allowed is None or set(map(type, table)) <= allowed, "a column of another type")
    if rows:
        check(set(map(type, rows)) == {int} and min(rows) >= 0 and max(rows) < len(table), "a column's rows")
    return list(map(table.__getitem__, rows))


# --------------------------------------------------------------------------- the codebook, sources, problems


def codebook_out(cb: Codebook) -> dict:
    return {
        "topics": [[t.name, t.type, t.description, list(t.subject), list(t.cues), t.changes_over_time, t.unit,
                    [[k, lab.name, lab.definition, list(lab.cues)] for k, lab in t.labels.items()],
                    [sorted(pair) for pair in t.compatible]]
                   for t in cb.topics.values()],
        "entities": [[e.name, list(e.aliases)] for e in cb.entities],
        "honorifics": list(cb.honorifics),
        "distinct": [list(p) for p in cb.distinct],
        "threshold": float(cb.person_match_threshold),
        "path": cb.path,
    }


def codebook_in(x: Any) -> Codebook:
    check(type(x) is dict, "a codebook expected")
    topics = {}
    for row in listed(x.get("topics")):
        name, kind, desc, subject, cues, changes, unit, labels, compatible = listed(row, 9)
        check(type(changes) is bool, "a flag expected")
        labs = {}
        for lab in listed(labels):
            key, lname, definition, lcues = listed(lab, 4)
            labs[text(key)] = Label(text(lname), text(definition), texts(lcues))
        topics[text(name)] = Topic(text(name), text(kind), text(desc), texts(subject), texts(cues), changes,
                                   opt_text(unit), labs, frozenset(frozenset(texts(p)) for p in listed(compatible)))
    threshold = x.get("threshold")
    check(type(threshold) is float, "a threshold expected")
    distinct = tuple(texts(p) for p in listed(x.get("distinct")))
    check(all(len(p) == 2 for p in distinct), "pairs expected")
    return Codebook(topics, tuple(Entity(text(n), texts(a)) for n, a in (listed(e, 2) for e in listed(x.get("entities")))),
                    texts(x.get("honorifics")), distinct, threshold, text(x.get("path")))  # type: ignore[arg-type]


def where_out(w: Where) -> list:
    return [w.path, w.line, w.col]


def where_in(x: Any) -> Where:
    path, line, col = listed(x, 3)
    return Where(text(path), opt_int(line), opt_int(col))


def sources_out(sources: dict[str, Source]) -> list:
    return [[s.id, s.outlet, s.title, date_out(s.published), s.url, s.text_path, s.note, where_out(s.where)]
            for s in sources.values()]


def sources_in(x: Any) -> dict[str, Source]:
    out = {}
    for row in listed(x):
        sid, outlet, title, published, url, text_path, note, where = listed(row, 8)
        out[text(sid)] = Source(sid, text(outlet), opt_text(title), date_in(published), opt_text(url),
                                opt_text(text_path), opt_text(note), where_in(where))
    return out


def problems_out(problems: list[Problem] | None) -> list | None:
    return None if problems is None else [[p.path, p.message, p.line, p.col] for p in problems]


def problems_in(x: Any) -> list[Problem] | None:
    if x is None:
        return None
    out = []
    for row in listed(x):
        path, message, line, col = listed(row, 4)
        out.append(Problem(text(path), text(message), opt_int(line), opt_int(col)))
    return out
