-- The W3C traceparent of the span that recorded a notification (docs/adr/0023): the email sent
-- later from this row continues the trace of the request that caused it. NULL without tracing.
ALTER TABLE notifications.notifications ADD COLUMN traceparent TEXT;
