-- The run journal: one row per ingest run, written in the same transactions as its pages
-- (docs/design.md, "The run journal"). A run killed part-way keeps its row with no outcome:
-- readers call it interrupted once no process holds its organizer's ingest lock.
CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    organizer TEXT NOT NULL,
    source TEXT NOT NULL,                       -- the file path, or the TIXnGO URL (never the API key)
    started_at INTEGER NOT NULL,                -- microseconds since 1970-01-01T00:00:00Z
    finished_at INTEGER,                        -- NULL while running, and for an interrupted run
    pages INTEGER NOT NULL DEFAULT 0,
    received INTEGER NOT NULL DEFAULT 0,
    appended INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    pagination_key_before TEXT,
    pagination_key_after TEXT,
    outcome TEXT CHECK (outcome IN ('ok', 'failed')),
    error TEXT
);
CREATE INDEX ingest_runs_by_organizer ON ingest_runs (organizer, id);
