"""Claim files and the codebook -> the model, with every problem reported at its file:line:col."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Iterable, Iterator


from claimcheck.claimset import yamlread
from claimcheck.claimset.files import digest, signature
from claimcheck.errors import ClaimcheckError, InvalidData, Problem, UnreadableInput, ValidationFailed
from claimcheck.values import TYPES
from claimcheck.model import Claim, ClaimSet, Codebook, Entity, Label, Source, Topic, Where


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
        self.parts: list = []  # the claims in file order: lists, or packed by a worker (speed/pool.py)
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
            out.extend(part if isinstance(part, list) else part.unpack())  # a worker's (speed/pool.py)
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
        if t.get("type") not in TYPES or type(t.get("type")) is not str or type(t.get("description")) is not str:
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


# --------------------------------------------------------------------------- the whole set

#: Reads a set's files: (loader, files) -> each batch of results in file order, with its claims.
#: This module reads them one after another; claimcheck.speed.pool in forked processes.
FileResults = Callable[["_FileLoader", list[Path]], Iterator[tuple[list[_FileResult], list]]]


def serial_results(loader: _FileLoader, files: list[Path]) -> Iterator[tuple[list[_FileResult], list[Claim]]]:
    """The files' results in file order, read in this process one after another."""
    for f in files:
        r = loader.load_file(f)
        claims, r.claims = r.claims, []
        yield [r], claims


def read_set(claims_dir: Path, files: list[Path], cb_path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
             allow_outside: bool = False, ground_quotes: bool = True, record: bool = False, lint: bool = False,
             allow_empty: bool = False, named_codebook: bool = False,
             file_results: FileResults = serial_results) -> _SetLoader:
    """Read and check every file, raising ValidationFailed on any problem. `record`: note what each
    file read was (signature and digest, in `reads`; each article in `articles`), for a cache."""
    reads: dict[str, tuple] = {}
    root = claims_dir.resolve().parent
    book = load_codebook(cb_path, max_bytes, reads=reads if record else None, named=named_codebook,
                         root=None if allow_outside or named_codebook else root)
    if not files and not allow_empty:
        others = sorted(p.name for p in claims_dir.iterdir() if p.name != CODEBOOK_NAME)[:3]
        found = f"; found only {', '.join(others)}" if others else ""
        raise UnreadableInput(claims_dir, f"holds no claim files (*.yaml besides topics.yaml){found}; write one by "
                              "hand, or draft one from an article with `claimcheck check ARTICLE --draft "
                              f"{claims_dir / 'NAME.yaml'}`")
    loader = _SetLoader(book, root, max_bytes, allow_outside, ground_quotes, record, lint)
    for results, claims in file_results(loader.files, files):
        for r in results:
            loader.add(r)
        loader.parts.append(claims)
    if loader.problems:
        raise ValidationFailed(loader.problems)
    reads.update(loader.reads)
    loader.reads = reads
    return loader


def load_claim_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                   ground_quotes: bool = True, allow_empty: bool = False) -> ClaimSet:
    """Load and validate a claim set; raise ValidationFailed with every problem found, in file order.

    The claim set's root, which article paths may not leave, is the folder holding the claims folder.
    `allow_empty`: a folder holding only the codebook is a claim set with no sources (for `check --draft`,
    which writes its first claim file), not an error. claimcheck.api.load_claim_set is the same load
    with a cache and worker processes.
    """
    claims_dir = Path(claims_dir)
    loader = read_set(claims_dir, claim_files(claims_dir), codebook_path(claims_dir, codebook), max_bytes=max_bytes,
                      allow_outside=allow_outside, ground_quotes=ground_quotes, allow_empty=allow_empty,
                      named_codebook=codebook is not None)
    return claim_set_of(loader, claims_dir)


def claim_set_of(loader: _SetLoader, claims_dir: Path) -> ClaimSet:
    return ClaimSet(loader.files.codebook, loader.sources, loader.claims(), str(claims_dir))


def codebook_path(claims_dir: Path, codebook: str | Path | None) -> Path:
    return Path(codebook) if codebook else claims_dir / CODEBOOK_NAME


@dataclass(frozen=True)
class Validation:
    """What validating a claim set found, without the claims themselves (which `validate` never needs)."""

    claims: int
    sources: int
    topics: int
    warnings: tuple[Problem, ...]  # curation warnings (lint.py), in file order
    drafts: int = 0  # sources marked `status: draft`


def validation_of(loader: _SetLoader) -> Validation:
    return Validation(len(loader.claim_ids), len(loader.sources), len(loader.topics), tuple(loader.warnings),
                      sum(s.status == "draft" for s in loader.sources.values()))


def validate_claim_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                       max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False) -> Validation:
    """load_claim_set's checks and lint's warnings, for `validate`: the same problems raised as
    ValidationFailed, but the claims are never gathered."""
    claims_dir = Path(claims_dir)
    loader = read_set(claims_dir, claim_files(claims_dir), codebook_path(claims_dir, codebook), max_bytes=max_bytes,
                      allow_outside=allow_outside, lint=True, named_codebook=codebook is not None)
    return validation_of(loader)


def without_drafts(claim_set: ClaimSet) -> ClaimSet:
    """The claim set without the sources marked `status: draft` (and their claims): what `conflicts`,
    `report` and `check` count until a curator has reviewed a draft and removed the mark."""
    drafts = {sid for sid, s in claim_set.sources.items() if s.status == "draft"}
    if not drafts:
        return claim_set
    return ClaimSet(claim_set.codebook, {k: v for k, v in claim_set.sources.items() if k not in drafts},
                    tuple(c for c in claim_set.claims if c.source_id not in drafts), claim_set.root)
