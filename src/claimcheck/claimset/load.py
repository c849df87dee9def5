"""Claim files and the codebook -> the model, with every problem reported at its file:line:col."""

from __future__ import annotations

import datetime as dt
import difflib
import gc
import os
import re
import stat
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Iterable, Iterator


from claimcheck.speed import claimpack
from claimcheck.claimset import yamlread
from claimcheck.errors import ClaimcheckError, InvalidData, Problem, UnreadableInput, ValidationFailed
from claimcheck.model import VALUE_TYPES, Claim, ClaimSet, Codebook, Entity, Label, Source, Topic, Where

if TYPE_CHECKING:
    from claimcheck.check.checkset import CheckSet

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CODEBOOK_NAME = "topics.yaml"
_TOPIC_NAME = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


# --------------------------------------------------------------------------- reading


def read_bytes(path: Path, max_bytes: int, what: str, named: bool = False) -> bytes:
    """A file's bytes, refused with a one-line error when missing, a folder, unreadable or over the cap."""
    return read_bytes_stat(path, max_bytes, what, named)[0]


def read_bytes_stat(path: Path, max_bytes: int, what: str, named: bool = False) -> tuple[bytes, os.stat_result]:
    """read_bytes, and the file's status as it was just before the read (for the cache's signatures).

    At most max_bytes + 1 bytes are read whatever the file reports (files.py); a device, FIFO or
    socket is refused unless `named` (the user gave this path on the command line)."""
    from claimcheck.claimset.files import NotRegular, TooLarge, read_capped

    def folder() -> UnreadableInput:
        return UnreadableInput(path, f"is a folder, not a file; name the {what} itself")

    try:
        return read_capped(path, max_bytes, named=named)
    except TooLarge as exc:
        size = f"{exc.size:,} bytes" if exc.size else f"more than {max_bytes:,} bytes"
        raise UnreadableInput(path, f"{what} is {size}, over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended") from None
    except NotRegular as exc:
        raise UnreadableInput(path, f"{what} {exc.strerror}; only regular files are read unless named on the command line") from None
    except IsADirectoryError:
        raise folder() from None
    except FileNotFoundError:
        raise UnreadableInput(path, f"{what} not found") from None
    except OSError as exc:
        if isinstance(exc, PermissionError) and path.is_dir():  # how Windows refuses to open a folder
            raise folder() from None
        raise UnreadableInput(path, f"cannot read {what}: {exc.strerror or exc}") from None


def _decode(path: Path, data: bytes, what: str) -> str:
    """A text file's bytes as str: UTF-8 (a byte-order mark is dropped), not binary."""
    if b"\x00" in data:
        raise UnreadableInput(path, f"{what} is binary (it holds NUL bytes); expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableInput(path, f"{what} is not UTF-8 (bad byte at offset {exc.start}); re-save it as UTF-8", line) from None


def _mapping(doc: yamlread.Document, path: str, what: str) -> dict:
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "null"
        kind = {"list": "a list", "str": "a single string", "int": "a number"}.get(kind, kind)
        raise InvalidData(path, f"the file is {kind}; a {what} must be a YAML mapping of keys to values", 1, 1)
    return doc.data


def load_codebook(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, *, reads: dict | None = None,
                  named: bool = True, root: Path | None = None) -> Codebook:
    """Read and check the codebook; raise ValidationFailed listing every problem in it.

    `reads`, if given, records what was read by the path: (signature, digest) of the bytes parsed, for the cache.
    `named`: the user gave this path (a device or pipe is then read, with the cap); `root`: the claim
    set's root, which the codebook (a link included) may not leave (None: no such rule)."""
    path = Path(path)
    shown = str(path)
    if not path.exists() and not path.is_symlink():
        raise UnreadableInput(path, "codebook not found; a claim set needs one: write it (`claimcheck init DIR` "
                              "starts a claim set with a commented one), or pass --codebook FILE")
    if root is not None:
        confine(path, root, "codebook")
    data, st = read_bytes_stat(path, max_bytes, "codebook", named)
    if reads is not None:
        from claimcheck.speed.cache import digest, signature

        reads[shown] = (signature(st), digest(data))
    text = _decode(path, data, "codebook")
    doc = yamlread.parse(text, shown)
    data = _mapping(doc, shown, "codebook")
    parsed = _plain_codebook(data)
    if parsed is None:
        from claimcheck.claimset import schema  # pydantic's models: only for a file that needs their judgement

        try:
            parsed = schema.CodebookIn.model_validate(data)
        except schema.ValidationError as exc:
            raise ValidationFailed(schema.problems(exc, doc, shown, fields=schema.codebook_fields)) from None
    problems: list[Problem] = []
    topics: dict[str, Topic] = {}
    for name, t in parsed.topics.items():
        line, col = doc.where(("topics", name), key=True)
        if not _TOPIC_NAME.match(name):
            problems.append(Problem(shown, f"topic name '{name}' should be subject.property in lower case, e.g. afghan_delegation.leader", line, col))
        if t.type == "label" and not t.labels:
            problems.append(Problem(shown, f"topic '{name}' is of type label but declares no labels", line, col))
        if t.type != "label" and (t.labels or t.compatible):
            problems.append(Problem(shown, f"topic '{name}' declares labels but is of type {t.type}", line, col))
        if t.direction is not None and t.type != "number":
            problems.append(Problem(shown, f"topic '{name}' declares direction: {t.direction} but is of type {t.type}; "
                                           "only a number rises or falls", line, col))
        elif t.direction is not None and not t.changes_over_time:
            problems.append(Problem(shown, f"topic '{name}' declares direction: {t.direction} but not changes_over_time: "
                                           "true; a value that rises or falls changes over time, so add it", line, col))
        for i, pair in enumerate(t.compatible):
            for label in pair:
                if label not in t.labels:
                    pl, pc = doc.where(("topics", name, "compatible", i))
                    problems.append(Problem(shown, f"topic '{name}': compatible label '{label}' is not one of its labels", pl, pc))
        topics[name] = Topic(
            name=name, type=t.type, description=t.description, subject=tuple(t.subject), cues=tuple(t.cues),
            changes_over_time=t.changes_over_time, unit=t.unit, direction=t.direction,
            labels={k: Label(k, v.definition, tuple(v.cues)) for k, v in t.labels.items()},
            compatible=frozenset(frozenset(p) for p in t.compatible),
        )
    if problems:
        raise ValidationFailed(problems)
    return Codebook(
        topics=topics,
        entities=tuple(Entity(e.name, tuple(e.aliases)) for e in parsed.entities),
        honorifics=tuple(parsed.honorifics),
        distinct=tuple(parsed.distinct),
        person_match_threshold=parsed.person_match_threshold,
        path=shown,
    )


def confine(path: Path, root: Path, what: str, resolve=None) -> None:
    """Refuse a file of the claim set that resolves (through a link) outside its root: a shared claim
    set must not make a command read, echo or embed a file elsewhere (the rule for article paths)."""
    try:
        resolved = (resolve or _Resolver())(path)
    except (OSError, RuntimeError):
        raise UnreadableInput(path, f"{what} cannot be resolved (a symlink loop?)") from None
    if not _inside(resolved, root):
        raise UnreadableInput(path, f"{what} is a link to a file outside the claim set's root {root}; "
                                    "replace the link with the file or pass --allow-outside")


def claim_files(claims_dir: Path) -> list[Path]:
    """The claim files of a claim set: every .yaml/.yml file in the folder but the codebook, sorted."""
    if not claims_dir.exists():
        raise UnreadableInput(claims_dir, "claims folder not found; pass --claims DIR, or start a claim set with "
                              "`claimcheck init DIR`")
    if not claims_dir.is_dir():
        raise UnreadableInput(claims_dir, "is not a folder; pass the folder that holds the claim files with --claims")
    names = sorted(e.name for e in os.scandir(claims_dir)
                   if e.name.lower().endswith((".yaml", ".yml")) and e.name != CODEBOOK_NAME and not e.name.startswith("."))
    return [claims_dir / n for n in names]  # one folder: by name is Path order, without comparing Paths


class _FileLoader:
    """Reads one claim file into a _FileResult: pure given the codebook, so files can load in parallel."""

    def __init__(self, codebook: Codebook, root: Path, max_bytes: int, allow_outside: bool, ground_quotes: bool,
                 digests: bool = False, lint: bool = False):
        from claimcheck.values import Context, Names, TYPES

        self.codebook = codebook
        self.root = root.resolve()
        self.max_bytes = max_bytes
        self.allow_outside = allow_outside
        self.ground_quotes = ground_quotes
        self.names = Names(codebook)
        self.types = TYPES
        self.contexts = {name: Context(t, self.names) for name, t in codebook.topics.items()}
        self._parsed: dict[Any, Any] = {}
        self.resolve = _Resolver()
        self.digests = digests  # record what each article read was, for the cache
        self.lint = lint  # curation warnings per file (lint.py), computed where the file is read

    def load_file(self, path: Path, started: tuple | None = None) -> _FileResult:
        """The file's result; `started`: what read_source() gave for it, if called already."""
        out, doc, src = started or self.read_source(path)
        if src is None:
            return out
        shown = out.shown
        out.id_at = doc.where(("id",))
        text_path, article = self.article(src.text, path, doc, out) if src.text else (None, None)
        source = Source(src.id, src.outlet, src.title, src.published, src.url, text_path, src.note, Where(shown, *out.id_at),
                        src.status)
        out.source = source
        for i, raw in enumerate(src.claims):
            self.load_claim(raw, i, source, doc, shown, article, out)
        out.topics = frozenset(c.topic for c in out.claims)
        if self.lint and out.claims:
            from claimcheck.claimset.lint import lint_claims

            out.warnings = lint_claims(out.claims, {source.id: source}, self.codebook)
        return out

    def read_source(self, path: Path) -> tuple[_FileResult, Any, Any]:
        """A claim file read as far as its source's fields: (its result so far, the document, the
        fields, or None where the file failed; the result then says why)."""
        shown = str(path)
        out = _FileResult(shown)
        try:
            if not self.allow_outside and os.path.islink(path):
                confine(path, self.root, "claim file", self.resolve)
            data, st = read_bytes_stat(path, self.max_bytes, "claim file")
            if self.digests:  # the cache keys its entry by the bytes read here, not read again
                from claimcheck.speed.cache import digest, signature

                out.read = (signature(st), digest(data))
            text = _decode(path, data, "claim file")
            doc = yamlread.parse(text, shown, light=True)
            data = _mapping(doc, shown, "claim file")
        except (InvalidData, UnreadableInput) as exc:
            out.problems.append(exc.problem)
            return out, None, None
        src = _plain_source(data)
        if src is None:
            from claimcheck.claimset import schema

            try:
                src = schema.SourceIn.model_validate(data)
            except schema.ValidationError as exc:
                out.problems.extend(schema.problems(exc, doc, shown, fields=schema.source_fields))
                return out, None, None
        return out, doc, src

    def may_read(self, target: Path) -> bool:
        """Whether article() would go on to read this path: it resolves, inside the root unless allowed."""
        try:
            resolved = self.resolve(target)
        except (OSError, RuntimeError):
            return False
        return self.allow_outside or _inside(resolved, self.root)

    def article(self, rel: str, claim_file: Path, doc: yamlread.Document, out: _FileResult):
        from claimcheck.claimset.ground import Article

        events = out.events
        shown = str(claim_file)
        target = (claim_file.parent / rel)
        at = doc.where(("text",))
        try:
            resolved = self.resolve(target)
        except (OSError, RuntimeError):
            events.append(Problem(shown, f"article path '{rel}' cannot be resolved (a symlink loop?)", *at))
            return None, None
        if not self.allow_outside and not _inside(resolved, self.root):
            events.append(Problem(shown, f"article path '{rel}' points outside the claim set's root {self.root}; move the article inside it or pass --allow-outside", *at))
            return None, None
        try:
            data, st = read_bytes_stat(target, self.max_bytes, "article")
            text = _decode(target, data, "article")
        except UnreadableInput as exc:
            events.append(Problem(shown, f"article '{rel}': {exc.problem.message}", *at))
            return None, None
        if self.digests:
            from claimcheck.speed.cache import digest, signature

            out.article = (str(target), str(resolved), digest(data), signature(st))
        return str(target), Article(text) if self.ground_quotes else None

    def load_claim(self, raw: Any, i: int, source: Source, doc, shown: str, article, out: _FileResult) -> None:
        base = ("claims", i)
        events = out.events
        if not isinstance(raw, dict):
            events.append(Problem(shown, f"claims.{i}: each claim must be a mapping with topic, value and quote", *doc.where(base)))
            return
        if _plain_claim(raw):
            f = raw
        else:
            from claimcheck.claimset import schema

            try:
                f = schema.ClaimIn.model_validate(raw).__dict__
            except schema.ValidationError as exc:
                events.extend(schema.problems(exc, doc, shown, prefix=base, fields=schema.source_fields))
                return
        name = f["topic"]
        topic = self.codebook.topics.get(name)
        if topic is None:
            near = difflib.get_close_matches(name, list(self.codebook.topics), n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else f"; declare it in {self.codebook.path}"
            events.append(Problem(shown, f"unknown topic '{name}'{hint}", *doc.where((*base, "topic"))))
            return
        raw_value = f["value"]
        try:
            value = self.parse_value(topic, raw_value)
        except ValueError as exc:
            events.append(Problem(shown, _misfit(raw_value, name, topic.type, exc), *doc.where((*base, "value"))))
            return
        quote = f["quote"]
        grounding = None
        if article is not None and not article.finds(quote):
            g = article.ground(quote)
            if not g.found:
                grounding = Problem(shown, _grounding_message(quote, g, source.text_path), *doc.where((*base, "quote")))
        own = source.outlet if source.outlet.casefold() != "unknown" else source.id
        attributed = f.get("attributed_to")
        at = doc.where(base)
        claim = _new_claim(
            id=f.get("id") or f"{source.id}#{i + 1}", source_id=source.id, topic=name, value=value, raw_value=raw_value,
            quote=quote, attributed_to=attributed or own, via=f.get("via"), hedge=f.get("hedge"),
            as_of=f.get("as_of") or source.published, note=f.get("note"), where=Where(shown, *at),
            own_voice=not attributed,
        )
        events.append((claim.id, doc.where((*base, "id")) if "id" in f else at, grounding))
        out.claims.append(claim)

    def parse_value(self, topic: Topic, raw: Any) -> Any:
        """The topic's type parsing a raw value; remembered per topic and raw value, as values repeat
        across sources (the parsed values are immutable, so claims can share them)."""
        if type(raw) in _CACHEABLE:
            key: Any = (topic.name, type(raw), raw)
        elif type(raw) is list and all(type(x) in _CACHEABLE for x in raw):
            key = (topic.name, list, tuple((type(x), x) for x in raw))
        else:
            return self.types[topic.type].parse(raw, self.contexts[topic.name])
        value = self._parsed.get(key, _MISSING)
        if value is _MISSING:
            value = self.types[topic.type].parse(raw, self.contexts[topic.name])
            if len(self._parsed) < 200_000:
                self._parsed[key] = value
        return value


_CACHEABLE = (str, int, float, bool, dt.date, dt.datetime, type(None))


def _misfit(raw: Any, topic: str, vtype: str, exc: Exception) -> str:
    """Why a value does not fit its topic; a boolean says that YAML read an unquoted word as one."""
    flag = raw if isinstance(raw, bool) else next((x for x in raw if isinstance(x, bool)), None) if isinstance(raw, list) else None
    if flag is not None:
        words = "yes, on or true" if flag else "no, off or false"
        return (f"value {raw!r} does not fit topic '{topic}' ({vtype}): YAML read an unquoted {words} as the "
                f"boolean {str(flag).lower()}; quote the word, e.g. value: \"{'yes' if flag else 'no'}\"")
    return f"value {raw!r} does not fit topic '{topic}' ({vtype}): expected {exc}"
_MISSING = object()


#: A claim read from a file, as the set loader needs it: (claim id, where a duplicate id is reported,
#: the grounding problem or None). A plain tuple: a worker sends a hundred thousand of them, and a
#: named tuple would be rebuilt by a Python call each.
_ClaimEvent = tuple


@dataclass
class _FileResult:
    """One claim file, read: the problems that stop it before its source id counts, else its source
    and, in file order, the problems and claims after it (claim and source ids are checked across
    files by _SetLoader, in file order, exactly as if the files were read one after another).

    The claims travel apart from the rest (`claims`, emptied when a worker sends the result): they
    are needed only if the whole set is valid, and `validate` never needs them at all."""

    shown: str
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = None
    id_at: tuple[int | None, int | None] = (None, None)
    events: list[Problem | _ClaimEvent] = field(default_factory=list)
    article: tuple | None = None  # (path, resolved path, digest of the text, signature), for the cache
    claims: list[Claim] = field(default_factory=list)  # in the order of their events
    warnings: list[Problem] = field(default_factory=list)  # curation warnings, when asked for
    topics: frozenset[str] = frozenset()  # the topics its claims are on
    read: tuple | None = None  # (signature, digest) of the bytes parsed, for the cache's key


class _SetLoader:
    """Loads one claim set, collecting every problem instead of stopping at the first."""

    def __init__(self, codebook: Codebook, root: Path, max_bytes: int, allow_outside: bool, ground_quotes: bool,
                 digests: bool = False, lint: bool = False):
        self.files = _FileLoader(codebook, root, max_bytes, allow_outside, ground_quotes, digests, lint)
        self.articles: list[tuple] = []  # every article read, for the cache (cache.ArticleDigest)
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.claim_ids: dict[str, str] = {}
        self.warnings: list[Problem] = []
        self.topics: set[str] = set()
        self.parts: list[bytes | list[Claim]] = []  # the claims in file order: lists, or encoded by a worker (claimpack)
        self.reads: dict[str, tuple] = {}  # per file read, (signature, digest) of its bytes, for the cache's key

    def add(self, r: _FileResult) -> None:
        """Take one file's result into the set, after the files before it."""
        if r.read is not None:
            self.reads[r.shown] = r.read
        if r.source is None:
            self.problems.extend(r.problems)
            return
        sid = r.source.id
        if sid in self.sources:
            other = self.sources[sid].where
            self.problems.append(Problem(r.shown, f"source id '{sid}' is already used by {other.path}; give each source its own id", *r.id_at))
            return
        self.sources[sid] = r.source
        if r.article is not None:
            self.articles.append(r.article)
        for ev in r.events:
            if isinstance(ev, Problem):
                self.problems.append(ev)
                continue
            cid, id_at, grounding = ev
            if cid in self.claim_ids:
                self.problems.append(Problem(r.shown, f"claim id '{cid}' is already used in {self.claim_ids[cid]}", *id_at))
                continue
            self.claim_ids[cid] = r.shown
            if grounding is not None:
                self.problems.append(grounding)
        self.warnings.extend(r.warnings)
        self.topics |= r.topics

    def claims(self) -> tuple[Claim, ...]:
        """Every claim in file order. Only for a set without problems, where no file's claims were set aside."""
        assert not self.problems
        out: list[Claim] = []
        for part in self.parts:
            out.extend(claimpack.loads(part) if isinstance(part, bytes) else part)
        return tuple(out)


def _new_claim(**fields: Any) -> Claim:
    """A Claim made without the frozen dataclass's __init__ (one object.__setattr__ per field): the
    same object, several times cheaper, which counts at a million claims. tests/test_load.py checks
    it equals Claim(**fields)."""
    claim = object.__new__(Claim)
    claim.__dict__.update(fields)
    return claim


_CLAIM_KEYS = frozenset({"id", "topic", "value", "quote", "attributed_to", "via", "hedge", "as_of", "note"})  # schema.ClaimIn's
_CLAIM_TEXT = ("id", "attributed_to", "via", "hedge", "note")


_SOURCE_KEYS = frozenset({"id", "outlet", "title", "published", "url", "text", "note", "status", "claims"})  # schema.SourceIn's
_SOURCE_ID = re.compile(r"[\w.\-]+")  # schema.SourceIn's id rule
_TOPIC_KEYS = frozenset({"type", "description", "subject", "cues", "changes_over_time", "direction", "unit", "labels", "compatible"})
_TOPIC_TYPES = frozenset(VALUE_TYPES)
_CODEBOOK_KEYS = frozenset({"honorifics", "entities", "distinct", "person_match_threshold", "topics"})


def _plain_source(data: dict) -> SimpleNamespace | None:
    """The claim file's source fields as schema.SourceIn would give them, when each already has its
    type (the usual case); None sends the file to SourceIn, which judges it with its messages. Valid
    files are then read without importing pydantic (about 0.1 s of a small set's start-up)."""
    if not data.keys() <= _SOURCE_KEYS or type(data.get("claims")) is not list:
        return None
    sid, outlet = data.get("id"), data.get("outlet")
    if type(sid) is not str or type(outlet) is not str or not outlet or not _SOURCE_ID.fullmatch(sid):
        return None
    for key in ("title", "url", "text", "note"):
        v = data.get(key)
        if v is not None and type(v) is not str:
            return None
    published = data.get("published")
    if published is not None and type(published) is not dt.date:
        return None
    status = data.get("status")
    if status is not None and status != "draft":
        return None
    return SimpleNamespace(id=sid, outlet=outlet, title=data.get("title"), published=published, url=data.get("url"),
                           text=data.get("text"), note=data.get("note"), status=status, claims=data["claims"])


def _strings(v: Any) -> bool:
    return type(v) is list and all(type(x) is str for x in v)


def _pairs(v: Any) -> bool:
    return type(v) is list and all(type(p) is list and len(p) == 2 and _strings(p) for p in v)


def _plain_codebook(data: dict) -> SimpleNamespace | None:
    """The codebook as schema.CodebookIn would give it, when every field already has its type; None
    sends it to CodebookIn (see _plain_source)."""
    topics = data.get("topics")
    if not data.keys() <= _CODEBOOK_KEYS or type(topics) is not dict:
        return None
    if not _strings(data.get("honorifics", [])) or not _pairs(data.get("distinct", [])):
        return None
    threshold = data.get("person_match_threshold", 85.0)
    if type(threshold) not in (int, float) or not 0 <= threshold <= 100:
        return None
    entities = data.get("entities", [])
    if type(entities) is not list:
        return None
    for e in entities:
        if type(e) is not dict or not e.keys() <= {"name", "aliases"} or type(e.get("name")) is not str \
                or not _strings(e.get("aliases", [])):
            return None
    parsed_topics = {}
    for name, t in topics.items():
        if type(name) is not str or type(t) is not dict or not t.keys() <= _TOPIC_KEYS:
            return None
        if t.get("type") not in _TOPIC_TYPES or type(t.get("type")) is not str or type(t.get("description")) is not str:
            return None
        if not _strings(t.get("subject", [])) or not _strings(t.get("cues", [])) or not _pairs(t.get("compatible", [])):
            return None
        if type(t.get("changes_over_time", False)) is not bool or type(t.get("unit", "")) not in (str, type(None)):
            return None
        if t.get("direction") not in (None, "rising", "falling") or type(t.get("direction", "")) not in (str, type(None)):
            return None
        labels = t.get("labels", {})
        if type(labels) is not dict:
            return None
        for k, v in labels.items():
            if type(k) is not str or type(v) is not dict or not v.keys() <= {"definition", "cues"} \
                    or type(v.get("definition")) is not str or not _strings(v.get("cues", [])):
                return None
        parsed_topics[name] = SimpleNamespace(
            type=t["type"], description=t["description"], subject=list(t.get("subject", [])), cues=list(t.get("cues", [])),
            changes_over_time=t.get("changes_over_time", False), direction=t.get("direction"), unit=t.get("unit"),
            labels={k: SimpleNamespace(definition=v["definition"], cues=list(v.get("cues", []))) for k, v in labels.items()},
            compatible=[tuple(p) for p in t.get("compatible", [])])
    return SimpleNamespace(
        honorifics=list(data.get("honorifics", [])),
        entities=[SimpleNamespace(name=e["name"], aliases=list(e.get("aliases", []))) for e in entities],
        distinct=[tuple(p) for p in data.get("distinct", [])],
        person_match_threshold=float(threshold), topics=parsed_topics)


def _plain_claim(raw: dict) -> bool:
    """Whether every field of a claim mapping already has the type schema.ClaimIn would give it (the
    usual case), so the mapping can be used as it is; if not, ClaimIn judges it, with its messages."""
    if not raw.keys() <= _CLAIM_KEYS or "value" not in raw:
        return False
    topic, quote = raw.get("topic"), raw.get("quote")
    if type(topic) is not str or type(quote) is not str or not quote:
        return False
    for key in _CLAIM_TEXT:
        v = raw.get(key)
        if v is not None and type(v) is not str:
            return False
    as_of = raw.get("as_of")
    return as_of is None or type(as_of) is dt.date


class _Resolver:
    """Path.resolve(strict=False), resolving each folder once: a claim set's articles share a few."""

    def __init__(self) -> None:
        self.folders: dict[str, Path | Exception] = {}

    def __call__(self, target: Path) -> Path:
        if target.name in ("", ".", "..") or os.path.islink(target):
            return target.resolve(strict=False)
        folder = str(target.parent)
        real = self.folders.get(folder)
        if real is None:
            try:
                real = target.parent.resolve(strict=False)
            except (OSError, RuntimeError) as exc:
                real = exc
            if len(self.folders) < 100_000:
                self.folders[folder] = real
        if isinstance(real, Exception):
            return target.resolve(strict=False)  # raises as it did for the folder
        return real / target.name


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
        return True
    except ValueError:
        return False


def _grounding_message(quote: str, g, article: str | None) -> str:
    short = quote if len(quote) <= 80 else quote[:77] + "..."
    msg = f"quote not found in the article {os.path.basename(article or '')}: \"{short}\""
    if g.closest:
        closest = g.closest if len(g.closest) <= 120 else g.closest[:117] + "..."
        msg += f"; closest passage ({g.similarity:.2f}): \"{closest}\""
        if g.differs:
            msg += f" (differs in {' '.join(g.differs)})"
        msg += "; copy the article's words exactly, mark omissions with ... and insertions with [brackets]"
    return msg


# --------------------------------------------------------------------------- many files at once

#: Claim sets with at least this many files are read by several processes when `workers` is None.
PARALLEL_MIN_FILES = 400
#: Smaller claim sets load faster than a cache entry is checked and read back: `cache` is ignored.
CACHE_MIN_FILES = 100
_CHUNK = 64  # files per task: small enough to keep both cores busy, large enough to cost little
_worker_loader: _FileLoader | None = None  # set in the parent just before forking; the children inherit it


def _load_chunk(files: list[Path]) -> tuple[list[_FileResult], bytes]:
    """In a worker: the files' results, and their claims encoded here (claimpack.py), once, so that the
    parent decodes them only if it needs them (never for `validate`) and the cache stores the bytes as they are."""
    gc.disable()  # a short-lived child that builds many objects and no cycles
    loader = _worker_loader
    assert loader is not None
    # The kernel reads the chunk's files ahead while this process parses: a file not in the page
    # cache costs 60-100 µs of waiting, with a core idle. The claim files first, then, once each
    # names its article, the articles.
    _prefetch(files)
    sources = [loader.read_source(f) for f in files]
    _prefetch(t for t in (f.parent / src.text for f, (_, _, src) in zip(files, sources) if src is not None and src.text)
              if loader.may_read(t))
    results = [loader.load_file(f, s) for f, s in zip(files, sources)]
    claims = [c for r in results for c in r.claims]
    for r in results:
        r.claims = []
    return results, claimpack.dumps(claims)


def _prefetch(paths: Iterable[Path]) -> None:
    """Ask the kernel to start reading these files into its cache (where it can: on Linux). Only a
    hint: a file that is not there, or not a regular file, is skipped, and no byte is read here."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:  # pragma: no cover - not on Linux
        return
    for path in paths:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):  # never open a device or a pipe to advise on it
                continue
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        except (OSError, ValueError):
            continue
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:  # swapped for a pipe since the stat: nothing to advise
            pass
        finally:
            os.close(fd)


def _worker_count(workers: int | None, files: int) -> int:
    """How many processes to read with: 1 unless the set is large (or workers is given) and forking is safe."""
    import threading

    if workers == 1 or (workers is None and files < PARALLEL_MIN_FILES):
        return 1
    # fork is fast (the children inherit the loaded codebook) but only safe with one thread, and
    # only the default on Linux; elsewhere the set is read in this process.
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover
        cores = os.cpu_count() or 1
    return max(1, min(workers or cores, cores, 8))


def _file_results(loader: _FileLoader, files: list[Path], workers: int) -> Iterator[tuple[list[_FileResult], bytes | list[Claim]]]:
    """The files' results in file order, a batch at a time with the batch's claims: read here, or
    by `workers` forked processes."""
    if workers <= 1:
        for f in files:
            r = loader.load_file(f)
            claims, r.claims = r.claims, []
            yield [r], claims
        return
    import multiprocessing

    global _worker_loader
    _worker_loader = loader
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            chunks = [files[i:i + _CHUNK] for i in range(0, len(files), _CHUNK)]
            yield from pool.imap(_load_chunk, chunks)
    finally:
        _worker_loader = None


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Cyclic garbage collection off while a claim set is built: it makes millions of objects and no
    cycles, and each full collection would walk all of them again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load_claim_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                   ground_quotes: bool = True, workers: int | None = None,
                   cache: bool | str | Path = False, allow_empty: bool = False) -> ClaimSet:
    """Load and validate a claim set; raise ValidationFailed with every problem found, in file order.

    The claim set's root, which article paths may not leave, is the folder holding the claims folder.
    `workers`: processes reading files (None: one per core for large sets, on Linux; 1: this one only).
    The result and the problems are the same whatever the number.
    `cache`: True (the user's cache folder, see cache.py) or a folder: reuse the claim set a previous
    successful load stored there if none of its inputs changed, and store this one (for sets of at
    least CACHE_MIN_FILES files).
    `allow_empty`: a folder holding only the codebook is a claim set with no sources (for `check --draft`,
    which writes its first claim file), not an error.
    """
    _remember(None, None)  # until this load says which entry it came from
    claims_dir, files, cb_path, entry = _prepare(claims_dir, codebook, cache, (max_bytes, allow_outside, ground_quotes))
    if entry is not None:
        hit = entry.load(_articles_unchanged)
        if hit is not None:
            _remember(entry, hit[0]["id"])
            return hit[1]
    loader = _read(claims_dir, files, cb_path, max_bytes, allow_outside, ground_quotes, workers, entry, lint=False,
                   allow_empty=allow_empty, named_codebook=codebook is not None)
    if entry is not None and entry.stored_id is not None:
        _remember(entry, entry.stored_id)
    with _gc_paused():
        return ClaimSet(loader.files.codebook, loader.sources, loader.claims(), str(claims_dir))


#: The cache entry the last load_claim_set of this process was read from or stored as (folder,
#: name, id): what a command's rendered output is stored beside (cache.write_output).
last_entry: tuple[Path, str, str] | None = None


def _remember(entry, entry_id: object) -> None:
    global last_entry
    last_entry = (entry.folder, entry.name, entry_id) if isinstance(entry_id, str) else None


def cached_output(claims_dir: str | Path, codebook: str | Path | None, key: str, *,
                  max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False) -> tuple[dict, bytes] | None:
    """What a command printed before for this claim set and these options (`key`), if no input has
    changed since (the cache entry is fresh: every check load_claim_set makes) and it is stored;
    else None. The claims themselves are not read back."""
    try:
        _, _, _, entry = _prepare(claims_dir, codebook, True, (max_bytes, allow_outside, True))
    except ClaimcheckError:
        return None  # the load that follows says what is wrong
    if entry is None:
        return None
    hit = entry.load(_articles_unchanged, body=False)
    if hit is None:
        return None
    from claimcheck.speed.cache import read_output

    return read_output(entry.folder, entry.name, hit[0]["id"], key)


def load_check_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                   workers: int | None = None, cache: bool | str | Path = False,
                   allow_empty: bool = False) -> CheckSet:
    """load_claim_set's claim set (the same checks, problems and cache entry) as `check` reads it,
    topic by topic (checkset.py): from the entry's companion when it has one, else stored there."""
    from claimcheck.check import checkset

    args = (claims_dir, codebook)
    kwargs = dict(max_bytes=max_bytes, allow_outside=allow_outside, workers=workers, cache=cache,
                  allow_empty=allow_empty)
    claims_dir, files, cb_path, entry = _prepare(claims_dir, codebook, cache, (max_bytes, allow_outside, True))
    if entry is None:
        return checkset.CheckSet.of(load_claim_set(*args, **kwargs))
    found = None

    def whole() -> ClaimSet:  # for a damaged companion, or a check that sets sources aside
        return load_claim_set(*args, **kwargs)

    def need_claims(header: dict) -> bool:
        nonlocal found
        found = checkset.read(entry.path, header.get("id"), whole, _digests(header["articles"]))
        return found is None

    hit = entry.load(_articles_unchanged, body=need_claims)
    if found is not None:
        return found
    if hit is not None:
        claim_set, entry_id, articles = hit[1], hit[0].get("id"), hit[0]["articles"]
    else:
        loader = _read(claims_dir, files, cb_path, max_bytes, allow_outside, True, workers, entry, lint=False,
                       named_codebook=codebook is not None)
        with _gc_paused():
            claim_set = ClaimSet(loader.files.codebook, loader.sources, loader.claims(), str(claims_dir))
        entry_id, articles = entry.stored_id, loader.articles
    cs = checkset.CheckSet.of(claim_set, _digests(articles))
    if isinstance(entry_id, str):
        with _gc_paused():
            checkset.write(entry.path, entry_id, cs)
    return cs


@dataclass(frozen=True)
class Validation:
    """What validating a claim set found, without the claims themselves (which `validate` never needs)."""

    claims: int
    sources: int
    topics: int
    warnings: tuple[Problem, ...]  # curation warnings (lint.py), in file order
    drafts: int = 0  # sources marked `status: draft`


def without_drafts(claim_set: ClaimSet) -> ClaimSet:
    """The claim set without the sources marked `status: draft` (and their claims): what `conflicts`,
    `report` and `check` count until a curator has reviewed a draft and removed the mark."""
    drafts = {sid for sid, s in claim_set.sources.items() if s.status == "draft"}
    if not drafts:
        return claim_set
    return ClaimSet(claim_set.codebook, {k: v for k, v in claim_set.sources.items() if k not in drafts},
                    tuple(c for c in claim_set.claims if c.source_id not in drafts), claim_set.root)


def validate_claim_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                       max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                       workers: int | None = None, cache: bool | str | Path = False) -> Validation:
    """load_claim_set's checks and lint's warnings, for `validate`: the same problems raised as
    ValidationFailed, but the claims are never gathered in this process, and a cached set is not read back."""
    options = (max_bytes, allow_outside, True)
    claims_dir, files, cb_path, entry = _prepare(claims_dir, codebook, cache, options)
    if entry is not None:
        # the claims are read back only from an entry stored by a command that did not lint
        hit = entry.load(_articles_unchanged, body=lambda header: header.get("warnings") is None)
        if hit is not None and hit[1] is None:
            h = hit[0]
            return Validation(h["claims"], h["sources"], h["topics"], tuple(h["warnings"]), h.get("drafts", 0))
        if hit is not None:
            from claimcheck.claimset.lint import lint

            cs = hit[1]
            return Validation(len(cs.claims), len(cs.sources), len({c.topic for c in cs.claims}), tuple(lint(cs)),
                              sum(s.status == "draft" for s in cs.sources.values()))
    loader = _read(claims_dir, files, cb_path, max_bytes, allow_outside, True, workers, entry, lint=True,
                   named_codebook=codebook is not None)
    return Validation(len(loader.claim_ids), len(loader.sources), len(loader.topics), tuple(loader.warnings),
                      sum(s.status == "draft" for s in loader.sources.values()))


def _prepare(claims_dir: str | Path, codebook: str | Path | None, cache: bool | str | Path, options: tuple):
    claims_dir = Path(claims_dir)
    files = claim_files(claims_dir)
    cb_path = Path(codebook) if codebook else claims_dir / CODEBOOK_NAME
    use_cache = cache and len(files) >= CACHE_MIN_FILES
    entry = _cache_entry(cache, claims_dir, cb_path, files, options) if use_cache else None
    return claims_dir, files, cb_path, entry


def _read(claims_dir: Path, files: list[Path], cb_path: Path, max_bytes: int, allow_outside: bool,
          ground_quotes: bool, workers: int | None, entry, lint: bool, allow_empty: bool = False,
          named_codebook: bool = False) -> _SetLoader:
    """Read and check every file (raising ValidationFailed on any problem) and store the set in the cache entry."""
    reads: dict[str, tuple] = {}
    root = claims_dir.resolve().parent
    book = load_codebook(cb_path, max_bytes, reads=reads if entry is not None else None, named=named_codebook,
                         root=None if allow_outside or named_codebook else root)
    if not files and not allow_empty:
        others = sorted(p.name for p in claims_dir.iterdir() if p.name != CODEBOOK_NAME)[:3]
        found = f"; found only {', '.join(others)}" if others else ""
        raise UnreadableInput(claims_dir, f"holds no claim files (*.yaml besides topics.yaml){found}; write one by "
                              "hand, or draft one from an article with `claimcheck check ARTICLE --draft "
                              f"{claims_dir / 'NAME.yaml'}`")
    loader = _SetLoader(book, root, max_bytes, allow_outside, ground_quotes, entry is not None, lint)
    with _gc_paused():
        for results, claims in _file_results(loader.files, files, _worker_count(workers, len(files))):
            for r in results:
                loader.add(r)
            loader.parts.append(claims)
    if loader.problems:
        raise ValidationFailed(loader.problems)
    if entry is not None:
        header = {"claims": len(loader.claim_ids), "sources": len(loader.sources), "topics": len(loader.topics),
                  "warnings": loader.warnings if lint else None,
                  "drafts": sum(s.status == "draft" for s in loader.sources.values())}
        reads.update(loader.reads)
        with _gc_paused():
            entry.store(header, (book, loader.sources, str(claims_dir)), loader.parts, loader.articles, reads)
    return loader


def _cache_entry(cache: bool | str | Path, claims_dir: Path, codebook: Path, files: list[Path], options: tuple):
    from claimcheck.speed import cache as cachemod

    folder = cachemod.cache_dir() if cache is True else Path(cache)
    if folder is None:
        return None
    try:
        return cachemod.Entry(folder, claims_dir, codebook, files, options)
    except Exception:  # an unreadable input: no cache, and the load reports it
        return None


def _digests(articles: list[tuple]) -> dict[str, str]:
    """Each article's digest by the path its claim file gives (cache.ArticleDigest)."""
    return {target: d for target, _, d, _ in articles}


def _articles_unchanged(articles: list[tuple], cap: int = DEFAULT_MAX_BYTES) -> bool:
    """Whether every article a cached claim set read still resolves to the same place and holds the same bytes.

    Paths are the strings load stored (str of a Path); an article that is no link, in a folder already
    resolved, takes one lstat, which is also its signature (cache.py)."""
    from claimcheck.speed.cache import signature, unchanged

    resolve = _Resolver()
    folders: dict[str, str] = {}
    for target, resolved, expected, sig in articles:
        folder, name = os.path.split(target)
        try:
            st = os.lstat(target)
        except OSError:
            st = None
        if st is None or stat.S_ISLNK(st.st_mode) or not folder or name in (".", ".."):
            if str(resolve(Path(target))) != resolved or not unchanged(target, sig, expected, cap):
                return False
            continue
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = str(resolve(Path(target)).parent)
        if os.path.join(real, name) != resolved:
            return False
        if (sig is None or signature(st) != sig) and not unchanged(target, None, expected, cap):
            return False
    return True
