-- The audit trail (docs/adr/0039): one row per security-relevant or administrative action, written
-- by the module's event listeners, read by administrators, deleted only by the retention job.
CREATE TABLE audit.events (
    id          uuid PRIMARY KEY,
    -- what makes a redelivered event a no-op: the event's type and its natural identity
    event_key   varchar(200) NOT NULL UNIQUE,
    action      varchar(64)  NOT NULL,
    actor_id    uuid,
    target_type varchar(32)  NOT NULL,
    target_id   varchar(64)  NOT NULL,
    before      jsonb,
    after       jsonb,
    request_id  varchar(64),
    occurred_at timestamptz  NOT NULL,
    recorded_at timestamptz  NOT NULL
);

-- Keyset pages, newest first, alone or by one filter; retention deletes by occurred_at.
CREATE INDEX events_occurred_idx ON audit.events (occurred_at DESC, id DESC);
CREATE INDEX events_actor_idx ON audit.events (actor_id, occurred_at DESC, id DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX events_target_idx ON audit.events (target_id, occurred_at DESC, id DESC);
CREATE INDEX events_action_idx ON audit.events (action, occurred_at DESC, id DESC);

-- Append-only: a row is never changed, by the application or anybody else with its role.
CREATE FUNCTION audit.refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.events is append-only: rows are never updated';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE ON audit.events
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_update();
