-- The bare app's own outbox (run at its start, spring.sql.init.mode=always): the shape and the
-- indexes of Spring Modulith's event_publication in Orderly's database, so an insert costs the same,
-- but a table of its own so that Orderly's publication registry never sees the bare app's rows.
CREATE SCHEMA IF NOT EXISTS baseline;
CREATE TABLE IF NOT EXISTS baseline.outbox
(
  id                     UUID NOT NULL,
  listener_id            TEXT NOT NULL,
  event_type             TEXT NOT NULL,
  serialized_event       TEXT NOT NULL,
  publication_date       TIMESTAMP WITH TIME ZONE NOT NULL,
  completion_date        TIMESTAMP WITH TIME ZONE,
  status                 TEXT,
  completion_attempts    INT,
  last_resubmission_date TIMESTAMP WITH TIME ZONE,
  owner                  TEXT DEFAULT NULLIF(current_setting('application_name'), ''),
  PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS outbox_serialized_event_hash_idx ON baseline.outbox USING hash (serialized_event);
CREATE INDEX IF NOT EXISTS outbox_completion_date_idx ON baseline.outbox (completion_date);
CREATE INDEX IF NOT EXISTS outbox_owner_idx ON baseline.outbox (owner);
