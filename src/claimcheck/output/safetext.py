"""Untrusted text made safe for a terminal: the one definition of what must never reach one raw.

Quotes, names, notes and paths come from claim files and articles other people wrote. Shown raw,
an ESC starts an escape sequence (clearing the screen, an OSC 52 clipboard write, an OSC 8 link),
BEL rings, a carriage return overwrites the line, C1 controls act as ESC sequences on some
terminals, and bidirectional controls reorder what is shown (U+202E makes "exe.txt" read
"txt.exe"). Every output that can reach a terminal goes through one of the functions here, all
built on one character class, UNSAFE:

- `visible`: the characters shown as escapes (`\\x1b`, `\\u202e`), for plain text, tables, messages,
  Markdown, CSV and HTML, on stdout or in a file (a `cat report.md` is as safe as the terminal view);
- `json_safe`: for JSON text, the same characters written as JSON escapes (`\\u001b`), so a program
  decoding the document gets the exact text while the bytes on a terminal stay inert.
"""

from __future__ import annotations

import re

#: C0 controls but tab and newline, DEL, C1 controls, the Arabic letter mark, the left-to-right and
#: right-to-left marks, the bidi embeddings, overrides and isolates, and the line and paragraph separators.
UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{UNSAFE}]")


def _code(ch: str) -> str:
    n = ord(ch)
    return f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}"


def visible(text: object, oneline: bool = True) -> str:
    """Text that cannot drive a terminal: every UNSAFE character shown as its code. `oneline` also
    folds runs of whitespace (newlines included) into one space; otherwise tabs and newlines stay."""
    s = str(text)
    if s.isprintable() and (not oneline or ("  " not in s and s[:1] != " " and s[-1:] != " ")):
        return s  # the usual case, at C speed: no control or format characters, and no whitespace to fold
    if oneline:
        s = " ".join(s.split())
    return _UNSAFE.sub(lambda m: _code(m.group()), s)


def json_safe(encoded: str) -> str:
    """JSON text with every UNSAFE character written as a \\u escape (they can stand only inside strings,
    and json.dumps already escapes the C0 ones): the same document to a parser, inert on a terminal."""
    if encoded.isascii() and "\x7f" not in encoded:
        return encoded
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)
