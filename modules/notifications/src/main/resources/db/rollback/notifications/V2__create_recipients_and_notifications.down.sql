DROP TABLE notifications.notifications;
DROP TABLE notifications.recipients;
