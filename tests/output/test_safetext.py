"""safetext: every character that can drive a terminal is shown as a code, in every output it defines."""

from __future__ import annotations

import json

import pytest

from claimcheck.output.safetext import UNSAFE, json_safe, visible
from claimcheck.output.terminal import inert

DANGEROUS = ["\x1b", "\x07", "\x08", "\r", "\x0b", "\x0c", "\x7f", "\x85", "\x9b", "\u061c", "\u200e", "\u200f",
             "\u2028", "\u2029", *map(chr, range(0x202a, 0x202f)), *map(chr, range(0x2066, 0x206a))]


@pytest.mark.parametrize("ch", DANGEROUS, ids=lambda c: f"U+{ord(c):04X}")
def test_each_is_shown_as_its_code(ch):
    code = f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"
    assert visible(f"a{ch}b", oneline=False) == f"a{code}b"
    for shown in (visible(f"a{ch}b"), inert(f"a{ch}b")):  # on one line, whitespace among them folds to a space
        assert shown in (f"a{code}b", "a b")
    encoded = json_safe(json.dumps({"q": f"a{ch}b"}, ensure_ascii=False))
    assert ch not in encoded and json.loads(encoded) == {"q": f"a{ch}b"}  # the same data to a program


def test_the_class_is_what_the_tests_spell_out():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent.parent / "bad_inputs"))
    from cases import UNSAFE as SPELLED

    assert set(SPELLED) | {"\u2028", "\u2029"} == {c for c in map(chr, range(0x3000)) if __import__("re").match(f"[{UNSAFE}]", c)}


def test_ordinary_text_is_left_as_it_is():
    text = "Zabihullah Mujahid: “The delegation … arrived” — عربي, עברית, 中文 ✓"
    assert visible(text) == text and json_safe(text) == text
    assert visible("two\nlines\tand a tab", oneline=False) == "two\nlines\tand a tab"
    assert visible("two\nlines") == "two lines"
