"""The shapes of the codebook and of claim files, checked by pydantic, and its errors as problems.

Imported only for a file whose fields do not already have their types (load.py reads the others as
they are, which a differential test checks against these models): valid sets, and commands answered
from the cache, never load pydantic (about 0.1 s of start-up).
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from . import yamlread
from .errors import Problem
from .model import VALUE_TYPES

__all__ = ["ValidationError", "CodebookIn", "SourceIn", "ClaimIn", "problems", "codebook_fields", "source_fields"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LabelIn(Strict):
    definition: str
    cues: list[str] = []


class TopicIn(Strict):
    type: Literal[VALUE_TYPES]  # type: ignore[valid-type]
    description: str
    subject: list[str] = []
    cues: list[str] = []
    changes_over_time: bool = False
    direction: Literal["rising", "falling"] | None = None
    unit: str | None = None
    labels: dict[str, LabelIn] = {}
    compatible: list[tuple[str, str]] = []


class EntityIn(Strict):
    name: str
    aliases: list[str] = []


class CodebookIn(Strict):
    honorifics: list[str] = []
    entities: list[EntityIn] = []
    distinct: list[tuple[str, str]] = []
    person_match_threshold: float = Field(85.0, ge=0, le=100)
    topics: dict[str, TopicIn]


class SourceIn(Strict):
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


class ClaimIn(Strict):
    id: str | None = None
    topic: str
    value: Any
    quote: str = Field(min_length=1)
    attributed_to: str | None = None
    via: str | None = None
    hedge: str | None = None
    as_of: dt.date | None = None
    note: str | None = None


def problems(exc: ValidationError, doc: yamlread.Document, path: str, prefix: tuple = (),
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
        msg = msg[0].lower() + msg[1:]
        if kind == "string_type" and isinstance(err.get("input"), bool):
            flag = err["input"]
            words = "yes, on or true" if flag else "no, off or false"
            msg += (f"; YAML read an unquoted {words} as the boolean {str(flag).lower()}: quote the word, "
                    f"e.g. \"{'yes' if flag else 'no'}\"")
        out.append(Problem(path, f"{field}: {msg}", line, col))
    return out


def codebook_fields(loc: tuple) -> list[str]:
    """The keys allowed at a place in the codebook, for did-you-mean."""
    if not loc:
        return list(CodebookIn.model_fields)
    if loc[0] == "topics" and len(loc) == 2:
        return list(TopicIn.model_fields)
    if loc[0] == "topics" and len(loc) == 4 and loc[2] == "labels":
        return list(LabelIn.model_fields)
    if loc[0] == "entities" and len(loc) == 2:
        return list(EntityIn.model_fields)
    return []


def source_fields(loc: tuple) -> list[str]:
    if not loc:
        return list(SourceIn.model_fields)
    if loc[0] == "claims" and len(loc) == 2:
        return list(ClaimIn.model_fields)
    return []
