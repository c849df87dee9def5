"""A claims file drafted from a checked article, in the claim-file format, for a curator to review.

Every finding becomes a claim quoting its sentence, so the draft validates as written; the
curator then trims quotes, adds attributions and deletes what the machine misread.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .atomic import write_atomic
from .check import CheckResult
from .errors import UsageError
from .timeofday import TimeOfDay
from .values import TYPES, DateSpan, Quantity


def check_draft_target(path: Path, force: bool) -> None:
    """Refuse, before any work, a draft that would overwrite a file (without --force) or cannot be written."""
    if path.is_dir():
        raise UsageError(path, "cannot write the draft: this is a folder; give a file name")
    if not path.parent.is_dir():
        raise UsageError(path, f"cannot write the draft: folder '{path.parent}' does not exist")
    if path.exists() and not force:
        raise UsageError(path, "already exists; pass --force to overwrite it")
    side = text_copy_path(path)
    if side.exists() and not force:
        raise UsageError(side, "already exists (the draft's copy of the article text); pass --force to overwrite it")


def text_copy_path(draft: Path) -> Path:
    return draft.with_name(draft.stem + ".article.txt")


def draft_value(type_name: str, value):
    """A value as a curator writes it in a claim file (what values.TYPES[type].parse reads back)."""
    if isinstance(value, Quantity):
        if value.text:
            return value.text
        return int(value.low) if float(value.low).is_integer() else value.low
    if isinstance(value, DateSpan):
        return value.start.isoformat() if value.start == value.end else f"{value.start.isoformat()}/{value.end.isoformat()}"
    if isinstance(value, TimeOfDay):
        return TYPES["time"].display(value)  # '13:39', '13:39 UTC' or 'around 2:00 p.m.', as parse reads them
    if isinstance(value, tuple):
        return list(value)
    return value


def source_id_for(result: CheckResult) -> str:
    stem = "stdin" if result.path is None else Path(result.path).stem
    slug = re.sub(r"[^\w.\-]+", "-", stem).strip("-.") or "article"
    return f"draft-{slug}"


def draft_document(result: CheckResult, text_ref: str) -> dict:
    """The draft as plain data: one source, one claim per finding (possible ones marked in `note`)."""
    claims = []
    for c in result.findings:
        f = c.finding
        note = f"read by claimcheck check: {f.how}; verdict {c.verdict}"
        if c.contradicts:
            note += f" (contradicts {', '.join(c.contradicts)})"
        elif c.agrees_with:
            note += f" (agrees with {', '.join(c.agrees_with)})"
        if c.possible:
            note = f"POSSIBLE, confidence {f.confidence:.2f}: check before keeping. " + note
        claim = {"topic": f.topic, "value": draft_value(f.type, f.value), "quote": f.sentence.strip()}
        if f.hedge:
            claim["hedge"] = f.hedge
        claim["note"] = note
        claims.append(claim)
    title = None
    first = result.text.lstrip().split("\n", 1)[0].strip()
    if first and len(first) <= 200 and not first.endswith((".", "!", "?")):
        title = first
    return {
        "id": source_id_for(result),
        "outlet": "unknown",
        "title": title,
        "published": result.published,
        "url": None,
        "text": text_ref,
        "note": f"Drafted by `claimcheck check --draft` from {result.article}"
                + (f"; dates counted from the {result.published_from} {result.published}" if result.published else
                   "; no publication date, so relative dates were left out")
                + ". Review every claim against the article.",
        "claims": claims,
    }


def render_draft(result: CheckResult, text_ref: str) -> str:
    import yaml

    doc = draft_document(result, text_ref)
    head = ("# Draft claims written by `claimcheck check --draft`: values were read by machine.\n"
            "# Check each one against the article, add attributed_to/via where the article credits someone,\n"
            "# trim quotes to the words that carry the fact, and delete what is wrong.\n")
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=120, default_flow_style=None)
    return head + body


def write_draft(result: CheckResult, path: Path, force: bool = False) -> list[Path]:
    """Write the draft (and, when the checked text is not the file's own, a copy of that text beside it).

    Files are replaced in one step each. Returns the paths written.
    """
    check_draft_target(path, force)
    written = []
    if result.path is not None and result.verbatim:
        ref = os.path.relpath(Path(result.path).resolve(), path.parent.resolve())
    else:
        side = text_copy_path(path)
        write_atomic(side, result.text, "draft")
        written.append(side)
        ref = side.name
    write_atomic(path, render_draft(result, Path(ref).as_posix()), "draft")
    written.insert(0, path)
    return written
