"""The report as an SQLite database (standard library sqlite3), for SQL, sqlite-utils and Datasette users."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path

from .model import CELL_LABEL, CELL_MEANING, CELLS, MAJORITY_RULE, PROVENANCE_RULE, Report

SCHEMA = """
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
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
    changes_over_time INTEGER NOT NULL,
    quote_drift INTEGER NOT NULL
);
CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    topic TEXT NOT NULL REFERENCES groups(topic),
    position INTEGER NOT NULL,              -- 0-based, as in the JSON report's value_index
    display TEXT NOT NULL,
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
    PRIMARY KEY (source_id, topic)
);
CREATE TABLE summary (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
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
    db.execute("PRAGMA foreign_keys = ON")
    db.executescript(SCHEMA)
    db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?)",
                   [(s.id, s.outlet, s.title, _date(s.published), s.url, s.where.path) for s in report.sources])
    db.executemany("INSERT INTO cell_kinds VALUES (?, ?, ?)", [(k, CELL_LABEL[k], CELL_MEANING[k]) for k in CELLS])
    cluster_id: dict[tuple[str, int], int] = {}
    for pos, t in enumerate(report.topics):
        g = t.group
        db.execute("INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (t.name, pos, g.topic.type, g.topic.description, g.status, int(g.topic.changes_over_time), int(g.drift)))
        for i, cl in enumerate(g.clusters):
            cur = db.execute(
                "INSERT INTO clusters (topic, position, display, value, sources, independent_origins, merged_because)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (t.name, i, cl.display, json.dumps(cl.value, ensure_ascii=False), t.value_sources[i],
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
    names = [t.name for t in report.topics]
    db.executemany("INSERT INTO matrix VALUES (?, ?, ?)",
                   [(s.id, name, cell) for s, cells in report.rows() for name, cell in zip(names, cells)])
    db.executemany("INSERT INTO summary VALUES (?, ?)",
                   [*((k, str(v)) for k, v in report.summary.items()),
                    ("filters", json.dumps(report.filters, ensure_ascii=False)),
                    ("majority_rule", MAJORITY_RULE), ("provenance_rule", PROVENANCE_RULE)])
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
