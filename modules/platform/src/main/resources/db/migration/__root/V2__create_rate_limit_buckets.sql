-- Token buckets of the rate limiter (Bucket4j, PostgreSQL SELECT ... FOR UPDATE backend), shared
-- by every instance of the application so that limits hold across them. Keys are opaque strings
-- (policy, then a user id, a client address or a hash of an e-mail address): no personal data.
CREATE TABLE rate_limit_buckets
(
  id         TEXT        NOT NULL,
  state      BYTEA,
  -- Epoch milliseconds after which the bucket is full again and its row may be deleted.
  expires_at BIGINT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (id)
);
-- The periodic clean-up deletes expired rows.
CREATE INDEX rate_limit_buckets_expires_at_idx ON rate_limit_buckets (expires_at);
