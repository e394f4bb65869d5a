-- Users whose account was deleted (from the users module's UserDeleted event): no order is placed
-- for them any more. Placement checks this table under a shared advisory lock of the user, the
-- cancellation of a deleted user's orders records the user under the exclusive one, so a placement
-- racing with the deletion is either refused or committed before the cancellation, which then
-- cancels it too (ADR 0015).
CREATE TABLE orders.deleted_customers (
  user_id    uuid        NOT NULL PRIMARY KEY,
  deleted_at timestamptz NOT NULL
);
