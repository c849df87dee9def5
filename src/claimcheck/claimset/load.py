"""Claim files and the codebook -> the model, with every problem reported at its file:line:col."""

from __future__ import annotations

import datetime as dt
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator


from claimcheck.claimset import yamlread
from claimcheck.claimset.codebook import CODEBOOK_NAME, load_codebook
from claimcheck.claimset.reading import DEFAULT_MAX_BYTES, Resolver, confine, decode, inside, mapping, read_bytes_stat
from claimcheck.claimset.files import digest, signature
from claimcheck.claimset.schema_fast import plain_claim, plain_source
from claimcheck.errors import InvalidData, Problem, UnreadableInput, ValidationFailed
from claimcheck.model import Claim, ClaimSet, Codebook, Source, Topic, Where




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
        self.resolve = Resolver()
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
            text = decode(path, data, "claim file")
            doc = yamlread.parse(text, shown, light=True)
            data = mapping(doc, shown, "claim file")
        except (InvalidData, UnreadableInput) as exc:
            out.problems.append(exc.problem)
            return out, None, None
        src = plain_source(data)
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
        return self.allow_outside or inside(resolved, self.root)

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
        if not self.allow_outside and not inside(resolved, self.root):
            events.append(Problem(shown, f"article path '{rel}' points outside the claim set's root {self.root}; move the article inside it or pass --allow-outside", *at))
            return None, None
        try:
            data, st = read_bytes_stat(target, self.max_bytes, "article")
            text = decode(target, data, "article")
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
        if plain_claim(raw):
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
    same object, several times cheaper, which counts at a million claims. tests/claimset/test_load.py checks
    it equals Claim(**fields)."""
    claim = object.__new__(Claim)
    claim.__dict__.update(fields)
    return claim


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
