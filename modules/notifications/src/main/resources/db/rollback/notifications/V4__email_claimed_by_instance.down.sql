ALTER TABLE notifications.notifications DROP COLUMN claimed_by;
