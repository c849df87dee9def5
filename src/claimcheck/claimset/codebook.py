"""The codebook (topics.yaml): read, checked, and made the model's Codebook, every problem at its line."""

from __future__ import annotations

import re
from pathlib import Path

from claimcheck.claimset import yamlread
from claimcheck.claimset.files import digest, signature
from claimcheck.claimset.reading import DEFAULT_MAX_BYTES, confine, decode, mapping, read_bytes_stat
from claimcheck.claimset.schema_fast import plain_codebook
from claimcheck.errors import Problem, UnreadableInput, ValidationFailed
from claimcheck.model import Codebook, Entity, Label, Topic

CODEBOOK_NAME = "topics.yaml"
_TOPIC_NAME = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


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
    text = decode(path, data, "codebook")
    doc = yamlread.parse(text, shown)
    data = mapping(doc, shown, "codebook")
    parsed = plain_codebook(data)
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
