-- The receivers integration partners registered (administrators manage them). secret signs every
-- delivery (Standard Webhooks: whsec_ + base64); after a rotation previous_secret signs too until
-- previous_secret_expires_at. failing_since is the start of the current run of failed attempts
-- (null after a success): an endpoint failing longer than the retry window is disabled.
CREATE TABLE webhooks.endpoints
(
  id                         UUID        NOT NULL PRIMARY KEY,
  url                        TEXT        NOT NULL,
  description                TEXT,
  event_types                TEXT[]      NOT NULL,
  enabled                    BOOLEAN     NOT NULL,
  disabled_reason            TEXT,
  secret                     TEXT        NOT NULL,
  previous_secret            TEXT,
  previous_secret_expires_at TIMESTAMPTZ,
  failing_since              TIMESTAMPTZ,
  created_at                 TIMESTAMPTZ NOT NULL,
  updated_at                 TIMESTAMPTZ NOT NULL
);

CREATE INDEX endpoints_keyset ON webhooks.endpoints (created_at DESC, id DESC);

-- The outbox: one row per event and subscribed endpoint, written in the transaction of the listener
-- that consumed the event; (endpoint_id, event_key) makes a redelivered event a no-op. Its id is the
-- webhook-id of every attempt. payload is the exact body sent (and signed) on every attempt.
--   PENDING -> SENDING -> DELIVERED | PENDING (retry) | DEAD
-- claimed_by is the instance (application_name) sending it: when that instance's heartbeat lapses,
-- or lease_until passes, the row is PENDING again and resent with the same webhook-id.
CREATE TABLE webhooks.deliveries
(
  id                 UUID        NOT NULL PRIMARY KEY,
  endpoint_id        UUID        NOT NULL REFERENCES webhooks.endpoints (id) ON DELETE CASCADE,
  event_key          TEXT        NOT NULL,
  event_type         TEXT        NOT NULL,
  payload            TEXT        NOT NULL,
  status             TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'DEAD')),
  attempts           INTEGER     NOT NULL DEFAULT 0,
  next_attempt_at    TIMESTAMPTZ,
  retry_until        TIMESTAMPTZ NOT NULL,
  lease_until        TIMESTAMPTZ,
  claimed_by         TEXT,
  last_response_code INTEGER,
  last_error         TEXT,
  last_attempt_at    TIMESTAMPTZ,
  delivered_at       TIMESTAMPTZ,
  created_at         TIMESTAMPTZ NOT NULL,
  updated_at         TIMESTAMPTZ NOT NULL,
  CONSTRAINT deliveries_once_per_endpoint UNIQUE (endpoint_id, event_key)
);

CREATE INDEX deliveries_due ON webhooks.deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX deliveries_in_flight ON webhooks.deliveries (lease_until) WHERE status = 'SENDING';
CREATE INDEX deliveries_of_endpoint ON webhooks.deliveries (endpoint_id, created_at DESC, id DESC);
