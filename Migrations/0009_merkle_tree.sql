-- Tamper evidence (docs/proofs.md): a Merkle tree over the events with RFC 9162 hashing,
-- and the signed heads of that tree. After this SQL, code gives the ledger its id and
-- builds the tree of the events already there (Store/MigrationFiles.swift).

-- Who the ledger is: a random id made once, named in every tree head it signs.
CREATE TABLE ledger_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    ledger_id TEXT NOT NULL
);

-- Every complete subtree's root from level 3 up (8 events and more; smaller ones are hashed
-- from their events when needed): the node at level L, idx i covers the events at
-- positions i·2^L + 1 … (i + 1)·2^L.
CREATE TABLE merkle_nodes (
    level INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    hash BLOB NOT NULL,
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- The signed heads of the tree, one per size signed (after each ingest run and forget).
CREATE TABLE tree_heads (
    tree_size INTEGER PRIMARY KEY,
    root_hash BLOB NOT NULL,
    signed_at INTEGER NOT NULL,            -- microseconds since 1970, UTC
    signature BLOB NOT NULL,               -- Ed25519 over the head's signed text
    public_key BLOB NOT NULL               -- the raw Ed25519 key it was signed with
);

CREATE TRIGGER merkle_nodes_are_immutable_update BEFORE UPDATE ON merkle_nodes
BEGIN
    SELECT RAISE(ABORT, 'the Merkle tree is append-only: UPDATE is not allowed');
END;
CREATE TRIGGER merkle_nodes_are_immutable_delete BEFORE DELETE ON merkle_nodes
BEGIN
    SELECT RAISE(ABORT, 'the Merkle tree is append-only: DELETE is not allowed');
END;
