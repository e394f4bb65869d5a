-- Back to claims committed on their own (V4): every stored key is a completed one.
ALTER TABLE orders.idempotency_keys
  ADD COLUMN claim_id uuid,
  ADD COLUMN status varchar(16),
  ALTER COLUMN response_status DROP NOT NULL,
  ALTER COLUMN response_body DROP NOT NULL,
  ALTER COLUMN order_id DROP NOT NULL;

UPDATE orders.idempotency_keys SET claim_id = gen_random_uuid(), status = 'COMPLETED';

ALTER TABLE orders.idempotency_keys
  ALTER COLUMN claim_id SET NOT NULL,
  ALTER COLUMN status SET NOT NULL,
  ADD CONSTRAINT idempotency_keys_status_check CHECK (status IN ('IN_PROGRESS', 'COMPLETED'));
