-- Idempotency-Key of order creation, scoped per calling user, kept 24 hours. A key is claimed
-- (IN_PROGRESS) before the order is placed and completed (COMPLETED, with the response) in the
-- transaction that places it; claim_id tells the claimant apart from a later reclaimer.
CREATE TABLE orders.idempotency_keys (
  user_id          uuid         NOT NULL,
  idempotency_key  varchar(255) NOT NULL,
  request_hash     char(64)     NOT NULL,
  claim_id         uuid         NOT NULL,
  status           varchar(16)  NOT NULL CHECK (status IN ('IN_PROGRESS', 'COMPLETED')),
  response_status  integer,
  response_body    text,
  order_id         uuid         REFERENCES orders.orders (id),
  created_at       timestamptz  NOT NULL,
  updated_at       timestamptz  NOT NULL,
  expires_at       timestamptz  NOT NULL,
  PRIMARY KEY (user_id, idempotency_key)
);

CREATE INDEX idempotency_keys_expires_idx ON orders.idempotency_keys (expires_at);
CREATE INDEX idempotency_keys_order_idx ON orders.idempotency_keys (order_id);
