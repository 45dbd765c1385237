-- Finding a person's observations (tickets --holder-email, history --holder-email,
-- subject-access) through their key, without opening any sealed data: the events each
-- person key sealed, as holder and as a transfer's recipient. Partial, so the events
-- without personal data (most of them) cost nothing here. Frozen once shipped.
CREATE INDEX events_by_holder_key ON events (holder_key) WHERE holder_key IS NOT NULL;
CREATE INDEX events_by_recipient_key ON events (recipient_key) WHERE recipient_key IS NOT NULL;
CREATE INDEX rejected_items_by_personal_key ON rejected_items (personal_key) WHERE personal_key IS NOT NULL;
