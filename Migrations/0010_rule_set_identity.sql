-- A rule set's identity becomes the hash of its canonical text (the same rules read from a CSV
-- file or a workbook, in any row order, are one rule set): the code that runs after this file
-- rehashes the rows already here. Each projection generation records where its rules were read
-- from and the hash of that file's bytes, since one stored rule set may come from several files.
ALTER TABLE projections ADD COLUMN source TEXT;
ALTER TABLE projections ADD COLUMN source_hash TEXT;
UPDATE projections SET source = (SELECT source FROM rule_sets r WHERE r.id = projections.rule_set_id);
