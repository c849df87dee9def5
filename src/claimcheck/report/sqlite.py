"""The report as an SQLite database (standard library sqlite3), for SQL, sqlite-utils and Datasette users.

Quotes and notes are indexed for full-text search (FTS5, in the layout sqlite-utils and Datasette look
for: `claims_fts`, content from `claims`), and a Datasette metadata file is written beside the
database (`companions`): title, description, source, licence, and what each column holds.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from claimcheck.report.model import CELL_LABEL, CELL_MEANING, CELLS, MATRIX_RULE, PROVENANCE_RULE, Report, source_name

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,                     -- the outlet, or 'unknown outlet (<id>)': what Datasette labels a source by
    outlet TEXT NOT NULL,
    title TEXT,
    published TEXT,
    url TEXT,
    file TEXT NOT NULL
);
CREATE TABLE groups (
    topic TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,       -- report order: conflicts first
    type TEXT NOT NULL,
    description TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('conflict', 'partial', 'agree', 'single')),
    unit TEXT,                              -- what a number topic counts ('members', 'km'); NULL otherwise
    changes_over_time INTEGER NOT NULL,
    quote_drift INTEGER NOT NULL
);
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    topic TEXT NOT NULL REFERENCES groups(topic),
    position INTEGER NOT NULL,              -- 0-based, as in the JSON report's value_index
    display TEXT NOT NULL,
    shown TEXT NOT NULL,                    -- display with the topic's unit, as the other reports show it
    unit TEXT,
    value TEXT NOT NULL,                    -- the typed value as JSON
    sources INTEGER NOT NULL,
    independent_origins INTEGER NOT NULL,
    merged_because TEXT NOT NULL,           -- JSON list of reasons spellings were merged
    UNIQUE (topic, position)
);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    source_id TEXT NOT NULL REFERENCES sources(id),
    topic TEXT NOT NULL REFERENCES groups(topic),
    cluster_id INTEGER NOT NULL REFERENCES clusters(id),
    quote TEXT NOT NULL,
    attributed_to TEXT NOT NULL,
    via TEXT,
    origin TEXT NOT NULL,
    origin_key TEXT NOT NULL,               -- the origin as its value's provenance counts it: aliases the codebook declares are one
    own_voice INTEGER NOT NULL,
    hedge TEXT,
    as_of TEXT,
    note TEXT,
    file TEXT NOT NULL,
    line INTEGER
);
CREATE TABLE relations (
    cluster_a INTEGER NOT NULL REFERENCES clusters(id),
    cluster_b INTEGER NOT NULL REFERENCES clusters(id),
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    similarity REAL,
    PRIMARY KEY (cluster_a, cluster_b)
);
CREATE TABLE majorities (
    topic TEXT NOT NULL REFERENCES groups(topic),
    as_of TEXT,                             -- NULL unless the topic changes over time
    cluster_id INTEGER REFERENCES clusters(id),  -- NULL when the top values tie
    sources INTEGER NOT NULL
);
CREATE TABLE cell_kinds (
    kind TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    meaning TEXT NOT NULL
);
CREATE TABLE matrix (
    source_id TEXT NOT NULL REFERENCES sources(id),
    topic TEXT NOT NULL REFERENCES groups(topic),
    cell TEXT NOT NULL REFERENCES cell_kinds(kind),
    shown TEXT NOT NULL,                    -- the values the source gives, with the unit ('' when silent)
    PRIMARY KEY (source_id, topic)
);
CREATE TABLE summary (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE VIRTUAL TABLE claims_fts USING fts5(quote, note, content="claims");
CREATE INDEX claims_source ON claims(source_id);
CREATE INDEX claims_topic ON claims(topic);
CREATE INDEX claims_cluster ON claims(cluster_id);
CREATE INDEX matrix_topic ON matrix(topic, cell);
CREATE VIEW origins AS
    SELECT cl.topic, cl.position, cl.display, c.origin_key AS origin,
           count(DISTINCT c.source_id) AS sources, group_concat(DISTINCT c.source_id) AS source_ids
    FROM claims c JOIN clusters cl ON cl.id = c.cluster_id
    GROUP BY cl.id, c.origin_key;
"""


def _date(d) -> str | None:
    return d.isoformat() if d else None


def _fill(db: sqlite3.Connection, report: Report) -> None:
    run = report.run
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(s.id, source_name(s) or f"unknown outlet ({s.id})", s.outlet, s.title, _date(s.published), s.url,
                     s.where.path) for s in report.sources])
    db.executemany("INSERT INTO cell_kinds VALUES (?, ?, ?)", [(k, CELL_LABEL[k], CELL_MEANING[k]) for k in CELLS])
    cluster_id: dict[tuple[str, int], int] = {}
    for pos, t in enumerate(report.topics):
        g = t.group
        db.execute("INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (t.name, pos, g.topic.type, g.topic.description, g.status, t.unit, int(g.topic.changes_over_time),
                    int(g.drift)))
        for i, cl in enumerate(g.clusters):
            cur = db.execute(
                "INSERT INTO clusters (topic, position, display, shown, unit, value, sources, independent_origins,"
                " merged_because) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (t.name, i, cl.display, t.shown(i), t.unit, json.dumps(cl.value, ensure_ascii=False), t.value_sources[i],
                 t.provenance[i].independent, json.dumps(list(cl.merged), ensure_ascii=False)))
            cluster_id[(t.name, i)] = cur.lastrowid
        db.executemany("INSERT INTO relations VALUES (?, ?, ?, ?, ?)",
                       [(cluster_id[(t.name, p.a)], cluster_id[(t.name, p.b)], p.relation.kind, p.relation.reason,
                         p.relation.similarity) for p in g.pairs])
        db.executemany("INSERT INTO majorities VALUES (?, ?, ?, ?)",
                       [(t.name, _date(m.as_of), cluster_id[(t.name, m.cluster)] if m.cluster is not None else None,
                         m.sources) for m in t.majority])
    db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [(c.id, c.source_id, t.name, cluster_id[(t.name, i)], c.quote, c.attributed_to, c.via, c.origin,
                     report.origin_of(t, i, c), int(c.own_voice), c.hedge, _date(c.as_of), c.note, c.where.path, c.where.line)
                    for t, i, c in report.claims()])
    db.execute("INSERT INTO claims_fts (rowid, quote, note) SELECT rowid, quote, note FROM claims")
    db.executemany("INSERT INTO matrix VALUES (?, ?, ?, ?)",
                   [(s.id, t.name, t.cell(s.id), t.cell_text(s.id)) for s in report.sources for t in report.topics])
    db.executemany("INSERT INTO summary VALUES (?, ?)",
                   [*((k, str(v)) for k, v in report.summary.items()),
                    ("filters", json.dumps(report.filters, ensure_ascii=False)),
                    ("matrix_rule", MATRIX_RULE), ("provenance_rule", PROVENANCE_RULE),
                    ("title", run.title), ("generated_at", run.generated_at or ""),
                    ("revision", (run.revision or "") + (f" ({run.revision_note})" if run.revision_note else "")),
                    ("tool", run.tool)])
    db.commit()


def render(report: Report) -> bytes:
    """The database file's bytes, built in memory."""
    db = sqlite3.connect(":memory:")
    try:
        _fill(db, report)
        if hasattr(db, "serialize"):  # Python 3.11+
            return db.serialize()
        with tempfile.TemporaryDirectory() as tmp:  # pragma: no cover - Python 3.10
            path = Path(tmp) / "report.sqlite"
            out = sqlite3.connect(path)
            db.backup(out)
            out.close()
            return path.read_bytes()
    finally:
        db.close()


COLUMNS = {
    "sources": ("One row per source (article) of the claim set.", {
        "id": "The source's id, as in its claim file.",
        "name": "The outlet, or 'unknown outlet (<id>)' when the claim file does not name one: the source's label.",
        "outlet": "The outlet as the claim file gives it ('unknown' when the article does not reveal it).",
        "title": "The article's headline, if known.",
        "published": "Publication date (ISO 8601), stated or inferred (see the claim file's note).",
        "url": "The article's address, if known; metadata only, never fetched.",
        "file": "The claim file, relative to where the report was made.",
    }),
    "groups": ("One row per topic shown: its status across sources.", {
        "topic": "The codebook's topic name.",
        "position": "Report order: conflicts first.",
        "type": "Value type: person, number, date, list, label or text.",
        "description": "What the topic measures, from the codebook.",
        "status": "conflict, partial, agree or single (one source).",
        "unit": "What a number topic counts, from the codebook{units}; NULL for other topics.",
        "changes_over_time": "1 when the value is a state compared per date (as_of), else 0.",
        "quote_drift": "1 when the values are one speaker quoted in different words.",
    }),
    "clusters": ("One row per distinct value of a topic, and how many sources give it.", {
        "topic": "The topic.",
        "position": "0-based index of the value in its topic (the JSON report's value_index).",
        "display": "The value as text, without its unit.",
        "shown": "The value with its unit, as the other report formats show it.",
        "unit": "The topic's unit (see groups.unit), repeated here so a value reads alone.",
        "value": "The typed value as JSON (numbers as low/high ranges, dates as ISO spans).",
        "sources": "How many sources give the value (a source counts once).",
        "independent_origins": "Distinct outlets or speakers the value's claims credit.",
        "merged_because": "JSON list of why spelling variants were merged into this value.",
    }),
    "claims": ("One row per claim: a source's verbatim quote of one value, with whom it credits. "
               "Quotes and notes are searchable (claims_fts).", {
        "id": "The claim's id (<source id>#<position in its file>).",
        "source_id": "The source making the claim.",
        "topic": "The topic.",
        "cluster_id": "The value (clusters.id).",
        "quote": "The article's words, verbatim; '...' marks an omission, [brackets] an insertion.",
        "attributed_to": "Whom the article credits; the source itself for its own reporting.",
        "via": "The outlet a speaker was reported through, if any.",
        "origin": "via, else attributed_to: where the fact first came from.",
        "own_voice": "1 when the article states it without crediting anyone.",
        "hedge": "The hedging words ('reportedly'), if any.",
        "as_of": "The date the claim speaks for (ISO 8601); defaults to the publication date.",
        "note": "The curator's note: how a date was counted, why a value reads as it does.",
        "file": "The claim file.",
        "line": "The claim's line in its file.",
    }),
    "relations": ("How two values of a topic relate, and why the tool thinks so.", {
        "cluster_a": "One value (clusters.id).", "cluster_b": "The other value.",
        "kind": "same, compatible, different or drift.", "reason": "Why, in words.",
        "similarity": "A 0-1 score where one decided or hints; NULL otherwise (no unit).",
    }),
    "majorities": ("The majority value of each topic (per date for facts that change over time).", {
        "topic": "The topic.", "as_of": "The date, for facts that change over time; NULL otherwise.",
        "cluster_id": "The majority value; NULL when the top values tie.",
        "sources": "How many sources give the top value.",
    }),
    "matrix": ("One row per source and topic: the source's matrix cell.", {
        "source_id": "The source.", "topic": "The topic.",
        "cell": "How the source's values stand against the others' (cell_kinds).",
        "shown": "The values the source gives, with the unit; empty when it is silent.",
    }),
    "cell_kinds": ("What each matrix cell means.", {
        "kind": "The cell's name.", "label": "As the reports label it.", "meaning": "What it says about the source.",
    }),
    "summary": ("Counts, filters, rules and the report's identity (title, generated_at, revision, tool).", {
        "key": "What the row gives.", "value": "Its value, as text.",
    }),
}


def metadata(report: Report, database: str) -> dict:
    """Datasette's metadata for the database named `database` (the file's name without its extension)."""
    run = report.run
    units = "; ".join(f"{t.name}: {t.unit}" for t in report.topics if t.unit)
    tables = {}
    for table, (description, columns) in COLUMNS.items():
        cols = {k: v.format(units=f" ({units})" if units else "") for k, v in columns.items()}
        tables[table] = {"description": description, "columns": cols}
    tables["sources"]["label_column"] = "name"
    tables["groups"]["label_column"] = "topic"
    tables["clusters"]["label_column"] = "shown"
    tables["claims"].update({"fts_table": "claims_fts", "fts_pk": "rowid", "searchmode": "escaped"})
    s = report.summary
    return {
        "title": run.title,
        "description": (f"What {s['sources']} sources claim about one event: {s['claims']} claims on {s['topics']} "
                        f"topics ({s['conflict']} conflict, {s['partial']} partly agree, {s['agree']} agree, "
                        f"{s['single']} single source). Generated {run.generated_at or 'at an unknown time'} by "
                        f"{run.tool or 'claimcheck'}."),
        "source": f"claim set {run.revision or 'of unknown revision'}"
                  + (f" ({run.revision_note})" if run.revision_note else ""),
        "license": run.licence or "Not stated. Quotes are the articles' own words, under their publishers' terms.",
        "databases": {database: {"description": f"claimcheck report: {run.title}", "tables": tables}},
    }


def companions(report: Report, output: Path) -> dict[Path, str]:
    """The Datasette metadata file written beside the database: report.sqlite -> report.metadata.json."""
    path = output.with_name(output.stem + ".metadata.json")
    return {path: json.dumps(metadata(report, output.stem), ensure_ascii=False, indent=2) + "\n"}
