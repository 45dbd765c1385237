-- ticket_states_by_ticket (ticket_id, generation) serves no query: every read of
-- ticket_states starts with the generation, the primary key's prefix. Each new ticket
-- paid one more random-key B-tree insert for it, at ingest and at replay. Frozen once shipped.
DROP INDEX ticket_states_by_ticket;
