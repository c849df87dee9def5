"""Claim files and the codebook -> the model, with every problem reported at its file:line:col."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import yamlread
from .errors import InvalidData, Problem, UnreadableInput, ValidationFailed
from .model import Claim, ClaimSet, Codebook, Entity, Label, Source, Topic, Where

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CODEBOOK_NAME = "topics.yaml"
_TOPIC_NAME = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


# --------------------------------------------------------------------------- file shapes


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _LabelIn(_Strict):
    definition: str
    cues: list[str] = []


class _TopicIn(_Strict):
    type: Literal["person", "number", "date", "list", "label", "text"]
    description: str
    subject: list[str] = []
    cues: list[str] = []
    changes_over_time: bool = False
    unit: str | None = None
    labels: dict[str, _LabelIn] = {}
    compatible: list[tuple[str, str]] = []


class _EntityIn(_Strict):
    name: str
    aliases: list[str] = []


class _CodebookIn(_Strict):
    honorifics: list[str] = []
    entities: list[_EntityIn] = []
    distinct: list[tuple[str, str]] = []
    person_match_threshold: float = Field(85.0, ge=0, le=100)
    topics: dict[str, _TopicIn]


class _SourceIn(_Strict):
    id: str = Field(min_length=1)
    outlet: str = Field(min_length=1)
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    text: str | None = None
    note: str | None = None
    claims: list[Any]

    @field_validator("id")
    @classmethod
    def _plain_id(cls, v: str) -> str:
        if not re.fullmatch(r"[\w.\-]+", v):
            raise ValueError("use letters, digits, '-', '_' or '.' only")
        return v


class _ClaimIn(_Strict):
    id: str | None = None
    topic: str
    value: Any
    quote: str = Field(min_length=1)
    attributed_to: str | None = None
    via: str | None = None
    hedge: str | None = None
    as_of: dt.date | None = None
    note: str | None = None


# --------------------------------------------------------------------------- reading


def read_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, what: str = "file") -> str:
    """A text file as str: UTF-8 (a byte-order mark is dropped), under the size cap, not binary."""
    try:
        if path.is_dir():
            raise UnreadableInput(path, f"is a folder, not a file; name the {what} itself")
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableInput(path, f"{what} is {size:,} bytes, over the {max_bytes:,}-byte cap; raise it with --max-bytes if this is intended")
        data = path.read_bytes()
    except UnreadableInput:
        raise
    except FileNotFoundError:
        raise UnreadableInput(path, f"{what} not found") from None
    except OSError as exc:
        raise UnreadableInput(path, f"cannot read {what}: {exc.strerror or exc}") from None
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


def _pydantic_problems(exc: ValidationError, doc: yamlread.Document, path: str, prefix: tuple = (),
                       fields: Callable[[tuple], list[str]] = lambda loc: []) -> list[Problem]:
    """Pydantic's errors as problems at the YAML line they are about, with did-you-mean for keys."""
    out = []
    for err in exc.errors():
        loc = (*prefix, *err["loc"])
        kind = err["type"]
        field = ".".join(str(p) for p in loc) or "file"
        if kind == "extra_forbidden":
            line, col = doc.where(loc, key=True)
            key = str(loc[-1])
            options = fields(loc[:-1])
            near = difflib.get_close_matches(key, options, n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else f"; allowed keys: {', '.join(options)}" if options else ""
            out.append(Problem(path, f"unknown key '{key}'{hint}", line, col))
            continue
        if kind == "missing":
            line, col = doc.where(loc[:-1])
            out.append(Problem(path, f"missing required key '{loc[-1]}'", line, col))
            continue
        line, col = doc.where(loc)
        msg = err["msg"]
        if err.get("ctx", {}).get("error"):
            msg = str(err["ctx"]["error"])
        out.append(Problem(path, f"{field}: {msg[0].lower() + msg[1:]}", line, col))
    return out


def _codebook_fields(loc: tuple) -> list[str]:
    """The keys allowed at a place in the codebook, for did-you-mean."""
    if not loc:
        return list(_CodebookIn.model_fields)
    if loc[0] == "topics" and len(loc) == 2:
        return list(_TopicIn.model_fields)
    if loc[0] == "topics" and len(loc) == 4 and loc[2] == "labels":
        return list(_LabelIn.model_fields)
    if loc[0] == "entities" and len(loc) == 2:
        return list(_EntityIn.model_fields)
    return []


def _source_fields(loc: tuple) -> list[str]:
    if not loc:
        return list(_SourceIn.model_fields)
    if loc[0] == "claims" and len(loc) == 2:
        return list(_ClaimIn.model_fields)
    return []


def load_codebook(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Codebook:
    """Read and check the codebook; raise ValidationFailed listing every problem in it."""
    path = Path(path)
    shown = str(path)
    text = read_text(path, max_bytes, "codebook")
    doc = yamlread.parse(text, shown)
    data = _mapping(doc, shown, "codebook")
    try:
        parsed = _CodebookIn.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(_pydantic_problems(exc, doc, shown, fields=_codebook_fields)) from None
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
        for i, pair in enumerate(t.compatible):
            for label in pair:
                if label not in t.labels:
                    pl, pc = doc.where(("topics", name, "compatible", i))
                    problems.append(Problem(shown, f"topic '{name}': compatible label '{label}' is not one of its labels", pl, pc))
        topics[name] = Topic(
            name=name, type=t.type, description=t.description, subject=tuple(t.subject), cues=tuple(t.cues),
            changes_over_time=t.changes_over_time, unit=t.unit,
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


def claim_files(claims_dir: Path) -> list[Path]:
    """The claim files of a claim set: every .yaml/.yml file in the folder but the codebook, sorted."""
    if not claims_dir.exists():
        raise UnreadableInput(claims_dir, "claims folder not found; pass --claims DIR")
    if not claims_dir.is_dir():
        raise UnreadableInput(claims_dir, "is not a folder; pass the folder that holds the claim files with --claims")
    files = sorted(p for p in claims_dir.iterdir()
                   if p.suffix.lower() in (".yaml", ".yml") and p.name != CODEBOOK_NAME and not p.name.startswith("."))
    return files


class _SetLoader:
    """Loads one claim set, collecting every problem instead of stopping at the first."""

    def __init__(self, codebook: Codebook, root: Path, max_bytes: int, allow_outside: bool, ground_quotes: bool):
        from .values import Context, Names, TYPES

        self.codebook = codebook
        self.root = root.resolve()
        self.max_bytes = max_bytes
        self.allow_outside = allow_outside
        self.ground_quotes = ground_quotes
        self.names = Names(codebook)
        self.types = TYPES
        self.contexts = {name: Context(t, self.names) for name, t in codebook.topics.items()}
        self.problems: list[Problem] = []
        self.sources: dict[str, Source] = {}
        self.claims: list[Claim] = []
        self.claim_ids: dict[str, str] = {}

    def problem(self, path: str, message: str, where: tuple[int | None, int | None] = (None, None)) -> None:
        self.problems.append(Problem(path, message, *where))

    def load_file(self, path: Path) -> None:
        shown = str(path)
        try:
            text = read_text(path, self.max_bytes, "claim file")
            doc = yamlread.parse(text, shown)
            data = _mapping(doc, shown, "claim file")
        except (InvalidData, UnreadableInput) as exc:
            self.problems.append(exc.problem)
            return
        try:
            src = _SourceIn.model_validate(data)
        except ValidationError as exc:
            self.problems.extend(_pydantic_problems(exc, doc, shown, fields=_source_fields))
            return
        where = Where(shown, *doc.where(("id",)))
        if src.id in self.sources:
            other = self.sources[src.id].where
            self.problem(shown, f"source id '{src.id}' is already used by {other.path}; give each source its own id", doc.where(("id",)))
            return
        text_path, article = self.article(src.text, path, doc) if src.text else (None, None)
        source = Source(src.id, src.outlet, src.title, src.published, src.url, text_path, src.note, where)
        self.sources[src.id] = source
        for i, raw in enumerate(src.claims):
            self.load_claim(raw, i, source, doc, shown, article)

    def article(self, rel: str, claim_file: Path, doc: yamlread.Document):
        from .ground import Article

        shown = str(claim_file)
        target = (claim_file.parent / rel)
        at = doc.where(("text",))
        try:
            resolved = target.resolve(strict=False)
        except (OSError, RuntimeError):
            self.problem(shown, f"article path '{rel}' cannot be resolved (a symlink loop?)", at)
            return None, None
        if not self.allow_outside and not _inside(resolved, self.root):
            self.problem(shown, f"article path '{rel}' points outside the claim set's root {self.root}; move the article inside it or pass --allow-outside", at)
            return None, None
        try:
            text = read_text(target, self.max_bytes, "article")
        except UnreadableInput as exc:
            self.problem(shown, f"article '{rel}': {exc.problem.message}", at)
            return None, None
        return str(target), Article(text) if self.ground_quotes else None

    def load_claim(self, raw: Any, i: int, source: Source, doc, shown: str, article) -> None:
        base = ("claims", i)
        if not isinstance(raw, dict):
            self.problem(shown, f"claims.{i}: each claim must be a mapping with topic, value and quote", doc.where(base))
            return
        try:
            c = _ClaimIn.model_validate(raw)
        except ValidationError as exc:
            self.problems.extend(_pydantic_problems(exc, doc, shown, prefix=base, fields=_source_fields))
            return
        topic = self.codebook.topics.get(c.topic)
        if topic is None:
            near = difflib.get_close_matches(c.topic, list(self.codebook.topics), n=1, cutoff=0.6)
            hint = f"; did you mean '{near[0]}'?" if near else f"; declare it in {self.codebook.path}"
            self.problem(shown, f"unknown topic '{c.topic}'{hint}", doc.where((*base, "topic")))
            return
        vtype = self.types[topic.type]
        try:
            value = vtype.parse(c.value, self.contexts[c.topic])
        except ValueError as exc:
            self.problem(shown, f"value {c.value!r} does not fit topic '{c.topic}' ({topic.type}): expected {exc}", doc.where((*base, "value")))
            return
        cid = c.id or f"{source.id}#{i + 1}"
        if cid in self.claim_ids:
            self.problem(shown, f"claim id '{cid}' is already used in {self.claim_ids[cid]}", doc.where((*base, "id")))
            return
        self.claim_ids[cid] = shown
        if article is not None:
            g = article.ground(c.quote)
            if not g.found:
                self.problem(shown, _grounding_message(c.quote, g, source.text_path), doc.where((*base, "quote")))
        own = source.outlet if source.outlet.casefold() != "unknown" else source.id
        self.claims.append(Claim(
            id=cid, source_id=source.id, topic=c.topic, value=value, raw_value=c.value, quote=c.quote,
            attributed_to=c.attributed_to or own, via=c.via, hedge=c.hedge,
            as_of=c.as_of or source.published, note=c.note, where=Where(shown, *doc.where(base)),
            own_voice=not c.attributed_to,
        ))


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


def load_claim_set(claims_dir: str | Path = "claims", codebook: str | Path | None = None, *,
                   max_bytes: int = DEFAULT_MAX_BYTES, allow_outside: bool = False,
                   ground_quotes: bool = True) -> ClaimSet:
    """Load and validate a claim set; raise ValidationFailed with every problem found, in file order.

    The claim set's root, which article paths may not leave, is the folder holding the claims folder.
    """
    claims_dir = Path(claims_dir)
    files = claim_files(claims_dir)
    cb_path = Path(codebook) if codebook else claims_dir / CODEBOOK_NAME
    book = load_codebook(cb_path, max_bytes)
    if not files:
        others = sorted(p.name for p in claims_dir.iterdir() if p.name != CODEBOOK_NAME)[:3]
        found = f"; found only {', '.join(others)}" if others else ""
        raise UnreadableInput(claims_dir, f"holds no claim files (*.yaml besides topics.yaml){found}")
    loader = _SetLoader(book, claims_dir.resolve().parent, max_bytes, allow_outside, ground_quotes)
    for f in files:
        loader.load_file(f)
    if loader.problems:
        raise ValidationFailed(loader.problems)
    return ClaimSet(book, loader.sources, tuple(loader.claims), str(claims_dir))
