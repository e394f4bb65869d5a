ALTER TABLE notifications.notifications DROP COLUMN request_id;
