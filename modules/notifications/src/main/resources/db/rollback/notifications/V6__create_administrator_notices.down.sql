DELETE FROM notifications.notifications WHERE kind = 'ADMINISTRATOR_NOTICE';
DROP TABLE notifications.administrator_notices;
