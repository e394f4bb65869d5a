-- Which application instance owns each incomplete event publication, and which instances are alive
-- (ADR 0017). Every connection of an instance carries its id as application_name, so a publication
-- row gets its owner from the connection that stored it; an instance that takes a publication over
-- (its owner's heartbeat lapsed) writes its own id. Other instances never resubmit a publication
-- whose owner is alive.
CREATE TABLE orderly_instances
(
  id           TEXT                     NOT NULL PRIMARY KEY,
  started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE event_publication ADD COLUMN owner TEXT DEFAULT NULLIF(current_setting('application_name'), '');

CREATE INDEX event_publication_owner_idx ON event_publication (owner);
