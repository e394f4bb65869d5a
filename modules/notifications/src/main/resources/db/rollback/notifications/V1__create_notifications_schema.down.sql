DROP SCHEMA notifications;
