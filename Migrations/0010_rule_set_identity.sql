-- A rule set's identity becomes the hash of its canonical text (the same rules read from a CSV
-- file or a workbook, in any row order, are one rule set), and each row records the hash of the
-- file it was read from. The code that runs after this file rehashes the rows already here.
ALTER TABLE rule_sets ADD COLUMN source_hash TEXT;
