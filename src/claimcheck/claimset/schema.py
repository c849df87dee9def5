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
from pydantic_core import PydanticCustomError

from claimcheck.claimset import yamlread
from claimcheck.errors import Problem

__all__ = ["ValidationError", "CodebookIn", "SourceIn", "ClaimIn", "ClaimFileDoc", "json_schema", "date_hint", "problems",
           "codebook_fields", "source_fields"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _date(v: Any) -> Any:
    """A date written any other way than YYYY-MM-DD is refused with the ISO form it probably means."""
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            raise ValueError(date_hint(v)) from None
    return v


def date_hint(text: str) -> str:
    """What to write instead of a date in another format: 'write dates as YYYY-MM-DD, e.g. ...'."""
    guesses = []
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text)
    candidates = [(int(m[1]), int(m[2]), int(m[3]))] if m else []
    m = re.fullmatch(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*", text)
    if m:
        candidates += [(int(m[3]), int(m[1]), int(m[2])), (int(m[3]), int(m[2]), int(m[1]))]
    for fmt in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b. %d, %Y"):
        try:
            d = dt.datetime.strptime(" ".join(text.split()), fmt).date()
            candidates.append((d.year, d.month, d.day))
        except ValueError:
            pass
    for y, mo, d in candidates:
        try:
            iso = dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
        if iso not in guesses:
            guesses.append(iso)
    example = guesses[0] if guesses else "2025-10-25"
    more = f" (or {guesses[1]}, if the day comes first)" if len(guesses) > 1 else ""
    return f"'{text}' is not a date claimcheck reads; write dates as YYYY-MM-DD, e.g. {example}{more}"


class LabelIn(Strict):
    """One allowed value of a label topic."""

    definition: str = Field(description="One line saying when this label applies, so two curators pick the same one.",
                            examples=["Talks ended without an agreement."])
    cues: list[str] = Field([], description="Words in an article that signal this label (used by `check`).",
                            examples=[["no agreement", "without a deal"]])


class TopicIn(Strict):
    """A fact a claim can be about: its value type and how `check` finds it in an article."""

    type: str = Field(description="How values are read and compared (the registered value types).",
                      examples=["person"])
    description: str = Field(description="One line saying what is measured.",
                             examples=["Who led the Afghan delegation at the Istanbul talks."])
    subject: list[str] = Field([], description="Words that name what the topic is about (used by `check`).",
                               examples=[["Afghan delegation", "Taliban delegation"]])
    cues: list[str] = Field([], description="Phrases that signal the fact in an article (used by `check`).",
                            examples=[["led by", "headed by"]])
    changes_over_time: bool = Field(False, description="True when the value is a state that can change: claims "
                                    "are compared per `as_of` date, and a change is a timeline, not a conflict.")
    direction: Literal["rising", "falling"] | None = Field(
        None, description="For numbers that change over time: the value only rises (a death toll) or only falls; "
                          "a later value going the other way is then a conflict.", examples=["rising"])
    unit: str | None = Field(None, description="For numbers: what is counted, shown after every value.",
                             examples=["people"])
    labels: dict[str, LabelIn] = Field({}, description="For label topics: each allowed label and its definition.")
    compatible: list[tuple[str, str]] = Field([], description="For label topics: pairs of labels that partly agree.",
                                              examples=[[["deadlock", "no_agreement"]]])

    @field_validator("type", mode="before")
    @classmethod
    def _registered(cls, v: Any) -> str:
        names = type_names()
        if type(v) is not str or v not in names:
            shown = ", ".join(f"'{n}'" for n in names[:-1]) + f" or '{names[-1]}'"
            raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": shown})
        return v


class EntityIn(Strict):
    """Names that are one entity: any of them matches any other."""

    name: str = Field(description="The canonical name, shown in output.", examples=["Turkey"])
    aliases: list[str] = Field([], description="Other names of the same entity.", examples=[["Türkiye", "Turkiye"]])


class CodebookIn(Strict):
    """The codebook (topics.yaml): every topic a claim may be about, and the entity knowledge comparisons use."""

    honorifics: list[str] = Field([], description="Titles ignored when comparing names.",
                                  examples=[["Haji", "Dr.", "Gen."]])
    entities: list[EntityIn] = Field([], description="Names that are one entity.")
    distinct: list[tuple[str, str]] = Field([], description="Pairs of names that look alike but are different people.",
                                            examples=[[["Rahmatullah Najib", "Rahmatullah Mujib"]]])
    person_match_threshold: float = Field(85.0, ge=0, le=100, description="How close (rapidfuzz ratio, 0-100) two "
                                          "names must be to count as spellings of one name.")
    topics: dict[str, TopicIn] = Field(description="Each topic by its name, subject.property in lower case, "
                                       "e.g. afghan_delegation.leader.")


_DATE_DOC = "An ISO date, YYYY-MM-DD."


class SourceIn(Strict):
    """A claim file: one source (an article) and the claims it makes."""

    id: str = Field(min_length=1, description="The source's id, unique in the claim set (letters, digits, '-', "
                    "'_', '.').", examples=["reuters-2025-10-27"])
    outlet: str = Field(min_length=1, description="Who published the article; 'unknown' when the article does not "
                        "reveal it. Claims without attributed_to are credited to it.", examples=["Reuters"])
    title: str | None = Field(None, description="The article's headline.")
    published: dt.date | None = Field(None, description=_DATE_DOC + " Relative dates in quotes count from it; say "
                                      "in `note` if it is inferred.", examples=["2025-10-27"])
    url: str | None = Field(None, description="Where the article was read.")
    text: str | None = Field(None, description="The article's text file, relative to this file: every quote must be "
                             "found in it.", examples=["../articles/reuters-2025-10-27.txt"])
    note: str | None = Field(None, description="The curator's reasoning and doubts about the source.")
    status: Literal["draft"] | None = Field(None, description="'draft' while a curator reviews a file written by "
                                            "`check --draft`: left out of conflicts, report and check until removed.")
    claims: list[Any] = Field(description="The claims the article makes, one per fact.")

    _published = field_validator("published", mode="before")(_date)

    @field_validator("id")
    @classmethod
    def _plain_id(cls, v: str) -> str:
        if not re.fullmatch(r"[\w.\-]+", v):
            raise ValueError("use letters, digits, '-', '_' or '.' only")
        return v


class ClaimIn(Strict):
    """One fact as one source states it, with its verbatim quote and whom the article credits."""

    id: str | None = Field(None, description="The claim's id [default: SOURCE_ID#N].")
    topic: str = Field(description="A topic of the codebook.", examples=["afghan_delegation.leader"])
    value: Any = Field(description="The value, typed per the topic: a name, a number (or 'dozens', 'nearly 14'), "
                       "a date (YYYY-MM-DD, 'YYYY-MM-DD/YYYY-MM-DD', 'YYYY-MM'), a list, a label, a wording.",
                       examples=["Haji Najib", 7, "2025-10-19", ["Qatar", "Turkey"]])
    quote: str = Field(min_length=1, description="The article's words, verbatim: '...' marks an omission, "
                       "[brackets] an insertion.", examples=["The Afghan delegation, led by Deputy Interior Minister "
                                                             "Haji Najib, arrived in Turkey on Friday"])
    attributed_to: str | None = Field(None, description="Whom the article credits: a speaker, an outlet it cites, "
                                      "an office, 'diplomatic sources'. Omit when it speaks in its own voice.",
                                      examples=["Khawaja Asif"])
    via: str | None = Field(None, description="The outlet a speaker is reported through.", examples=["Reuters"])
    hedge: str | None = Field(None, description="A hedge the article uses.", examples=["reportedly"])
    as_of: dt.date | None = Field(None, description=_DATE_DOC + " When the article reports an earlier state "
                                  "[default: the source's published date].", examples=["2025-10-26"])
    note: str | None = Field(None, description="The curator's reasoning: how a relative date was resolved, why a "
                             "value is not visible in the quote.")

    _as_of = field_validator("as_of", mode="before")(_date)


class ClaimFileDoc(SourceIn):
    """A claim file (one source and its claims), for editors: the claims with their own fields."""

    claims: list[ClaimIn] = Field(description="The claims the article makes, one per fact.")  # type: ignore[assignment]


def type_names() -> list[str]:
    """The value types a topic may have: the registry's (values.TYPES), whatever registered since."""
    from claimcheck.values import TYPES

    return list(TYPES)


def json_schema(kind: str) -> dict:
    """The JSON Schema of a claim file ('claims') or of the codebook ('codebook'), from these models."""
    from claimcheck.values import TYPES

    model = {"claims": ClaimFileDoc, "codebook": CodebookIn}[kind]
    doc = model.model_json_schema()
    if kind == "codebook":  # the value types as registered now, each with what it reads
        prop = doc["$defs"]["TopicIn"]["properties"]["type"]
        prop["description"] = "How values are read and compared: " + ", ".join(
            f"{t.name} ({t.help})" if t.help else t.name for t in TYPES.values()) + "."
        doc["$defs"]["TopicIn"]["properties"]["type"] = {"description": prop.pop("description"), "enum": list(TYPES), **prop}
    title = {"claims": "claimcheck claim file", "codebook": "claimcheck codebook (topics.yaml)"}[kind]
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **{k: v for k, v in doc.items() if k != "title"}}


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
