"""A claims file drafted from a checked article, in the claim-file format, for a curator to review.

Every finding becomes a claim quoting its sentence, so the draft validates as written; the
curator then trims quotes, adds attributions and deletes what the machine misread.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from claimcheck.output.atomic import write_atomic
from claimcheck.check.checker import CheckResult
from claimcheck.errors import UsageError
from claimcheck.output.safetext import UNSAFE
from claimcheck.values import TYPES


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
    return TYPES[type_name].to_raw(value)


def source_id_for(result: CheckResult) -> str:
    stem = "stdin" if result.path is None else Path(result.path).stem
    slug = re.sub(r"[^\w.\-]+", "-", stem).strip("-.") or "article"
    return f"draft-{slug}"


# Whom a sentence credits: "according to X", "X reported", "X said", "X was quoted as saying by Y".
_NAME = r"(?:[Tt]he\s+)?[A-Z][\w’'.&-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+|and\s+)?[A-Z][\w’'.&-]*){0,5}"
_GROUP = r"(?:(?:[a-z]+\s+){0,2}(?:sources|officials|diplomats|witnesses|residents|police|authorities))"
_WHO = rf"(?P<who>{_NAME}|{_GROUP})"
_ATTRIBUTION = [
    re.compile(rf"(?<![\w’']){_WHO}\s+(?:was|were)\s+quoted\s+(?:as\s+saying\s+)?by\s+(?P<via>{_NAME})"),
    re.compile(r"\b[Aa]ccording\s+to\s+(?P<who>[^,.;:!?\"“”()]{2,60}?)\s*(?:[,.;:!?\"“”()]|$)"),
    re.compile(rf"(?<![\w’']){_WHO},?\s+(?:reported|reports|said|says|told|added|stated|announced|confirmed)\b"),
    re.compile(rf"\b(?:said|reported|told)\s+{_WHO}\s*[.,;]"),
]
_NOT_A_NAME = {"He", "She", "They", "It", "We", "I", "This", "That", "The", "But", "And", "A", "An", "In", "On",
               "As", "At", "His", "Her", "Their", "Its", "Our"}


def attribution(sentence: str) -> tuple[str | None, str | None]:
    """Whom the sentence credits for what it states, and the outlet it is reported through (or Nones)."""
    for pattern in _ATTRIBUTION:
        for m in pattern.finditer(sentence):
            who = " ".join(m.group("who").split())
            if who.split()[0] in _NOT_A_NAME and len(who.split()) == 1:
                continue
            if pattern is not _ATTRIBUTION[1] and who.lower().startswith("the ") and who.split()[1][:1].islower():
                continue  # "the delegation said": a subject, not a credit
            via = m.groupdict().get("via")
            return who, (" ".join(via.split()) if via else None)
    return None, None


_DATELINE_OUTLET = re.compile(r"\((?P<outlet>[A-Z][\w .&'’-]{1,40}?)\)\s*[-–—]")
_BYLINE = re.compile(r"^\s*By\s+[^\n]{2,80}?\s*(?:,|\||—|–|-|/)\s*(?P<outlet>[A-Z][\w .&'’-]{1,40}?)\s*$", re.M)
_SOURCE_LINE = re.compile(r"^\s*(?:Source|Published by|Publisher)\s*:\s*(?P<outlet>[A-Z][\w .&'’-]{1,40}?)\s*$", re.M)


def stated_outlet(text: str) -> str | None:
    """The outlet a dateline ('ISTANBUL, Oct 27 (Reuters) -') or byline ('By Jane Doe, Dawn') states, if any."""
    head = text[:2000]
    for pattern in (_DATELINE_OUTLET, _BYLINE, _SOURCE_LINE):
        m = pattern.search(head)
        if m:
            return " ".join(m.group("outlet").split())
    return None


def draft_document(result: CheckResult, text_ref: str) -> dict:
    """The draft as plain data: one source marked `status: draft`, one claim per finding (possible ones
    marked in `note`), credited to whom its sentence credits."""
    outlet = stated_outlet(result.text)
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
        who, via = attribution(f.sentence)
        if who and (outlet is None or who.casefold() != outlet.casefold()):
            claim["attributed_to"] = who
            if via:
                claim["via"] = via
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
        "status": "draft",
        "outlet": outlet or "unknown",
        "title": title,
        "published": result.published,
        "url": None,
        "text": text_ref,
        "note": f"Drafted by `claimcheck check --draft` from {result.article}"
                + (f"; dates counted from the {result.published_from} {result.published}" if result.published else
                   "; no publication date, so relative dates were left out")
                + (f"; outlet from the article's {'dateline' if _DATELINE_OUTLET.search(result.text[:2000]) else 'byline'}"
                   if outlet else "")
                + ". Review every claim against the article, then delete `status: draft`.",
        "claims": claims,
    }


#: Written as \u escapes in a draft's double-quoted scalars: what must never reach a terminal raw
#: (safetext.UNSAFE: article text is untrusted, and `cat draft.yaml` must be safe) and the two
#: characters YAML cannot hold raw. The escape reads back as the character, so the quote stays verbatim.
_ESCAPED = re.compile(f"[{UNSAFE}\ufffe\uffff]")


def _scalar(v) -> str:
    """A value as a curator writes it: plain when YAML reads it back as the same string, else
    double-quoted, with control and bidi characters as escapes (_ESCAPED)."""
    import json

    import yaml

    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_scalar(x) for x in v) + "]"
    s = str(v)
    if _ESCAPED.search(s):
        return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(s, ensure_ascii=False))
    if s and "\n" not in s and s == s.strip() and not s.startswith(("[", "{", "'", '"', "&", "*", "!", "|", ">", "%", "@", "`", "#", "-", "?")) \
            and ": " not in s and " #" not in s and not s.endswith(":"):
        try:
            if yaml.safe_load(f"k: {s}") == {"k": s}:
                return s
        except yaml.YAMLError:
            pass
    return json.dumps(s, ensure_ascii=False)


SOURCE_ORDER = ("id", "status", "outlet", "title", "published", "url", "text", "note")


def render_claim_file(doc: dict, head: str = "") -> str:
    """A claim file in the block style curators write: source keys, then each claim as a block of its
    own, one line per key, separated by blank lines (the layout of the bundled claims/)."""
    lines = [head.rstrip("\n")] if head else []
    for key in SOURCE_ORDER:
        if key in doc:
            lines.append(f"{key}: {_scalar(doc[key])}")
    lines.append("claims:")
    for i, claim in enumerate(doc["claims"]):
        if i:
            lines.append("")
        for j, (key, value) in enumerate(claim.items()):
            lines.append(f"{'  - ' if j == 0 else '    '}{key}: {_scalar(value)}")
    if not doc["claims"]:
        lines[-1] = "claims: []"
    return "\n".join(lines) + "\n"


def modeline(path: Path, kind: str = "claims") -> str:
    """The yaml-language-server modeline for a file of this claim set, when the set keeps its schemas
    (`claimcheck init` writes them to schema/ beside claims/), else ''."""
    schema = path.resolve().parent.parent / "schema" / f"{kind}.schema.json"
    if not schema.is_file():
        return ""
    rel = os.path.relpath(schema, path.resolve().parent)
    return f"# yaml-language-server: $schema={Path(rel).as_posix()}\n"


def render_draft(result: CheckResult, text_ref: str, path: Path | None = None) -> str:
    doc = draft_document(result, text_ref)
    head = ((modeline(path) if path is not None else "")
            + "# Draft claims written by `claimcheck check --draft`: values and attributions were read by machine.\n"
            "# Check each one against the article, fix attributed_to/via where the article credits someone else,\n"
            "# trim quotes to the words that carry the fact, delete what is wrong, then delete `status: draft`\n"
            "# (until then conflicts, report and check leave this source out).\n")
    return render_claim_file(doc, head)


def write_draft(result: CheckResult, path: Path, force: bool = False, codebook=None) -> list[Path]:
    """Write the draft (and, when the checked text is not the file's own, a copy of that text beside it).

    Files are replaced in one step each. Returns the paths written.
    """
    check_draft_target(path, force)
    written = []
    root = path.parent.resolve().parent  # the claim set's root, which article paths may not leave
    article = Path(result.path).resolve() if result.path is not None else None
    if article is not None and result.verbatim and article.is_relative_to(root):
        ref = os.path.relpath(article, path.parent.resolve())
    else:
        side = text_copy_path(path)
        write_atomic(side, result.text, "draft")
        written.append(side)
        ref = side.name
    write_atomic(path, render_draft(result, Path(ref).as_posix(), path), "draft")
    written.insert(0, path)
    return written
