-- An Idempotency-Key is now written only in the transaction that places its order, together with the
-- order and its event publications, and held meanwhile by a transaction-scoped advisory lock (ADR 0017).
-- A key row therefore always carries its response: there is no IN_PROGRESS state and no claim to
-- abandon. Rows left IN_PROGRESS by the previous version are abandoned claims: they are dropped.
DELETE FROM orders.idempotency_keys WHERE status <> 'COMPLETED';

ALTER TABLE orders.idempotency_keys
  DROP COLUMN claim_id,
  DROP COLUMN status,
  ALTER COLUMN response_status SET NOT NULL,
  ALTER COLUMN response_body SET NOT NULL,
  ALTER COLUMN order_id SET NOT NULL;
