ALTER TABLE notifications.notifications DROP COLUMN traceparent;
