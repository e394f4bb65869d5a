DROP TRIGGER events_append_only ON audit.events;
DROP FUNCTION audit.refuse_update();
DROP TABLE audit.events;
