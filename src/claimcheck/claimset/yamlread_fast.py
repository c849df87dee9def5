"""A fast reader for the plain YAML that claim files are written in; anything else is left to yamlread.

Claim files use a small part of YAML: block mappings and sequences, one-line scalars (plain, quoted)
and one-line flow lists, comments. This reads that part line by line, giving exactly the values
and marks the full reader (yamlread: PyYAML's composer and our node walker) gives, several times
faster. It never reports an error: on anything outside that part (multi-line scalars, anchors,
tags, tabs, duplicate keys, odd indentation, a syntax error) it answers None and the full
reader reads the file, with its messages. Plain scalars are resolved (int, date, null, ...) by
PyYAML's own resolver and constructor, so types cannot drift between the two readers.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["parse"]

Marks = dict[tuple, tuple[int, int]]

# Characters the fast reader accepts anywhere in a file: printable text and newlines. Tabs, CR, NEL,
# the Unicode line separators, a BOM or control characters send the file to the full reader.
_OUTSIDE = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_.\-]{0,127}):(?: +|$)")
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_ESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}
_SAFE_TAGS = {
    "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}
_STR = "tag:yaml.org,2002:str"
MAX_DEPTH = 40  # deeper files go to the full reader, which enforces its own limit

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_plain_cache: dict[str, Any] = {}


class _Unsupported(Exception):
    """Outside what this reader handles; the full reader takes the file."""


#: Plain scalars YAML 1.1 reads as numbers a person would not: base 60 ('1:30' is 90) and octal
#: ('010' is 8). Both readers keep them as the text written, so that '1:30' is a time (or refused
#: as a number, saying how to write it) and '010' is 10.
AS_WRITTEN = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|[-+]?0[0-7_]+")
_NUMBER_TAGS = frozenset({"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})


def as_written(tag: str, text: str) -> bool:
    """Whether a plain scalar YAML would read as a number is kept as its text (see AS_WRITTEN)."""
    return tag in _NUMBER_TAGS and AS_WRITTEN.fullmatch(text) is not None


def _plain(text: str) -> Any:
    """A plain scalar's value, resolved as PyYAML resolves it (cached: immutable results only)."""
    try:
        return _plain_cache[text]
    except KeyError:
        pass
    tag = _resolver.resolve(yaml.ScalarNode, text, (True, False))
    if as_written(tag, text):
        tag = _STR
    if tag == _STR:
        value: Any = text
    elif tag in _SAFE_TAGS:
        try:
            value = _constructor.yaml_constructors[tag](_constructor, yaml.ScalarNode(tag, text))
        except Exception:
            raise _Unsupported from None
    else:
        raise _Unsupported
    if len(_plain_cache) > 200_000:
        _plain_cache.clear()
    _plain_cache[text] = value
    return value


def _double(s: str, i: int) -> tuple[str, int]:
    """A double-quoted scalar starting at s[i] == '"': its value and the index after the closing quote."""
    j = i + 1
    q = s.find('"', j)
    b = s.find("\\", j, q) if q >= 0 else -1
    if q >= 0 and b < 0:
        return s[j:q], q + 1
    parts = []
    while True:
        q = s.find('"', j)
        if q < 0:
            raise _Unsupported  # continues on the next line
        b = s.find("\\", j, q)
        if b < 0:
            parts.append(s[j:q])
            return "".join(parts), q + 1
        parts.append(s[j:b])
        c = s[b + 1:b + 2]
        if c in _ESCAPES:
            parts.append(_ESCAPES[c])
            j = b + 2
        elif c == "u":
            hexa = s[b + 2:b + 6]
            if len(hexa) != 4 or not all(h in "0123456789abcdefABCDEF" for h in hexa):
                raise _Unsupported
            code = int(hexa, 16)
            if 0xD800 <= code <= 0xDFFF:
                raise _Unsupported
            parts.append(chr(code))
            j = b + 6
        else:
            raise _Unsupported


def _single(s: str, i: int) -> tuple[str, int]:
    """A single-quoted scalar starting at s[i] == "'": its value and the index after the closing quote."""
    j = i + 1
    parts = []
    while True:
        q = s.find("'", j)
        if q < 0:
            raise _Unsupported
        parts.append(s[j:q])
        if s[q + 1:q + 2] == "'":
            parts.append("'")
            j = q + 2
            continue
        return "".join(parts), q + 1


def _dash_plain(s: str, i: int) -> bool:
    """'-member', '-5': a dash that starts a plain scalar rather than a list entry."""
    return s[i] == "-" and i + 1 < len(s) and s[i + 1] not in " ,[]{}"


def _rest_is_comment(s: str, i: int) -> None:
    """After a value: only spaces, or spaces and a comment."""
    rest = s[i:]
    if rest and rest.strip(" ") and not (rest[0] == " " and rest.lstrip(" ")[0] == "#"):
        raise _Unsupported


class _Reader:
    def __init__(self, lines: list[tuple[int, int, str]], light: bool = False):
        self.lines = lines  # content lines: (0-based line number, indent, text from the indent on)
        self.marks: Marks = {}
        self.key_marks: Marks = {}
        self.light = light  # mark only paths of one or two steps, and `id` keys

    def node(self, i: int, path: tuple) -> tuple[Any, int]:
        """The block node whose first line is lines[i]."""
        if len(path) > MAX_DEPTH:
            raise _Unsupported
        lineno, col, text = self.lines[i]
        if text[0] == "-":
            if text == "-" or text[1] == " ":
                return self.sequence(i, path)
            raise _Unsupported
        return self.mapping(i, col, text, path)

    def mapping(self, i: int, col: int, text: str, path: tuple) -> tuple[dict, int]:
        """A block mapping whose keys stand at `col`; the first one begins `text` on lines[i]."""
        lines, n = self.lines, len(self.lines)
        lineno = lines[i][0]
        out: dict[str, Any] = {}
        self.marks[path] = (lineno + 1, col + 1)
        while True:
            m = _KEY.match(text)
            if m is None:
                raise _Unsupported
            key = m.group(1)
            if not isinstance(_plain(key), str) or key in out:
                raise _Unsupported  # a key YAML reads as a number, bool or null; or a duplicate
            vpath = (*path, key)
            if not self.light or len(vpath) < 3 or key == "id":
                self.key_marks[vpath] = (lineno + 1, col + 1)
            vstart = m.end()
            if vstart == len(text) or text[vstart] == "#":
                i += 1  # the value is a block on the following lines
                if i >= n:
                    raise _Unsupported  # an empty value
                nl, ncol, ntext = lines[i]
                if ncol > col or (ncol == col and ntext[0] == "-" and (ntext == "-" or ntext[1] == " ")):
                    value, i = self.node(i, vpath)
                else:
                    raise _Unsupported
            else:
                value = self.inline(text, vstart, lineno, col, vpath)
                i += 1
                if i < n and lines[i][1] > col:
                    raise _Unsupported  # a continuation line, or an error the full reader words
            out[key] = value
            if i >= n:
                return out, i
            lineno, ncol, text = lines[i]
            if ncol != col:
                return out, i
            if text[0] == "-":
                raise _Unsupported

    def sequence(self, i: int, path: tuple) -> tuple[list, int]:
        lines, n = self.lines, len(self.lines)
        lineno, col, text = lines[i]
        self.marks[path] = (lineno + 1, col + 1)
        out: list[Any] = []
        while i < n:
            lineno, ncol, text = lines[i]
            if ncol != col or text[0] != "-":
                break
            if text == "-" or text[1] != " ":
                raise _Unsupported
            k = 1
            while text[k] == " ":
                k += 1
            ipath = (*path, len(out))
            if len(ipath) > MAX_DEPTH or text[k] in "#-":
                raise _Unsupported
            if _KEY.match(text, k):
                value, i = self.mapping(i, col + k, text[k:], ipath)
            else:
                value = self.inline(text, k, lineno, col, ipath)
                i += 1
                if i < n and lines[i][1] > col:
                    raise _Unsupported
            out.append(value)
        return out, i

    def inline(self, text: str, k: int, lineno: int, col: int, path: tuple) -> Any:
        """A one-line value starting at text[k] (text begins at column `col`)."""
        c = text[k]
        if not self.light or len(path) < 3 or path[-1] == "id":
            self.marks[path] = (lineno + 1, col + k + 1)
        if c == '"':
            value, end = _double(text, k)
        elif c == "'":
            value, end = _single(text, k)
        elif c == "[":
            return self.flow(text, k, lineno, col, path)
        elif c in _PLAIN_START_BAD and not _dash_plain(text, k):
            raise _Unsupported
        else:
            end = text.find(" #", k)
            raw = (text[k:] if end < 0 else text[k:end]).rstrip(" ")
            if ": " in raw or raw[-1] == ":":
                raise _Unsupported
            return _plain(raw)
        _rest_is_comment(text, end)
        return value

    def flow(self, text: str, k: int, lineno: int, col: int, path: tuple) -> list:
        """A one-line flow list of scalars: [a, "b", 'c']."""
        if len(path) >= MAX_DEPTH:
            raise _Unsupported
        out: list[Any] = []
        j = k + 1
        n = len(text)
        while j < n and text[j] == " ":
            j += 1
        if j < n and text[j] == "]":
            _rest_is_comment(text, j + 1)
            return out
        while True:
            if j >= n:
                raise _Unsupported
            c = text[j]
            if not self.light or len(path) < 2:
                self.marks[(*path, len(out))] = (lineno + 1, col + j + 1)
            if c == '"':
                value, j = _double(text, j)
            elif c == "'":
                value, j = _single(text, j)
            elif c in _PLAIN_START_BAD and not _dash_plain(text, j):
                raise _Unsupported
            else:
                e = j
                while e < n and text[e] not in ",]":
                    e += 1
                raw = text[j:e].rstrip(" ")
                if not raw or any(ch in raw for ch in "#:[{}"):
                    raise _Unsupported
                value, j = _plain(raw), e
            out.append(value)
            while j < n and text[j] == " ":
                j += 1
            if j >= n:
                raise _Unsupported
            if text[j] == "]":
                _rest_is_comment(text, j + 1)
                return out
            if text[j] != ",":
                raise _Unsupported
            j += 1
            while j < n and text[j] == " ":
                j += 1
            if j >= n or text[j] in ",]":
                raise _Unsupported  # a trailing or doubled comma


def parse(text: str, light: bool = False) -> tuple[Any, Marks, Marks] | None:
    """(data, marks, key_marks) as yamlread would build them, or None to have yamlread read the file.
    light: marks for paths of one or two steps and for `id` keys only (see yamlread.parse)."""
    if _OUTSIDE.search(text):
        return None
    lines = []
    for lineno, line in enumerate(text.split("\n")):
        body = line.lstrip(" ")
        if not body or body[0] == "#":
            continue
        col = len(line) - len(body)
        if col == 0 and (body.startswith("---") or body.startswith("...") or body[0] == "%"):
            return None
        lines.append((lineno, col, body.rstrip(" ")))
    if not lines or lines[0][2][0] == "-":
        return None
    reader = _Reader(lines, light)
    try:
        data, end = reader.mapping(0, lines[0][1], lines[0][2], ())
    except (_Unsupported, IndexError, RecursionError):
        return None
    if end != len(lines):
        return None
    return data, reader.marks, reader.key_marks
