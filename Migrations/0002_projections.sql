-- The S-360 projection: per (organizer, ticket), generations swapped by replay. Frozen once shipped.

-- Every rule set a projection was ever built with, kept whole so inline updates
-- use exactly the rules of the live projection.
CREATE TABLE rule_sets (
    id INTEGER PRIMARY KEY,
    version TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,                  -- bundled version name or file path
    body TEXT NOT NULL,
    loaded_at INTEGER NOT NULL
);

CREATE TABLE projections (
    generation INTEGER PRIMARY KEY,
    rule_set_id INTEGER NOT NULL REFERENCES rule_sets (id),
    mode TEXT NOT NULL CHECK (mode IN ('history', 'lifecycle')),
    state TEXT NOT NULL CHECK (state IN ('building', 'live', 'retired')),
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX projections_one_live ON projections (state) WHERE state = 'live';

-- Each register (status, holder, beacon, extra info) is the (status_date, position)
-- of the observation that set it: the greatest wins, so folding is order-free.
CREATE TABLE ticket_states (
    generation INTEGER NOT NULL,
    organizer TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    rule_set_id INTEGER NOT NULL,
    tixngo_status TEXT,
    deletion_reason TEXT,
    family TEXT,
    s360_status TEXT NOT NULL,
    anomaly INTEGER NOT NULL,
    status_date INTEGER,
    status_position INTEGER,
    holder_date INTEGER,
    holder_position INTEGER,
    beacon_date INTEGER,
    beacon_position INTEGER,
    extra_date INTEGER,
    extra_position INTEGER,
    last_position INTEGER NOT NULL,
    PRIMARY KEY (generation, organizer, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_states_by_ticket ON ticket_states (ticket_id, generation);
