-- Views for the sqlite3 shell, Datasette and other SQLite tools: the live S-360 view and
-- every observation, with times as ISO 8601 text (UTC, as the CLI prints them), and no
-- personal data nor key material (no sealed member, no body, no key table).
-- docs/operations.md, "Looking with SQLite tools".

CREATE VIEW ticket_current AS
SELECT s.organizer,
       s.ticket_id,
       s.s360_status,
       s.tixngo_status,
       s.family,
       CASE WHEN s.status_date IS NULL THEN NULL ELSE
           strftime('%Y-%m-%dT%H:%M:%S', s.status_date / 1000000, 'unixepoch')
           || CASE WHEN s.status_date % 1000000 = 0 THEN '' ELSE '.' || rtrim(printf('%06d', s.status_date % 1000000), '0') END
           || 'Z' END AS status_time,
       r.version AS mapping_version
FROM ticket_states s
JOIN projections p ON p.generation = s.generation AND p.state = 'live'
JOIN rule_sets r ON r.id = p.rule_set_id;

CREATE VIEW ticket_events AS
SELECT position,
       organizer,
       ticket_id,
       strftime('%Y-%m-%dT%H:%M:%S', status_date / 1000000, 'unixepoch')
           || CASE WHEN status_date % 1000000 = 0 THEN '' ELSE '.' || rtrim(printf('%06d', status_date % 1000000), '0') END
           || 'Z' AS status_time,
       strftime('%Y-%m-%dT%H:%M:%S', ingested_at / 1000000, 'unixepoch')
           || CASE WHEN ingested_at % 1000000 = 0 THEN '' ELSE '.' || rtrim(printf('%06d', ingested_at % 1000000), '0') END
           || 'Z' AS ingested_time,
       status,
       legacy_status,
       action,
       state,
       deletion_reason,
       source_kind,
       source_ref,
       source_item
FROM events;
