-- Cultural contacts (DOMAIN.md §7, mapping 2023-04-03 in lifecycle mode), per projection generation.
-- Frozen once shipped.

-- One row per person (email digest). A contact is real ("cultural") from the earliest
-- TRANSFERRED that made them the owner, and never updated after; before that, a
-- PENDING_TRANSFER naming them as recipient makes a temporary "Pending CREATION" contact.
CREATE TABLE contacts (
    generation INTEGER NOT NULL,
    email_digest BLOB NOT NULL,
    cultural_date INTEGER,
    cultural_position INTEGER,             -- the event whose spectatorDetails are the contact's fields
    pending_date INTEGER,
    pending_position INTEGER,              -- the event whose pendingTransfer names the recipient
    PRIMARY KEY (generation, email_digest)
) WITHOUT ROWID;

-- The distribution history: one row per transfer of a ticket to a person.
CREATE TABLE distributions (
    generation INTEGER NOT NULL,
    organizer TEXT NOT NULL,
    ticket_id TEXT NOT NULL,
    opened_position INTEGER NOT NULL,      -- the PENDING_TRANSFER (or TRANSFERRED) that opened it
    email_digest BLOB NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'CANCELLED', 'CONFIRMED')),
    status_date INTEGER NOT NULL,
    status_position INTEGER NOT NULL,
    PRIMARY KEY (generation, organizer, ticket_id, opened_position)
) WITHOUT ROWID;
CREATE INDEX distributions_by_email ON distributions (generation, email_digest);
