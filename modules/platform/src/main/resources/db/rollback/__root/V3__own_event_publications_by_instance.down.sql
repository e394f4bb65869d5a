DROP INDEX event_publication_owner_idx;
ALTER TABLE event_publication DROP COLUMN owner;
DROP TABLE orderly_instances;
