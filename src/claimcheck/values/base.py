"""What every value type is: the ValueType protocol, the relation kinds, and the registry TYPES."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Hashable, Sequence

from claimcheck.model import Relation, Topic

if TYPE_CHECKING:
    from claimcheck.values.names import Names


SAME, COMPATIBLE, DIFFERENT = "same", "compatible", "different"


class ValueError_(ValueError):
    """A value that does not fit its topic's type; the message says what would."""


@dataclass(frozen=True)
class Context:
    topic: Topic
    names: Names


class ValueType:
    """A value type: how a claim's value is read (parse), shown, keyed and related to another, written
    back for a draft (to_raw) and found in an article (find). A new type is one module in values/
    that subclasses this and calls register(); nothing else in claimcheck names the types."""

    name = "?"
    example = ""
    help = ""  # what a value looks like, for the codebook's JSON Schema

    def parse(self, raw: Any, ctx: Context) -> Any:
        raise NotImplementedError

    def display(self, value: Any) -> str:
        return str(value)

    def key(self, value: Any, ctx: Context) -> Hashable:
        return value

    def relate(self, a: Any, b: Any, ctx: Context) -> Relation:
        return Relation(SAME, "equal") if a == b else Relation(DIFFERENT, "not equal")

    def keys(self, values: list, ctx: Context) -> list:
        """key() of each value (a type whose keys cost more than hashing a value works each out once)."""
        key = self.key
        return [key(v, ctx) for v in values]

    def relate_keyed(self, a: Any, b: Any, ka: Hashable, kb: Hashable, ctx: Context) -> Relation:
        """relate(), given the values' keys: a type that needs them overrides this, so that
        comparing every pair of a topic's values works out no key twice."""
        return self.relate(a, b, ctx)

    def relate_all(self, values: list, keys: list, ctx: Context) -> dict[tuple[int, int], Relation]:
        """relate() for every pair (i < j) of distinct values with their keys."""
        rel = self.relate_keyed
        return {(i, j): rel(a, values[j], keys[i], keys[j], ctx) for i, a in enumerate(values) for j in range(i + 1, len(values))}

    def to_raw(self, value: Any) -> Any:
        """The value as a curator writes it in a claim file: what parse reads back as the same value."""
        return value

    #: How far `check` looks from a value found by `find` for the topic's cue: words, and marks it may not cross.
    reach = 8
    stops = r"[.;!?]"

    def find(self, text: str, taken: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, Any, str, float]]:
        """Values of this type as an article writes them, for `check`: (start, end, value, how it was
        read, confidence 0..1), none overlapping the spans in `taken` (the sentence's dates).
        check/extract.py binds each to the topic whose cue stands nearest. The built-in types but
        `time` have readers of their own there and find nothing here; a new type defines this."""
        return []

    def to_json(self, value: Any) -> Any:
        return value


def _keys_once(vtype: ValueType, values: list, ctx: Context) -> list:
    """vtype.key() of each value, worked out once per distinct value: values that hash cheaply
    (str, tuples of str) and repeat across a claim set's parts, whose keys cost more."""
    distinct = dict.fromkeys(values)
    for v in distinct:
        distinct[v] = vtype.key(v, ctx)
    return list(map(distinct.__getitem__, values))


TYPES: dict[str, ValueType] = {}  # the registry of value types, by name


def register(vtype: ValueType) -> ValueType:
    """Add a value type to the registry (a module of its own calls this when imported)."""
    TYPES[vtype.name] = vtype
    return vtype
