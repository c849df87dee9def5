"""Read YAML safely, keeping where every value stood, refusing what would lose or run data.

PyYAML's own safe loader silently keeps the last of two duplicate keys and expands
aliases without limit; curated files need neither, so we compose the node tree
(cheap, no expansion) and build plain Python values from it ourselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from claimcheck.claimset import yamlread_fast as yamlfast
from claimcheck.errors import InvalidData

try:  # the C parser is several times faster and keeps marks just the same
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_SAFE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Path = tuple  # a path into the document: keys and list indexes


@dataclass
class Document:
    """A parsed YAML document and the (line, col) of every value and key in it, 1-based."""

    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path, tuple[int, int]] = field(default_factory=dict)
    text: str | None = None  # set when the marks are partial (yamlfast's light read): read again on a miss

    def where(self, path: Path, key: bool = False) -> tuple[int | None, int | None]:
        """The closest known place for `path`, walking up to a parent when needed."""
        p = tuple(path)
        if self.text is not None and p not in (self.key_marks if key else self.marks):
            from claimcheck.claimset import yamlread_fast as yamlfast

            full = yamlfast.parse(self.text)  # the same reader, marking everything this time
            self.text = None
            if full is not None:  # it read this text before; were it not to, the light marks still place the error near
                _, self.marks, self.key_marks = full
        table = self.key_marks if key else self.marks
        while p:
            if p in table:
                return table[p]
            if p in self.marks:
                return self.marks[p]
            p = p[:-1]
        return self.marks.get((), (1, 1))


def _mark(node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n")
    return lines[line][col] if line < len(lines) and col < len(lines[line]) else ""


def _unclosed_quote_line(text: str, upto: int) -> int | None:
    """The first line before `upto` holding an odd number of double quotes: a likely unclosed string."""
    for n, line in enumerate(text.split("\n")[: upto + 1], start=1):
        body = line.split(" #", 1)[0].replace('\\"', "")
        if body.count('"') % 2 == 1:
            return n
    return None


_KEY_LINE = re.compile(r"^( *)(- +)?([^\s#:'\"\-][^:#]*?):(?: |$)")


def _key_at(line: str) -> tuple[int, str] | None:
    """The 1-based column and name of the key a line starts with ('  - topic: x' -> (5, 'topic'))."""
    m = _KEY_LINE.match(line)
    if not m:
        return None
    return len(m.group(1)) + len(m.group(2) or "") + 1, m.group(3).strip()


def _in_plain_words(text: str, line0: int, col0: int, problem: str) -> tuple[tuple[int, int], str] | None:
    """The parser's complaint about indentation or a colon, said as what is wrong and how to fix it:
    (line, col) to report and the message; None when it is none of the usual mistakes."""
    lines = text.split("\n")
    if line0 >= len(lines):
        return None
    here = _key_at(lines[line0])
    above = None
    for n in range(line0 - 1, -1, -1):
        stripped = lines[n].strip()
        if stripped and not stripped.startswith("#"):
            above = (n, _key_at(lines[n]))
            break
    if "mapping values are not allowed" in problem:
        if here is not None and col0 + 1 == here[0] + len(here[1]) and above and above[1] and here[0] > above[1][0]:
            col, key = here
            acol, akey = above[1]
            return (line0 + 1, col), (f"'{key}:' is indented more than '{akey}:' on line {above[0] + 1}, so YAML reads it "
                                      f"as the rest of {akey}'s value; start it in column {acol}, under '{akey}:'")
        return (line0 + 1, col0 + 1), ("a value holding ': ' must be quoted; put the whole value in double quotes "
                                       "(\"like: this\"), writing any \" inside it as \\\"")
    if any(k in problem for k in ("expected '-' indicator", "expected key", "expected <block end>")):
        if here is None:
            return None
        col, key = here
        # the keys of the mapping this line was meant for: the nearest key above at each column
        siblings: dict[int, tuple[int, str]] = {}
        for n in range(line0 - 1, -1, -1):
            k = _key_at(lines[n])
            if k is not None and k[0] not in siblings:
                siblings[k[0]] = (n + 1, k[1])
            if k is not None and lines[n][:1] not in (" ", "-"):
                break
        candidates = sorted(siblings)
        if not candidates:
            return None
        near = min(candidates, key=lambda c: (abs(c - col), -c))  # a tie: the mapping just above
        where, name = siblings[near]
        return (line0 + 1, col), (f"'{key}:' starts in column {col}, where no key above it does: keys of one mapping start "
                                  f"in one column; start it in column {near}, under '{name}:' (line {where}), "
                                  "indenting with spaces only")
    return None


def parse(text: str, path: str, light: bool = False) -> Document:
    """Parse one YAML document; raise InvalidData naming path:line:col on anything unsafe or ambiguous.

    light: where the fast reader takes the file, mark only the top two levels and `id` keys (what a
    valid claim file's claims are placed by); any other place asked of the document reads it again in
    full first, so errors are placed as precisely as ever.
    """
    from claimcheck.claimset import yamlread_fast as yamlfast

    fast = yamlfast.parse(text, light)
    if fast is not None:
        return Document(*fast, text=text if light else None)
    return parse_full(text, path)


def parse_full(text: str, path: str) -> Document:
    """`parse` by PyYAML's composer and our node walker only: any YAML, every error with its place."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in (exc.problem or ""):
            # PyYAML >= 6.0.4 stops deep input itself (at 1000 levels); say what our own walker says.
            at = _too_deep_at(text)
            line, col = at if at else (exc.problem_mark.line + 1, exc.problem_mark.column + 1)
            raise InvalidData(path, TOO_DEEP, line, col) from None
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        if "another document" in problem:
            problem = "the file holds more than one YAML document (---); keep one source per file"
        elif mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            problem = "a tab character; YAML indents with spaces, so replace the tab with spaces"
        elif mark is not None:
            opened = _unclosed_quote_line(text, mark.line)
            plain = None if opened is not None else _in_plain_words(text, mark.line, mark.column, problem)
            if plain is not None:
                where, message = plain
                raise InvalidData(path, message, *where) from None
            if opened is not None:
                problem += f" (is the quote opened on line {opened} closed?)"
        raise InvalidData(path, f"YAML syntax error: {problem}", line, col) from None
    except yaml.YAMLError as exc:
        raise InvalidData(path, f"YAML error: {exc}") from None
    except RecursionError:
        raise InvalidData(path, "YAML nested too deeply to read; claim files need only a few levels") from None
    if node is None:
        raise InvalidData(path, "the file is empty; it should hold a YAML mapping", 1, 1)
    doc = Document(None)
    builder = _Builder(path, doc)
    doc.data = builder.build(node, ())
    return doc


MAX_DEPTH = 50  # claim files nest four levels; anything far deeper is a mistake or an attack
TOO_DEEP = f"values nested more than {MAX_DEPTH} levels deep; claim files need only a few"


def _too_deep_at(text: str) -> tuple[int, int] | None:
    """Where the first value more than MAX_DEPTH levels deep starts (1-based), as `_Builder` counts levels.

    Used only when PyYAML refused the text for its depth before our walker saw it, so that the
    message names the same place under every PyYAML version. Block levels are read from
    indentation (each `key:` and `- ` on the way down is one level), flow levels from brackets
    outside quotes; None when the place cannot be told, and the parser's own mark is used.
    """
    stack: list[tuple[int, str]] = []  # (column, "key" or "item") of the block nodes enclosing this place
    flow = 0
    element = False  # inside brackets, the next character starts an element one level below them
    pending = False  # a block item past the limit opens on the next line holding content
    for n, line in enumerate(text.split("\n"), start=1):
        i = 0
        if flow == 0:
            stripped = line.lstrip(" ")
            if not stripped or stripped.startswith("#"):
                continue
            i = len(line) - len(stripped)
            if pending:
                return n, i + 1
            item = stripped[:2] in ("- ", "-")
            while stack and (stack[-1][0] > i or (stack[-1][0] == i and not (item and stack[-1][1] == "key"))):
                stack.pop()  # a `- ` at its key's own column is that key's value, not its sibling
        start, quote = i, ""
        while i < len(line):
            ch = line[i]
            if flow and element and ch not in " ]}":
                element = False
                if len(stack) + flow > MAX_DEPTH:
                    return n, i + 1
            if quote:
                if ch == quote:
                    quote = ""
            elif ch in "\"'" and (i == start or line[i - 1] in " [{,:"):
                quote = ch
            elif ch == "#" and (i == 0 or line[i - 1] == " "):
                break
            elif ch in "[{":
                flow += 1
                element = True
            elif ch in "]}":
                flow = max(flow - 1, 0)
            elif flow and ch == ",":
                element = True
            elif flow == 0 and ch in "-:" and line[i + 1 : i + 2] in (" ", ""):
                if ch == ":" and len(stack) + 1 > MAX_DEPTH:  # a key sits one level below its mapping
                    return n, start + 1
                stack.append((i, "item") if ch == "-" else (start, "key"))
                rest = line[i + 1 :].lstrip(" ")
                start = len(line) - len(rest)
                if ch == "-" and len(stack) > MAX_DEPTH:
                    if rest and not rest.startswith("#"):
                        return n, start + 1
                    pending = True
                    break
                i = start
                continue
            i += 1
    return None


class _Builder:
    def __init__(self, path: str, doc: Document):
        self.path = path
        self.doc = doc
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, node, message: str):
        line, col = _mark(node)
        raise InvalidData(self.path, message, line, col)

    def build(self, node, path: Path) -> Any:
        if len(path) > MAX_DEPTH:
            self.fail(node, TOO_DEEP)
        if id(node) in self.seen:
            # The composer hands back the same node for every alias of an anchor.
            self.fail(node, "YAML anchors and aliases (&name / *name) are not allowed in claim files; write the value out")
        self.seen.add(id(node))
        if node.tag not in _SAFE_TAGS:
            self.fail(node, f"YAML tag {node.tag!r} is not allowed; claim files hold plain values only")
        self.doc.marks[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, "mapping keys must be plain words")
                key = self.build(key_node, (*path, "<key>"))
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    key = str(key)
                if key in out:
                    line, _ = self.doc.key_marks[(*path, key)]
                    self.fail(key_node, f"duplicate key {key!r} (first at line {line}); YAML would keep only the last one, so merge or rename them")
                self.doc.key_marks[(*path, key)] = _mark(key_node)
                out[key] = self.build(value_node, (*path, key))
            self.doc.marks.pop((*path, "<key>"), None)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if not node.style and yamlfast.as_written(node.tag, node.value):
            return node.value  # '1:30' and '010' as written, not YAML 1.1's 90 and 8
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError) as exc:
            self.fail(node, f"cannot read value {node.value!r}: {exc}")
