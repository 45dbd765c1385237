-- The estate's copy of many ledgers (`ticket-ledger publish`): every ledger's events with
-- every column (personal members sealed, never opened: the keys stay with the ledger), its
-- rejected items, its run journal, and its live projection's non-personal columns.
-- A ledger is named by the id it was given at creation (`digest --json` shows it).
-- The copied tables have no foreign keys: `publish` registers a ledger before any row of it,
-- and a per-row check was a third of an events COPY (docs/design.md).

CREATE TABLE ledgers (
    ledger_id TEXT PRIMARY KEY,
    events_through BIGINT NOT NULL DEFAULT 0,     -- the cursor: every event up to this position is here
    rejected_through BIGINT NOT NULL DEFAULT 0,   -- every rejected item up to this id is here
    runs_through BIGINT NOT NULL DEFAULT 0,       -- every run up to this id is here (unfinished ones are refreshed)
    live_generation BIGINT,                       -- the projection generation ticket_current shows
    first_published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The columns of the ledger's events table, as stored; the chain hash makes the copy checkable on its own.
CREATE TABLE events (
    ledger_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    organizer TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    status_date BIGINT NOT NULL,                  -- microseconds since 1970, UTC
    ingested_at BIGINT NOT NULL,
    source_kind TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    source_item BIGINT NOT NULL,
    status TEXT,
    legacy_status TEXT,
    action TEXT,
    state TEXT,
    deletion_reason TEXT,
    has_beacon BIGINT NOT NULL,
    has_extra_info BIGINT NOT NULL,
    body TEXT NOT NULL,                           -- the item without its personal members, canonical JSON
    holder_key BIGINT,                            -- the ledger's person key id: the key itself never leaves the ledger
    holder_data BYTEA,                            -- sealed (AES-GCM)
    recipient_key BIGINT,
    recipient_data BYTEA,
    content_key BYTEA NOT NULL,
    chain_hash BYTEA NOT NULL,
    PRIMARY KEY (ledger_id, position)
);
CREATE INDEX events_by_ticket ON events (ledger_id, ticket_id);

CREATE FUNCTION events_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'events are immutable: % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER events_are_immutable BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_are_immutable();

CREATE TABLE rejected_items (
    ledger_id TEXT NOT NULL,
    id BIGINT NOT NULL,
    organizer TEXT NOT NULL,
    content_key BYTEA NOT NULL,
    reason TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    source_item BIGINT NOT NULL,
    rejected_at BIGINT NOT NULL,
    body TEXT NOT NULL,
    personal_key BIGINT,
    personal_data BYTEA,                          -- sealed
    PRIMARY KEY (ledger_id, id)
);

CREATE TABLE ingest_runs (
    ledger_id TEXT NOT NULL,
    id BIGINT NOT NULL,
    organizer TEXT NOT NULL,
    source TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    pages BIGINT NOT NULL,
    received BIGINT NOT NULL,
    appended BIGINT NOT NULL,
    duplicates BIGINT NOT NULL,
    skipped BIGINT NOT NULL,
    rejected BIGINT NOT NULL,
    pagination_key_before TEXT,
    pagination_key_after TEXT,
    outcome TEXT,
    error TEXT,
    PRIMARY KEY (ledger_id, id)
);

-- A projection generation of a ledger: the rules its ticket states were built with.
CREATE TABLE projection_generations (
    ledger_id TEXT NOT NULL,
    generation BIGINT NOT NULL,
    mapping_version TEXT NOT NULL,
    mode TEXT NOT NULL,
    PRIMARY KEY (ledger_id, generation)
);

-- The non-personal columns of a generation's ticket states; the holder is a position in events.
CREATE TABLE ticket_states (
    ledger_id TEXT NOT NULL,
    generation BIGINT NOT NULL,
    organizer TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    s360_status TEXT NOT NULL,
    tixngo_status TEXT,
    family TEXT,
    deletion_reason TEXT,
    anomaly BOOLEAN NOT NULL,
    status_date BIGINT,
    holder_position BIGINT,
    last_position BIGINT NOT NULL,
    PRIMARY KEY (ledger_id, generation, organizer, ticket_id)
);

-- What readers query: each ledger's live generation, swapped in one transaction after a replay.
CREATE VIEW ticket_current AS
SELECT s.ledger_id, s.organizer, s.ticket_id, s.s360_status, s.tixngo_status, s.family, s.deletion_reason,
       s.anomaly, s.status_date, s.holder_position, s.last_position, g.mapping_version, g.mode
FROM ticket_states s
JOIN ledgers l ON l.ledger_id = s.ledger_id AND l.live_generation = s.generation
JOIN projection_generations g ON g.ledger_id = s.ledger_id AND g.generation = s.generation;
