"""Value types: how a claim's value is read, shown, keyed, and related to another. The registry is TYPES.

A new value type is one module in values/ whose ValueType subclass is passed to register() (as
timeofday.py does for `time`, and tests/values/test_toy_type.py for a toy one). The codebook's
schema, the loader, `conflicts`, `check` (through the type's `find`) and `--draft` (through its
`to_raw`) take their names and rules from the registry; nothing else lists the types. One module
per type: names.py (person), number.py, date.py, listing.py (list), label.py, text.py, timeofday.py
(time); base.py holds what they share.
"""

from __future__ import annotations

from claimcheck.values.base import (  # noqa: F401 (the package's names)
    COMPATIBLE, DIFFERENT, SAME, TYPES, Context, ValueError_, ValueType, register,
)
from claimcheck.values.date import DateSpan, DateType, parse_date_value  # noqa: F401
from claimcheck.values.label import LabelType
from claimcheck.values.listing import ListType
from claimcheck.values.names import SPELLING_FIXES, Names, PersonType, fold, spelled_differently  # noqa: F401
from claimcheck.values.number import (  # noqa: F401
    NUMBER_WORDS, QUALIFIER_WORDS, QUALIFIERS, VAGUE, NumberType, Quantity, parse_quantity, words_to_number,
)
from claimcheck.values.text import TextType, word_diff  # noqa: F401

for _type in (PersonType(), NumberType(), DateType(), ListType(), LabelType(), TextType()):
    register(_type)

from claimcheck.values import timeofday  # noqa: E402,F401  (registers `time`)
