-- The clear keys are gone (0006 wrapped them): drop their table and column, so no
-- reader of the file, however it reads it, finds a place where a key could be.
DROP TABLE ledger_secret;
ALTER TABLE person_keys DROP COLUMN key;
