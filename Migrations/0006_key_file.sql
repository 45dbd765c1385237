-- Keys out of the file: the ledger secret and every person key are stored only wrapped
-- (AES-256-GCM) under the key-encryption key of a key file kept apart from the ledger
-- (docs/design.md, "Keys outside the ledger"). After this SQL, code wraps the keys an
-- older ledger holds in clear (Store/MigrationFiles.swift); 0007 drops the clear columns.

CREATE TABLE key_encryption (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    key_id TEXT NOT NULL,                  -- names the key file's key (hex of a SHA-256 prefix), never the key
    wrapped_secret BLOB NOT NULL           -- the ledger secret, wrapped under that key
);

-- The person key wrapped under the key file's key; NULL once forget erased it.
ALTER TABLE person_keys ADD COLUMN wrapped_key BLOB;
