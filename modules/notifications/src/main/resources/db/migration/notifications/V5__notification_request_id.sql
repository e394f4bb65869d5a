-- The request id of the request that caused a notification, next to its traceparent (V3): the email
-- sent later from this row logs its lines with the request id and trace id of that request
-- (docs/adr/0035). NULL when no request caused it (or for rows recorded before).
ALTER TABLE notifications.notifications ADD COLUMN request_id TEXT;
