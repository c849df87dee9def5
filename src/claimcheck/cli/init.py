"""`claimcheck init DIR`: a new claim set that validates at once, to edit into your own story.

It writes a commented codebook showing every value type, labels and compatible pairs, entities and
distinct pairs; one sample source with its article; a short README; the claim files' and the
codebook's JSON Schemas (so editors complete and check fields offline); and a pre-commit
configuration running claimcheck's hook. Every YAML file starts with the yaml-language-server
modeline naming its schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from claimcheck.errors import UsageError

#: claimcheck's pre-commit hook: .pre-commit-hooks.yaml in this repository holds exactly this (a test
#: checks it), and `init` writes the same hook into a new claim set's .pre-commit-config.yaml.
HOOK = {
    "id": "claimcheck-validate",
    "name": "claimcheck validate",
    "description": "Validate the claim sets that changed claim files, codebooks or articles belong to.",
    "entry": "claimcheck validate",
    "language": "python",
    "files": r"(^|/)(claims/[^/]+\.ya?ml|articles/[^/]+)$",
    "require_serial": True,
}

CODEBOOK = """\
# yaml-language-server: $schema=../schema/codebook.schema.json
# The codebook: every topic a claim may be about, how its values are typed and compared, and the
# entity knowledge comparisons rely on. `claimcheck validate` checks every claim file against it.
# Rename, delete and add topics for your story; the sample claims in example.yaml use these.

# Titles ignored when comparing names ("Chief Dana Whitfield" is "Dana Whitfield").
honorifics: [Chief, Mr., Ms., Dr.]

# Names that are one entity; the first is the one shown in output.
entities:
  - name: Dana Whitfield
    aliases: [D. Whitfield]

# Pairs of names that look alike but are different people (overrides fuzzy matching).
distinct:
  - [Dana Whitfield, Diana Whitfield]

topics:
  # A topic's name is subject.property in lower case: what it is about, and what is measured.
  collapse.date:
    type: date                     # 2026-03-02, a range "2026-03-01/2026-03-02", or a month "2026-03"
    description: The day the bridge collapsed.
    subject: [bridge]              # words naming what the topic is about (used by `check`)
    cues: [collapsed]              # words that signal the fact in an article (used by `check`)

  collapse.deaths:
    type: number                   # 3, or vague: dozens, "nearly 14", "10-12"
    description: How many people were killed in the collapse.
    unit: people                   # what is counted; shown after every value
    cues: [killed, killing, dead, died]
    # changes_over_time: true      # a toll that can be updated; then `direction: rising` makes a
    # direction: rising            # later, lower toll a conflict instead of a timeline step

  collapse.injured:
    type: number
    description: How many people were injured in the collapse.
    unit: people
    cues: [injured, injuring, wounded]

  rescue.leader:
    type: person                   # a name as written; aliases and honorifics are the codebook's business
    description: Who led the rescue work.
    cues: [led by, headed by]

  rescue.crews:
    type: list                     # a list of names: [Riverton, Eastbrook]
    description: The towns whose crews took part in the rescue.
    cues: [crews from]

  collapse.cause:
    type: label                    # one of the labels below
    description: What caused the collapse, as the article states it.
    changes_over_time: true        # a state that can change: compared per as_of date, a change is no conflict
    labels:
      under_investigation:
        definition: The cause is not established and is being investigated.
        cues: [under investigation, being investigated]
      structural_failure:
        definition: The bridge failed through its own weakness (cracks, corrosion, design).
        cues: [cracks, corrosion]
      overload:
        definition: A load heavier than the bridge was built for brought it down.
        cues: [overloaded, too heavy]
    compatible:                    # pairs of labels that partly agree
      - [structural_failure, overload]

  collapse.time:
    type: time                     # a time of day: "18:40", "6:40 p.m.", "around 7 p.m.", "13:39 UTC"
    description: When the bridge collapsed, as a time of day.
    cues: [collapsed]

  chief.statement:
    type: text                     # a wording, e.g. a quoted sentence
    description: What the fire chief said about the search.
    cues: [said]
"""

ARTICLE = """\
Bridge collapse in Riverton: what we know
March 3, 2026

RIVERTON (Example Wire) - Part of the Old Mill bridge collapsed on Monday evening, killing 3 people and injuring 12, the city's fire chief, Dana Whitfield, said.

Rescue work was led by fire chief Dana Whitfield. Crews from Riverton and Eastbrook searched the river until midnight.

"We will not stop until everyone is accounted for," Whitfield said.

The bridge had been closed to lorries since 2024 after an inspection found cracks, according to the city council.

Officials said the cause is still under investigation.

(This article is a sample written by `claimcheck init`; replace it with the articles of your story.)
"""

SOURCE = """\
# yaml-language-server: $schema=../schema/claims.schema.json
# One claim file per source (article). Replace this sample with your own: each claim is one fact,
# with the article's words verbatim in `quote` and whom the article credits in `attributed_to`.
id: example-wire-2026-03-03
outlet: Example Wire
title: "Bridge collapse in Riverton: what we know"
published: 2026-03-03
url: null
text: ../articles/example-wire-2026-03-03.txt
note: A sample source written by `claimcheck init`.
claims:
  - topic: collapse.date
    value: 2026-03-02
    quote: Part of the Old Mill bridge collapsed on Monday evening
    note: "'on Monday' counted from the publication date 2026-03-03, a Tuesday."

  - topic: collapse.deaths
    value: 3
    quote: "killing 3 people and injuring 12, the city's fire chief, Dana Whitfield, said."
    attributed_to: Dana Whitfield

  - topic: collapse.injured
    value: 12
    quote: "killing 3 people and injuring 12, the city's fire chief, Dana Whitfield, said."
    attributed_to: Dana Whitfield

  - topic: rescue.leader
    value: Dana Whitfield
    quote: Rescue work was led by fire chief Dana Whitfield.

  - topic: rescue.crews
    value: [Riverton, Eastbrook]
    quote: Crews from Riverton and Eastbrook searched the river until midnight.

  - topic: collapse.cause
    value: under_investigation
    quote: Officials said the cause is still under investigation.
    attributed_to: officials

  - topic: chief.statement
    value: We will not stop until everyone is accounted for
    quote: "\\"We will not stop until everyone is accounted for,\\" Whitfield said."
    attributed_to: Dana Whitfield
"""

README = """\
# {name}: a claim set for claimcheck

Each article of the story is a file in `articles/`; each source's claims are a YAML file in
`claims/`, checked against the codebook `claims/topics.yaml`. The sample files show the format:
replace them with your own.

```sh
claimcheck validate                                  # every claim file, codebook and quote (run from this folder)
claimcheck check articles/NEW.txt --draft claims/NEW.yaml   # a new article: what it supports or contradicts, and a draft
claimcheck conflicts                                 # where the sources agree, partly agree or conflict
claimcheck report -o report.html                     # a report to share
```

A draft written by `check --draft` is marked `status: draft` and left out of `conflicts`, `report`
and `check` until you have reviewed it and deleted that line.

`schema/` holds the JSON Schemas of claim files and of the codebook (`claimcheck schema claims`,
`claimcheck schema codebook`): editors with the YAML language server complete and check fields
through the modeline at the top of each file. `.pre-commit-config.yaml` runs `claimcheck validate`
before every commit that changes a claim file, the codebook or an article
(`pip install pre-commit && pre-commit install`, in a git repository).
"""


def precommit_config() -> str:
    """A .pre-commit-config.yaml running claimcheck's hook with the claimcheck installed here."""
    hook = {**HOOK, "language": "system"}
    lines = [
        "# yaml-language-server: $schema=https://json.schemastore.org/pre-commit-config.json",
        "# Runs claimcheck's hook (the one in claimcheck's .pre-commit-hooks.yaml) before each commit that",
        "# changes a claim file, the codebook or an article, with the claimcheck on your PATH. To let",
        "# pre-commit install claimcheck itself instead, replace `repo: local` and the hook below with",
        "#   - repo: <claimcheck's git repository>",
        "#     rev: <a tag, e.g. v0.1.0>",
        "#     hooks: [{id: claimcheck-validate}]",
        "repos:",
        "  - repo: local",
        "    hooks:",
    ]
    for i, (key, value) in enumerate(hook.items()):
        shown = "true" if value is True else (f"'{value}'" if key == "files" else value)
        lines.append(f"      {'- ' if i == 0 else '  '}{key}: {shown}")
    return "\n".join(lines) + "\n"


def files(name: str) -> dict[str, str]:
    """What `init` writes, by path relative to the new folder."""
    from claimcheck.claimset.schema import json_schema

    return {
        "claims/topics.yaml": CODEBOOK,
        "claims/example-wire-2026-03-03.yaml": SOURCE,
        "articles/example-wire-2026-03-03.txt": ARTICLE,
        "schema/claims.schema.json": json.dumps(json_schema("claims"), indent=2, ensure_ascii=False) + "\n",
        "schema/codebook.schema.json": json.dumps(json_schema("codebook"), indent=2, ensure_ascii=False) + "\n",
        "README.md": README.format(name=name),
        ".pre-commit-config.yaml": precommit_config(),
    }


def init(folder: Path) -> list[Path]:
    """Write a new claim set into `folder` (created; it must not exist or be empty). Returns the paths written."""
    from claimcheck.output.atomic import write_atomic

    if folder.exists() and not folder.is_dir():
        raise UsageError(folder, "exists and is not a folder; name a new folder for the claim set")
    if folder.is_dir() and any(folder.iterdir()):
        raise UsageError(folder, "is not empty; name a new folder, so that nothing of yours is overwritten")
    written = []
    name = folder.resolve().name or "story"
    try:
        for rel, text in files(name).items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, text, "file")
            written.append(path)
    except OSError as exc:
        raise UsageError(folder, f"cannot write the claim set: {exc.strerror or exc}") from None
    return written
