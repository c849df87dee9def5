"""The registries of `conflicts` and `check` output formats: a new format is one entry below.

Each entry says how its output is made off a terminal (a function of the results alone, so that
`conflicts` can store it beside the cache entry and `check --jobs` can render in its workers) and,
for `table`, how it is drawn on one (rich). The command line's `--format` choices are these names.
Report formats have their own registry (report/formats.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence


@dataclass(frozen=True)
class ConflictsFormat:
    name: str
    help: str
    render: Callable[[Sequence, Any, bool], str]  # (groups shown, comparison, verbose) -> the text printed
    draw: Callable[[Sequence, Any, bool, int], Any] | None = None  # on a terminal: a rich renderable for a width


def _conflicts_plain(groups, comparison, verbose: bool) -> str:
    from claimcheck.output.terminal import plain_conflicts

    return plain_conflicts(groups, comparison, verbose) + "\n"


def _conflicts_table(groups, comparison, verbose: bool, width: int):
    from claimcheck.output.layout import rich_conflicts

    return rich_conflicts(groups, comparison, verbose, width)


def _conflicts_json(groups, comparison, verbose: bool) -> str:
    from claimcheck.output.document import conflicts_doc
    from claimcheck.output.jsonout import indented
    from claimcheck.output.safetext import json_safe

    return json_safe(indented(conflicts_doc(comparison, groups))) + "\n"


CONFLICTS: dict[str, ConflictsFormat] = {f.name: f for f in (
    ConflictsFormat("table", "for people", _conflicts_plain, _conflicts_table),
    ConflictsFormat("json", "for programs", _conflicts_json),
)}


@dataclass(frozen=True)
class CheckFormat:
    """How `check` writes its results: each article's text in article order, joined as `join` says."""

    name: str
    help: str
    render: Callable[[Any, bool, Any], str] | None  # (result, verbose, topics) -> one article's text
    join: "Join | None" = None
    error: Callable[[Any], str] | None = None  # (CheckError) -> its text among the results, when it has one
    draw: Callable[[Any, Any, bool, int], Any] | None = None  # on a terminal: (result, topics, verbose, width)
    corpus: bool = False  # one line per article as it is checked (speed/corpus.py), not a document


@dataclass(frozen=True)
class Join:
    """Several articles' texts as one output: `first` before the first, `between` between two,
    each text's new lines followed by `indent`, then `end` (or `empty` when there was none). One
    article alone is its text and `single_end`."""

    first: str
    between: str
    indent: str
    end: str
    empty: str
    single_end: str

    def piece(self, text: str, n: int, single: bool) -> str:
        """The `n`th text written (from 0) as it goes into the output."""
        if single:
            return text + self.single_end
        return (self.first if n == 0 else self.between) + text.replace("\n", "\n" + self.indent)

    def close(self, written: int, single: bool) -> str:
        if single:
            return ""
        return self.end if written else self.empty


def _check_plain(result, verbose: bool, topics) -> str:
    from claimcheck.output.checkreport import plain_check

    return plain_check(result, verbose, topics)


def _check_table(result, topics, verbose: bool, width: int):
    from claimcheck.output.layout import rich_check

    return rich_check(result, topics, verbose, width)


def _check_json(result, verbose: bool, topics) -> str:
    from claimcheck.output.checkreport import check_doc
    from claimcheck.output.jsonout import indented
    from claimcheck.output.safetext import json_safe

    return json_safe(indented(check_doc(result)))


def _check_json_error(error) -> str:
    from claimcheck.output.checkreport import error_doc
    from claimcheck.output.jsonout import indented
    from claimcheck.output.safetext import json_safe

    return json_safe(indented(error_doc(error)))


#: Texts of checked articles a blank line apart, one new line at the end: "\n\n".join(texts) + "\n".
_PARAGRAPHS = Join(first="", between="\n\n", indent="", end="\n", empty="\n", single_end="\n")
#: json.dumps of the list of documents with indent=2, written a document at a time.
_JSON_LIST = Join(first="[\n  ", between=",\n  ", indent="  ", end="\n]\n", empty="[]\n", single_end="\n")

CHECK: dict[str, CheckFormat] = {f.name: f for f in (
    CheckFormat("table", "for people", _check_plain, _PARAGRAPHS, draw=_check_table),
    CheckFormat("json", "one document per article, a list for several", _check_json, _JSON_LIST, _check_json_error),
    CheckFormat("jsonl", "one line per article, as it is checked", None, corpus=True),
)}


class InOrder:
    """`check`'s results written in article order as they finish, in any order (workers finish when
    they finish): the same bytes as rendering them all at the end. An article that could not be
    checked is told to `on_error` (stderr) and, in a format that lists errors (JSON), written too."""

    def __init__(self, out, shape: CheckFormat, single: bool, write: bool, on_error: Callable[[str], None]):
        self.out, self.shape, self.single, self.write, self.on_error = out, shape, single, write, on_error
        self._waiting: dict[int, tuple] = {}
        self._next = 0  # the next article to write
        self._pieces = 0  # texts written

    def done(self, index: int, result, text: str | None) -> None:
        """Article `index` finished: write it, and every later one waiting for it."""
        self._waiting[index] = (result, text)
        while self._next in self._waiting:
            self._write(*self._waiting.pop(self._next))
            self._next += 1

    def _write(self, result, text: str | None) -> None:
        from claimcheck.check.checker import CheckError  # here: the format registry is read at start-up

        if isinstance(result, CheckError):
            self.on_error(result.message)
            if self.shape.error is not None and not self.single:
                text = self.shape.error(result)
        if self.write and text is not None:
            self.out.write(self.shape.join.piece(text, self._pieces, self.single))
            self._pieces += 1

    def close(self) -> None:
        if self.write:
            self.out.write(self.shape.join.close(self._pieces, self.single))
