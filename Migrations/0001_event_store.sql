-- The event store: immutable observations, their personal data sealed apart,
-- and the items that could not be observations. Frozen once shipped.

-- One row: the ledger's secret for content keys and email digests (HMAC-SHA256 keys).
CREATE TABLE ledger_secret (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    secret BLOB NOT NULL
);

-- One key per person (by email digest); forget sets key to NULL, which makes every
-- byte sealed under it unreadable without touching the events.
CREATE TABLE person_keys (
    id INTEGER PRIMARY KEY,
    email_digest BLOB NOT NULL,            -- HMAC of the email, or of the content when it has none
    by_email INTEGER NOT NULL,             -- 1 when email_digest identifies a person by email
    key BLOB,
    created_at INTEGER NOT NULL,
    erased_at INTEGER
);
CREATE INDEX person_keys_by_email ON person_keys (email_digest);

CREATE TABLE events (
    position INTEGER PRIMARY KEY,          -- gapless, in commit order
    organizer TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    status_date INTEGER NOT NULL,          -- microseconds since 1970, UTC
    ingested_at INTEGER NOT NULL,          -- microseconds since 1970, UTC
    source_kind TEXT NOT NULL CHECK (source_kind IN ('file', 'api')),
    source_ref TEXT NOT NULL,              -- file path, or the pagination key that fetched the page
    source_item INTEGER NOT NULL,          -- line of the file, or 1-based index in the page
    status TEXT,                           -- lifecycle shape
    legacy_status TEXT,                    -- history shape
    action TEXT,
    state TEXT,
    deletion_reason TEXT,
    has_beacon INTEGER NOT NULL,
    has_extra_info INTEGER NOT NULL,
    body TEXT NOT NULL,                    -- the item as received without its personal members, canonical JSON
    holder_key INTEGER,                    -- person_keys.id sealing holder_data
    holder_data BLOB,                      -- spectatorDetails, AES-GCM
    recipient_key INTEGER,
    recipient_data BLOB,                   -- pendingTransfer, AES-GCM
    content_key BLOB NOT NULL,             -- HMAC of the item's canonical form (16 bytes)
    chain_hash BLOB NOT NULL               -- SHA-256 over the previous hash and this row
);
CREATE UNIQUE INDEX events_by_content_key ON events (content_key);
CREATE INDEX events_by_ticket ON events (ticket_id, organizer);

CREATE TRIGGER events_are_immutable_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are immutable: UPDATE is not allowed');
END;
CREATE TRIGGER events_are_immutable_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are immutable: DELETE is not allowed');
END;

-- Items that could not be observations, each kept once with its reason.
CREATE TABLE rejected_items (
    id INTEGER PRIMARY KEY,
    organizer TEXT NOT NULL,
    content_key BLOB NOT NULL UNIQUE,
    reason TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    source_ref TEXT NOT NULL,
    source_item INTEGER NOT NULL,
    rejected_at INTEGER NOT NULL,
    body TEXT NOT NULL,                    -- only its ticketId, statusDate and status, when they are strings
    personal_key INTEGER,
    personal_data BLOB                     -- the whole item (canonical JSON, cut to 64 KiB), sealed
);

-- The TIXnGO cursor per organizer, committed with the page it follows.
CREATE TABLE ingest_cursors (
    organizer TEXT PRIMARY KEY,
    pagination_key TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
